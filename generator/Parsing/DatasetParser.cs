using System;
using System.Collections.Generic;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;
using TypedDataset.Generator.Yaml;

namespace TypedDataset.Generator.Parsing;

/// <summary>
/// Parsing: one YAML file → a <see cref="ParsedFile"/> (a schema, or raw facts with locations).
/// Depends on nothing but the file, so it runs once per file and is cached per file.
/// Checks only what the file alone can tell (YAML syntax, the schema's shape); typing the data
/// against the schema is the validator's job.
/// </summary>
internal static class DatasetParser
{
    public const string SchemaKey = "schema";

    public static ParsedFile Parse(string path, string orderKey, string text)
    {
        var diagnostics = new List<DiagnosticInfo>();
        YamlNode? root = YamlLoader.Load(path, text, diagnostics);
        var context = new Context(path, diagnostics);

        if (root is null || root.IsNull)
        {
            return Result(ParsedFileKind.Empty, null, ImmutableEquatableArray<RawCollection>.Empty);
        }
        if (root.Kind != YamlNodeKind.Mapping)
        {
            context.Report(DiagnosticDescriptors.WrongNodeKind, root, "a mapping of collection names to lists of facts (or a 'schema' mapping)", root.Describe());
            return Result(ParsedFileKind.Empty, null, ImmutableEquatableArray<RawCollection>.Empty);
        }
        if (root.Entries.Any(e => e.Key.Value == SchemaKey))
        {
            SchemaSpec? schema = SchemaParser.Parse(context, root);
            return Result(ParsedFileKind.Schema, schema, ImmutableEquatableArray<RawCollection>.Empty);
        }

        var collections = new List<RawCollection>();
        foreach (KeyValuePair<YamlNode, YamlNode> entry in root.Entries)
        {
            YamlNode value = entry.Value;
            var facts = new List<RawValue>();
            if (value.Kind == YamlNodeKind.Sequence)
            {
                foreach (YamlNode item in value.Items) facts.Add(ToRaw(context, item));
            }
            else if (!value.IsNull)
            {
                context.Report(DiagnosticDescriptors.WrongNodeKind, value, $"a list of facts under '{entry.Key.Value}'", value.Describe());
            }
            collections.Add(new RawCollection(entry.Key.Value, context.Locate(entry.Key), facts.ToImmutableEquatableArray()));
        }
        return Result(ParsedFileKind.Data, null, collections.ToImmutableEquatableArray());

        ParsedFile Result(ParsedFileKind kind, SchemaSpec? schema, ImmutableEquatableArray<RawCollection> raw) =>
            new(path, orderKey, kind, schema, raw, diagnostics.ToImmutableEquatableArray());
    }

    /// <summary>Converts a node to an equatable raw value (depth is bounded by the loader).</summary>
    private static RawValue ToRaw(Context context, YamlNode node)
    {
        LocationInfo location = context.Locate(node);
        switch (node.Kind)
        {
            case YamlNodeKind.Sequence:
                return new RawValue(RawKind.Sequence, string.Empty, location,
                    node.Items.Select(i => ToRaw(context, i)).ToImmutableEquatableArray(), ImmutableEquatableArray<RawEntry>.Empty);
            case YamlNodeKind.Mapping:
                return new RawValue(RawKind.Mapping, string.Empty, location, ImmutableEquatableArray<RawValue>.Empty,
                    node.Entries.Select(e => new RawEntry(e.Key.Value, context.Locate(e.Key), ToRaw(context, e.Value))).ToImmutableEquatableArray());
            default:
                RawKind kind = node.IsNull ? RawKind.Null
                    : node.IsPlain && node.Tag is null or "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:bool" ? RawKind.Plain
                    : RawKind.Text;
                return new RawValue(kind, node.Value, location, ImmutableEquatableArray<RawValue>.Empty, ImmutableEquatableArray<RawEntry>.Empty);
        }
    }

    /// <summary>The file being parsed and its diagnostics.</summary>
    internal sealed class Context
    {
        public Context(string path, List<DiagnosticInfo> diagnostics)
        {
            Path = path;
            Diagnostics = diagnostics;
        }

        public string Path { get; }

        public List<DiagnosticInfo> Diagnostics { get; }

        public LocationInfo Locate(YamlNode node) => YamlLocations.Of(Path, node);

        /// <summary>Reports at a node; text arguments are made safe to show (see <see cref="Names.ForMessage"/>).</summary>
        public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, YamlNode at, params object?[] arguments) =>
            Diagnostics.Add(DiagnosticInfo.Create(descriptor, Locate(at), arguments.Select(a => (object?)Names.ForMessage(a?.ToString() ?? string.Empty, 1000)).ToArray()));
    }
}
