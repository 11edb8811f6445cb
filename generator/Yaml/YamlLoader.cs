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

    /// <summary>At most this many TDS001 reports of forbidden characters per file (a binary file would have millions).</summary>
    public const int MaxCharacterReports = 10;

    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    private const char ByteOrderMark = '\uFEFF';

    public static YamlNode? Load(string path, string text, List<DiagnosticInfo> diagnostics)
    {
        if (text.Length > MaxFileLength)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LimitExceeded, LocationInfo.FileStart(path),
                $"The file has {Number(text.Length)} characters, more than the limit of {Number(MaxFileLength)}"));
            return null;
        }

        var state = new LoadState(path, text, diagnostics);
        try
        {
            return state.Run();
        }
        catch (YamlException ex)
        {
            string message = Names.ForMessage(CleanMessage(ex), 1000);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntax, state.LocateError(ex.Start, ex.End, message), message));
            return null;
        }
        catch (LimitException ex)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LimitExceeded, ex.Location, ex.Message));
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // YamlDotNet's scanner can fail with other exceptions on some malformed inputs (for example an
            // InvalidOperationException on an unclosed flow mapping followed by a block entry): still a syntax error.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntax, state.LastLocation,
                "malformed YAML after this point (the parser could not continue)"));
            return null;
        }
    }

    /// <summary>A count with ',' thousands separators, whatever the current culture.</summary>
    internal static string Number(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

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

        private readonly LineMap _lines;
        private readonly string _yaml;
        private readonly int _skip;
        private readonly char[]? _separatorStandIns;
        private Position _last;

        public LoadState(string path, string text, List<DiagnosticInfo> diagnostics)
        {
            _path = path;
            _text = text;
            _diagnostics = diagnostics;
            _lines = new LineMap(text);
            _skip = text.Length > 0 && text[0] == ByteOrderMark ? 1 : 0;
            _separatorStandIns = ChooseStandIns(text);
            _yaml = Prepare();
        }

        /// <summary>Where parsing got to: the end of the last event read (for failures without a position).</summary>
        public LocationInfo LastLocation => new(_path, _last.Offset, 0, _last.Line, _last.Column, _last.Line, _last.Column);

        /// <summary>
        /// The text YamlDotNet reads, of the same length as the file (minus a leading byte order mark) so
        /// that its offsets are ours: characters YAML does not allow are reported (TDS001) and replaced by
        /// U+FFFD, and U+2028, U+2029 and U+0085, which YAML 1.2 reads as ordinary characters but YamlDotNet
        /// as line breaks, are replaced by stand-ins that <see cref="Restore"/> turns back in scalar values.
        /// </summary>
        private string Prepare()
        {
            char[]? chars = null;
            int reported = 0;
            for (int i = _skip; i < _text.Length; i++)
            {
                char c = _text[i];
                char replacement;
                if (c is '\u2028' or '\u2029' or '\u0085')
                {
                    if (_separatorStandIns is null) continue;
                    replacement = _separatorStandIns[c == '\u2028' ? 0 : c == '\u2029' ? 1 : 2];
                }
                else if (IsForbidden(c))
                {
                    replacement = '\uFFFD';
                    if (reported < MaxCharacterReports)
                    {
                        reported++;
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntax, At(i, 1), Forbidden(c)));
                    }
                }
                else
                {
                    continue;
                }
                chars ??= _text.ToCharArray();
                chars[i] = replacement;
            }
            if (chars is null) return _skip == 0 ? _text : _text.Substring(_skip);
            return new string(chars, _skip, chars.Length - _skip);
        }

        private static string Forbidden(char c)
        {
            string code = "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
            return c == '\0'
                ? $"a NUL character ({code}) is not allowed in YAML; remove it (NUL characters usually mean a binary or UTF-16 file)"
                : $"the character {code} is not allowed in YAML (control characters and non-characters must be written as escapes in a double-quoted string); remove it";
        }

        /// <summary>Characters outside YAML's printable set (tab, line breaks and surrogates aside), and the non-characters used as stand-ins.</summary>
        private static bool IsForbidden(char c) =>
            (c < ' ' && c is not ('\t' or '\n' or '\r'))
            || (c >= '\u007F' && c <= '\u009F' && c != '\u0085')
            || (c >= '\uFDD0' && c <= '\uFDEF')
            || c is '\uFFFE' or '\uFFFF';

        /// <summary>
        /// Three non-characters (U+FDD0–U+FDEF) that stand in for U+2028, U+2029, U+0085 while YamlDotNet reads
        /// the text. A candidate is used only if neither it nor an escape that could produce it ("FDDx" in
        /// hex) occurs in the file, so restoring them is exact. Null when the file has no such separator.
        /// </summary>
        private static char[]? ChooseStandIns(string text)
        {
            if (text.IndexOf('\u2028') < 0 && text.IndexOf('\u2029') < 0 && text.IndexOf('\u0085') < 0) return null;
            var chosen = new List<char>(3);
            for (int c = 0xFDD0; c <= 0xFDEF && chosen.Count < 3; c++)
            {
                string hex = c.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
                if (text.IndexOf((char)c) >= 0 || text.IndexOf(hex, StringComparison.OrdinalIgnoreCase) >= 0) continue;
                chosen.Add((char)c);
            }
            return chosen.Count == 3 ? chosen.ToArray() : null;
        }

        private string Restore(string value)
        {
            if (_separatorStandIns is null || value.Length == 0) return value;
            return value.Replace(_separatorStandIns[0], '\u2028').Replace(_separatorStandIns[1], '\u2029').Replace(_separatorStandIns[2], '\u0085');
        }

        public YamlNode? Run()
        {
            var parser = new Parser(new StringReader(_yaml));
            int documents = 0;
            while (parser.MoveNext())
            {
                ParsingEvent current = parser.Current!;
                _last = ToPosition(current.End);
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
                Value = Restore(scalar.Value),
                IsPlain = scalar.Style == ScalarStyle.Plain,
                Tag = CheckTag(scalar.Tag, scalar),
                End = ToPosition(scalar.End),
            };
            if (node.IsPlain && node.Value.IndexOf(ByteOrderMark) >= 0)
            {
                // A byte order mark inside the file (not in a quoted string) is invisible: report each one
                // where it is, and read the scalar without it so that keys still match.
                for (int i = node.Start.Offset; i < Math.Min(node.End.Offset, _text.Length); i++)
                {
                    if (_text[i] == ByteOrderMark)
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntax, At(i, 1),
                            "a byte order mark (U+FEFF) in the middle of the file; remove it (it is invisible and only allowed as the first character)"));
                    }
                }
                node.Value = node.Value.Replace(ByteOrderMark.ToString(), string.Empty);
            }
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
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTag, Locate(owner.Start, owner.End), Names.ForMessage(shown)));
                    return null;
            }
        }

        private void Push(YamlNode node, NodeEvent start, AnchorName anchor)
        {
            CheckTag(start.Tag, start);
            if (_stack.Count >= MaxDepth)
            {
                throw new LimitException(Locate(start.Start, start.End), $"Nesting deeper than {Number(MaxDepth)} levels");
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
                throw new YamlException(alias.Start, alias.End, $"unknown alias '*{Names.ForMessage(alias.Value.Value)}'; define the anchor '&{Names.ForMessage(alias.Value.Value)}' before using it");
            }
            CountNodes(target.Size, alias);
            if (target.Kind == YamlNodeKind.Scalar)
            {
                // A scalar is located where the alias is (a duplicate key written as an alias is reported there).
                target = new YamlNode(YamlNodeKind.Scalar, ToPosition(alias.Start))
                {
                    Value = target.Value,
                    IsPlain = target.IsPlain,
                    Tag = target.Tag,
                    End = ToPosition(alias.End),
                };
            }
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
                throw new LimitException(location, $"More than {Number(MaxNodes)} YAML nodes once aliases are expanded");
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
                if (parent.Merges is { Count: > 0 })
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateMappingKey, Span(key), key.Value,
                        Number(parent.Merges[0].Key.Start.Line + 1)));
                    return;
                }
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
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateMappingKey, Span(key), Names.ForMessage(key.Value), Number(first.Start.Line + 1)));
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

        /// <summary>
        /// A YamlDotNet mark as a position in the file. Only the character offset is taken from YamlDotNet;
        /// line and column are computed from it with the compiler's line breaks (CR, LF, CRLF, U+0085,
        /// U+2028, U+2029), so that they always agree with what the IDE shows for the same offset.
        /// </summary>
        private Position ToPosition(Mark mark)
        {
            long index = mark.Index + _skip;
            int offset = (int)Math.Max(0, Math.Min(index, _text.Length));
            return _lines.At(offset);
        }

        private LocationInfo At(int offset, int length)
        {
            Position s = _lines.At(offset);
            Position e = _lines.At(Math.Min(_text.Length, offset + length));
            return new LocationInfo(_path, s.Offset, e.Offset - s.Offset, s.Line, s.Column, e.Line, e.Column);
        }

        public LocationInfo Locate(Mark start, Mark end)
        {
            Position s = ToPosition(start);
            Position e = ToPosition(end);
            if (e.Offset < s.Offset) e = s;
            return new LocationInfo(_path, s.Offset, e.Offset - s.Offset, s.Line, s.Column, e.Line, e.Column);
        }

        /// <summary>The location of a syntax error; for a misplaced tab, the tab itself (YamlDotNet points at the scalar before it).</summary>
        public LocationInfo LocateError(Mark start, Mark end, string message)
        {
            if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                int from = ToPosition(start).Offset;
                int limit = Math.Min(_text.Length, Math.Max(ToPosition(end).Offset, from) + 400);
                for (int i = from; i < limit; i++)
                {
                    if (_text[i] == '\t') return At(i, 1);
                }
            }
            return Locate(start, end);
        }

        private LocationInfo Span(YamlNode node) => YamlLocations.Of(_path, node);
    }
}

/// <summary>
/// Line starts of a text, with the compiler's line breaks (CR, LF, CRLF, U+0085, U+2028, U+2029), so that
/// a character offset gives the same 0-based line and column as Roslyn's <c>SourceText.Lines</c>.
/// </summary>
internal sealed class LineMap
{
    private readonly int[] _starts;
    private readonly int _length;

    public LineMap(string text)
    {
        _length = text.Length;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c is '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                starts.Add(i + 1);
            }
        }
        _starts = starts.ToArray();
    }

    public Position At(int offset)
    {
        offset = Math.Max(0, Math.Min(offset, _length));
        int line = Array.BinarySearch(_starts, offset);
        if (line < 0) line = ~line - 1;
        return new Position(offset, line, offset - _starts[line]);
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
