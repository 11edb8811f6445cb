using System.Collections.Generic;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;
using TypedDataset.Generator.Yaml;

namespace TypedDataset.Generator.Parsing;

/// <summary>
/// Parses the schema file's shape into a <see cref="SchemaSpec"/> (names, field type texts, docs).
/// Resolving field types and cross-checking names is done by the validator.
/// </summary>
internal static class SchemaParser
{
    public const string DefaultRoot = "Dataset";

    private static readonly string[] SchemaKeys = { "root", "doc", "enums", "values", "types", "evidence" };
    private static readonly string[] EnumKeys = { "doc", "values" };
    private static readonly string[] ValueKeys = { "doc", "fields" };
    private static readonly string[] TypeKeys = { "collection", "key", "name", "aliases", "doc", "fields" };
    private static readonly string[] FieldKeys = { "type", "doc", "inverse" };
    private static readonly string[] EvidenceKeys = { "source", "file", "sha256", "paragraphs", "quote", "quote_source", "paragraph", "text" };

    public static SchemaSpec? Parse(DatasetParser.Context context, YamlNode root)
    {
        Dictionary<string, YamlNode> top = ReadMapping(context, root, new[] { DatasetParser.SchemaKey }, "top-level");
        YamlNode schemaNode = top[DatasetParser.SchemaKey];
        if (!ExpectMapping(context, schemaNode, "the schema mapping")) return null;

        Dictionary<string, YamlNode> keys = ReadMapping(context, schemaNode, SchemaKeys, "schema");
        string root_ = Scalar(context, keys, "root") ?? DefaultRoot;
        string? doc = Scalar(context, keys, "doc");

        var enums = new List<EnumSpec>();
        foreach ((YamlNode name, YamlNode body) in Entries(context, keys, "enums"))
        {
            enums.Add(ParseEnum(context, name, body));
        }

        var types = new List<TypeSpec>();
        foreach ((YamlNode name, YamlNode body) in Entries(context, keys, "values"))
        {
            if (!ExpectMapping(context, body, $"the declaration of value '{name.Value}'")) continue;
            Dictionary<string, YamlNode> options = ReadMapping(context, body, ValueKeys, $"value '{name.Value}'");
            types.Add(new TypeSpec(name.Value, IsEntity: false, Collection: string.Empty, KeyField: string.Empty, KeyProperty: string.Empty,
                KeyDoc: null, NameField: null, AliasesField: null, Scalar(context, options, "doc"),
                ParseFields(context, options), context.Locate(name)));
        }
        foreach ((YamlNode name, YamlNode body) in Entries(context, keys, "types"))
        {
            if (!ExpectMapping(context, body, $"the declaration of type '{name.Value}'")) continue;
            Dictionary<string, YamlNode> options = ReadMapping(context, body, TypeKeys, $"type '{name.Value}'");
            string? collection = Required(context, options, "collection", "Type", name);
            string? key = Required(context, options, "key", "Type", name);
            ImmutableEquatableArray<FieldSpec> fields = ParseFields(context, options);
            // The key field is implicit (a string). Declaring it among the fields only documents it.
            FieldSpec? keyField = fields.FirstOrDefault(f => f.YamlName == key);
            types.Add(new TypeSpec(name.Value, IsEntity: true, collection ?? string.Empty, key ?? string.Empty,
                key is null ? string.Empty : Names.ToPascalCase(key) ?? string.Empty, keyField?.Doc,
                Scalar(context, options, "name"), Scalar(context, options, "aliases"), Scalar(context, options, "doc"),
                keyField is null ? fields : fields.Where(f => f != keyField).ToImmutableEquatableArray(),
                context.Locate(name)));
        }

        EvidenceSpec? evidence = null;
        if (keys.TryGetValue("evidence", out YamlNode? evidenceNode) && ExpectMapping(context, evidenceNode, "the evidence options"))
        {
            Dictionary<string, YamlNode> e = ReadMapping(context, evidenceNode, EvidenceKeys, "evidence");
            string?[] required = EvidenceKeys.Where(k => k != "paragraphs").Select(k => Required(context, e, k, "Evidence", evidenceNode)).ToArray();
            if (required.All(r => r is not null))
            {
                evidence = new EvidenceSpec(required[0]!, required[1]!, required[2]!, Scalar(context, e, "paragraphs"),
                    required[3]!, required[4]!, required[5]!, required[6]!, context.Locate(evidenceNode));
            }
        }

        return new SchemaSpec(root_, doc, enums.ToImmutableEquatableArray(), types.ToImmutableEquatableArray(), evidence, context.Locate(schemaNode));
    }

    private static EnumSpec ParseEnum(DatasetParser.Context context, YamlNode name, YamlNode body)
    {
        string? doc = null;
        var values = new List<EnumValueSpec>();
        YamlNode? list = body;
        if (body.Kind == YamlNodeKind.Mapping)
        {
            Dictionary<string, YamlNode> options = ReadMapping(context, body, EnumKeys, $"enum '{name.Value}'");
            doc = Scalar(context, options, "doc");
            options.TryGetValue("values", out list);
            if (list is null) context.Report(DiagnosticDescriptors.MissingSchemaKey, name, "Enum", name.Value, "values");
        }
        if (list is not null && ExpectKind(context, list, YamlNodeKind.Sequence, $"the values of enum '{name.Value}'"))
        {
            foreach (YamlNode item in list.Items)
            {
                if (!ExpectKind(context, item, YamlNodeKind.Scalar, "an enum value")) continue;
                values.Add(new EnumValueSpec(item.Value, Names.ToPascalCase(item.Value) ?? string.Empty, context.Locate(item)));
            }
        }
        return new EnumSpec(name.Value, doc, values.ToImmutableEquatableArray(), context.Locate(name));
    }

    private static ImmutableEquatableArray<FieldSpec> ParseFields(DatasetParser.Context context, Dictionary<string, YamlNode> options)
    {
        var fields = new List<FieldSpec>();
        foreach ((YamlNode name, YamlNode body) in Entries(context, options, "fields"))
        {
            string? type = null;
            string? doc = null;
            string? inverse = null;
            YamlNode typeNode = body;
            if (body.Kind == YamlNodeKind.Mapping)
            {
                Dictionary<string, YamlNode> f = ReadMapping(context, body, FieldKeys, $"field '{name.Value}'");
                type = Required(context, f, "type", "Field", name);
                doc = Scalar(context, f, "doc");
                inverse = Scalar(context, f, "inverse");
                if (f.TryGetValue("type", out YamlNode? t)) typeNode = t;
            }
            else if (ExpectKind(context, body, YamlNodeKind.Scalar, $"the type of field '{name.Value}'"))
            {
                type = body.Value;
            }
            if (type is null) continue;
            fields.Add(new FieldSpec(name.Value, Names.ToPascalCase(name.Value) ?? string.Empty, type.Trim(), doc, inverse,
                context.Locate(name), context.Locate(typeNode)));
        }
        return fields.ToImmutableEquatableArray();
    }

    // ---------- small readers ----------

    private static IEnumerable<(YamlNode Name, YamlNode Body)> Entries(DatasetParser.Context context, Dictionary<string, YamlNode> options, string key)
    {
        if (!options.TryGetValue(key, out YamlNode? node) || node.IsNull) yield break;
        if (!ExpectMapping(context, node, $"a mapping of names under '{key}'")) yield break;
        foreach (KeyValuePair<YamlNode, YamlNode> entry in node.Entries) yield return (entry.Key, entry.Value);
    }

    /// <summary>Reads a mapping's entries, reporting keys that are not in <paramref name="allowed"/>.</summary>
    private static Dictionary<string, YamlNode> ReadMapping(DatasetParser.Context context, YamlNode node, string[] allowed, string what)
    {
        var result = new Dictionary<string, YamlNode>(System.StringComparer.Ordinal);
        foreach (KeyValuePair<YamlNode, YamlNode> entry in node.Entries)
        {
            if (allowed.Contains(entry.Key.Value))
            {
                result[entry.Key.Value] = entry.Value;
            }
            else
            {
                string hint = Names.DidYouMean(entry.Key.Value, allowed);
                if (hint.Length == 0) hint = "; allowed: " + string.Join(", ", allowed);
                context.Report(DiagnosticDescriptors.UnknownSchemaKey, entry.Key, what, entry.Key.Value, hint);
            }
        }
        return result;
    }

    private static string? Scalar(DatasetParser.Context context, Dictionary<string, YamlNode> options, string key)
    {
        if (!options.TryGetValue(key, out YamlNode? node) || node.IsNull) return null;
        return ExpectKind(context, node, YamlNodeKind.Scalar, $"a text value for '{key}'") ? node.Value : null;
    }

    private static string? Required(DatasetParser.Context context, Dictionary<string, YamlNode> options, string key, string what, YamlNode owner)
    {
        string? value = Scalar(context, options, key);
        if (value is null && !options.ContainsKey(key))
        {
            context.Report(DiagnosticDescriptors.MissingSchemaKey, owner, what, owner.Kind == YamlNodeKind.Scalar ? owner.Value : "evidence", key);
        }
        return value;
    }

    private static bool ExpectMapping(DatasetParser.Context context, YamlNode node, string what) =>
        ExpectKind(context, node, YamlNodeKind.Mapping, what);

    private static bool ExpectKind(DatasetParser.Context context, YamlNode node, YamlNodeKind kind, string what)
    {
        if (node.Kind == kind && !(kind == YamlNodeKind.Scalar && node.IsNull)) return true;
        string expected = kind switch
        {
            YamlNodeKind.Mapping => "a mapping",
            YamlNodeKind.Sequence => "a list",
            _ => "a scalar",
        };
        context.Report(DiagnosticDescriptors.WrongNodeKind, node, $"{expected} ({what})", node.Describe());
        return false;
    }
}
