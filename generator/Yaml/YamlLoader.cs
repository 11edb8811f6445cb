using System;
using System.Collections.Generic;
using System.IO;
using TypedDataset.Generator.Common;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TypedDataset.Generator.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YamlNode"/>s with positions, using YamlDotNet's event parser.
/// The loader is iterative (no recursion), rejects duplicate keys and unknown tags, supports
/// anchors, aliases and merge keys, and enforces the documented limits (see docs/diagnostics.md).
/// It never throws: every problem becomes a diagnostic.
/// </summary>
internal static class YamlLoader
{
    /// <summary>Largest file read (characters). Larger files get TDS004 and are not parsed.</summary>
    public const int MaxFileLength = 16 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes in one file once aliases are expanded ("billion laughs" guard).</summary>
    public const long MaxNodes = 2_000_000;

    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    public static YamlNode? Load(string path, string text, List<DiagnosticInfo> diagnostics)
    {
        if (text.Length > MaxFileLength)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LimitExceeded, LocationInfo.FileStart(path),
                $"The file has {text.Length:N0} characters, more than the limit of {MaxFileLength:N0}"));
            return null;
        }

        var state = new LoadState(path, text, diagnostics);
        try
        {
            return state.Run();
        }
        catch (YamlException ex)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntax, state.Locate(ex.Start, ex.End), CleanMessage(ex)));
            return null;
        }
        catch (LimitException ex)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LimitExceeded, ex.Location, ex.Message));
            return null;
        }
    }

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (…): "; the location is ours to give.
        string message = ex.Message;
        int marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && marker > 0)
        {
            message = message.Substring(marker + 3);
        }
        return message.Trim();
    }

    private sealed class LimitException : Exception
    {
        public LimitException(LocationInfo location, string message) : base(message) => Location = location;

        public LocationInfo Location { get; }
    }

    private sealed class Frame
    {
        public Frame(YamlNode node, string? anchor)
        {
            Node = node;
            Anchor = anchor;
        }

        public YamlNode Node { get; }
        public string? Anchor { get; }
        public YamlNode? PendingKey { get; set; }
        public Dictionary<string, YamlNode>? Keys { get; set; }
        public List<KeyValuePair<YamlNode, YamlNode>>? Merges { get; set; }
    }

    private sealed class LoadState
    {
        private readonly string _path;
        private readonly string _text;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
        private readonly Stack<Frame> _stack = new();
        private long _nodes;

        public LoadState(string path, string text, List<DiagnosticInfo> diagnostics)
        {
            _path = path;
            _text = text;
            _diagnostics = diagnostics;
        }

        public YamlNode? Run()
        {
            var parser = new Parser(new StringReader(_text));
            int documents = 0;
            while (parser.MoveNext())
            {
                ParsingEvent current = parser.Current!;
                switch (current)
                {
                    case DocumentStart start:
                        documents++;
                        if (documents == 2)
                        {
                            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntax, Locate(start.Start, start.End),
                                "a second YAML document ('---') in one file; put each document in its own file"));
                            return _root;
                        }
                        break;
                    case Scalar scalar:
                        Add(CreateScalar(scalar), scalar.Anchor);
                        break;
                    case AnchorAlias alias:
                        AddAlias(alias);
                        break;
                    case SequenceStart sequence:
                        Push(new YamlNode(YamlNodeKind.Sequence, ToPosition(sequence.Start)), sequence, sequence.Anchor);
                        break;
                    case MappingStart mapping:
                        Push(new YamlNode(YamlNodeKind.Mapping, ToPosition(mapping.Start)), mapping, mapping.Anchor);
                        break;
                    case SequenceEnd:
                    case MappingEnd:
                        Pop(current);
                        break;
                }
            }
            return _root;
        }

        private YamlNode? _root;

        private YamlNode CreateScalar(Scalar scalar)
        {
            var node = new YamlNode(YamlNodeKind.Scalar, ToPosition(scalar.Start))
            {
                Value = scalar.Value,
                IsPlain = scalar.Style == ScalarStyle.Plain,
                Tag = CheckTag(scalar.Tag, scalar),
                End = ToPosition(scalar.End),
            };
            return node;
        }

        private string? CheckTag(TagName tag, ParsingEvent owner)
        {
            if (tag.IsEmpty || tag.IsNonSpecific) return null;
            string value = tag.Value;
            switch (value)
            {
                case YamlTagPrefix + "str":
                case YamlTagPrefix + "int":
                case YamlTagPrefix + "float":
                case YamlTagPrefix + "bool":
                case YamlTagPrefix + "null":
                case YamlTagPrefix + "map":
                case YamlTagPrefix + "seq":
                    return value;
                default:
                    string shown = value.StartsWith(YamlTagPrefix, StringComparison.Ordinal) ? "!!" + value.Substring(YamlTagPrefix.Length) : value;
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTag, Locate(owner.Start, owner.End), shown));
                    return null;
            }
        }

        private void Push(YamlNode node, NodeEvent start, AnchorName anchor)
        {
            CheckTag(start.Tag, start);
            if (_stack.Count >= MaxDepth)
            {
                throw new LimitException(Locate(start.Start, start.End), $"Nesting deeper than {MaxDepth} levels");
            }
            CountNodes(1, start);
            _stack.Push(new Frame(node, anchor.IsEmpty ? null : anchor.Value));
        }

        private YamlNode Pop(ParsingEvent end)
        {
            Frame frame = _stack.Pop();
            YamlNode node = frame.Node;
            node.End = ToPosition(end.End);
            if (frame.Merges is not null)
            {
                ApplyMerges(frame);
            }
            long size = 1;
            foreach (YamlNode item in node.Items) size += item.Size;
            foreach (KeyValuePair<YamlNode, YamlNode> entry in node.Entries) size += entry.Key.Size + entry.Value.Size;
            node.Size = size;
            if (frame.Anchor is not null) _anchors[frame.Anchor] = node;
            if (_stack.Count > 0) AddToParent(node, end);
            else _root = node;
            return node;
        }

        private void Add(YamlNode node, AnchorName anchor)
        {
            CountNodes(1, null);
            if (!anchor.IsEmpty) _anchors[anchor.Value] = node;
            if (_stack.Count == 0)
            {
                _root = node;
                return;
            }
            AddToParent(node, null);
        }

        private void AddAlias(AnchorAlias alias)
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out YamlNode? target))
            {
                throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'; define the anchor '&{alias.Value.Value}' before using it");
            }
            CountNodes(target.Size, alias);
            if (_stack.Count == 0)
            {
                _root = target;
                return;
            }
            AddToParent(target, alias);
        }

        private void CountNodes(long count, ParsingEvent? at)
        {
            _nodes += count;
            if (_nodes > MaxNodes)
            {
                LocationInfo location = at is null ? LocationInfo.FileStart(_path) : Locate(at.Start, at.End);
                throw new LimitException(location, $"More than {MaxNodes:N0} YAML nodes once aliases are expanded");
            }
        }

        private void AddToParent(YamlNode node, ParsingEvent? at)
        {
            Frame parent = _stack.Peek();
            if (parent.Node.Kind == YamlNodeKind.Sequence)
            {
                parent.Node.Items.Add(node);
                return;
            }
            if (parent.PendingKey is null)
            {
                parent.PendingKey = node;
                return;
            }
            YamlNode key = parent.PendingKey;
            parent.PendingKey = null;
            if (key.Kind == YamlNodeKind.Scalar && key.IsPlain && key.Value == "<<" && key.Tag is null)
            {
                (parent.Merges ??= new()).Add(new KeyValuePair<YamlNode, YamlNode>(key, node));
                return;
            }
            if (key.Kind != YamlNodeKind.Scalar)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongNodeKind, Span(key), "a scalar key", key.Describe()));
                return;
            }
            parent.Keys ??= new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            if (parent.Keys.TryGetValue(key.Value, out YamlNode? first))
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateMappingKey, Span(key), key.Value, first.Start.Line + 1));
                return;
            }
            parent.Keys.Add(key.Value, key);
            parent.Node.Entries.Add(new KeyValuePair<YamlNode, YamlNode>(key, node));
        }

        private void ApplyMerges(Frame frame)
        {
            // YAML merge keys: entries of the merged mappings that the mapping does not set itself.
            foreach (KeyValuePair<YamlNode, YamlNode> merge in frame.Merges!)
            {
                var sources = new List<YamlNode>();
                if (merge.Value.Kind == YamlNodeKind.Mapping) sources.Add(merge.Value);
                else if (merge.Value.Kind == YamlNodeKind.Sequence) sources.AddRange(merge.Value.Items);
                foreach (YamlNode source in sources)
                {
                    if (source.Kind != YamlNodeKind.Mapping)
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongNodeKind, Span(source), "a mapping to merge ('<<')", source.Describe()));
                        continue;
                    }
                    foreach (KeyValuePair<YamlNode, YamlNode> entry in source.Entries)
                    {
                        frame.Keys ??= new Dictionary<string, YamlNode>(StringComparer.Ordinal);
                        if (frame.Keys.ContainsKey(entry.Key.Value)) continue;
                        frame.Keys.Add(entry.Key.Value, entry.Key);
                        frame.Node.Entries.Add(entry);
                    }
                }
                if (sources.Count == 0)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongNodeKind, Span(merge.Value), "a mapping or a list of mappings to merge ('<<')", merge.Value.Describe()));
                }
            }
        }

        private Position ToPosition(Mark mark)
        {
            int offset = (int)Math.Max(0, Math.Min(mark.Index, _text.Length));
            return new Position(offset, (int)Math.Max(0, mark.Line - 1), (int)Math.Max(0, mark.Column - 1));
        }

        public LocationInfo Locate(Mark start, Mark end)
        {
            Position s = ToPosition(start);
            Position e = ToPosition(end);
            if (e.Offset < s.Offset) e = s;
            return new LocationInfo(_path, s.Offset, e.Offset - s.Offset, s.Line, s.Column, e.Line, e.Column);
        }

        private LocationInfo Span(YamlNode node) => YamlLocations.Of(_path, node);
    }
}

internal static class YamlLocations
{
    public static LocationInfo Of(string path, YamlNode node)
    {
        Position s = node.Start;
        Position e = node.End.Offset < s.Offset ? s : node.End;
        return new LocationInfo(path, s.Offset, e.Offset - s.Offset, s.Line, s.Column, e.Line, e.Column);
    }
}
