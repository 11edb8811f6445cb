using System.Collections.Generic;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Validation;

/// <summary>
/// Validation of the schema: names, field types (resolved here), inverses, value cycles and the
/// evidence configuration. Returns the resolved schema, or null when it has errors.
/// </summary>
internal static class SchemaValidator
{
    /// <summary>Type names the generator itself emits into the dataset namespace.</summary>
    public static readonly string[] ReservedTypeNames = { "PartialDate", "DatePrecision", "TypedDatasetRuntime" };

    /// <summary>Members every record has (or inherits); fields and inverses may not use them.</summary>
    private static readonly string[] ReservedRecordMembers =
        { "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize", "Clone" };

    private static readonly Dictionary<string, FieldKind> Primitives = new(System.StringComparer.Ordinal)
    {
        ["string"] = FieldKind.String,
        ["integer"] = FieldKind.Integer,
        ["decimal"] = FieldKind.Decimal,
        ["boolean"] = FieldKind.Boolean,
        ["date"] = FieldKind.Date,
    };

    public static SchemaSpec? Validate(SchemaSpec schema, List<DiagnosticInfo> diagnostics)
    {
        int errorsBefore = diagnostics.Count;
        void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor d, LocationInfo at, params object?[] args) =>
            diagnostics.Add(DiagnosticInfo.Create(d, at, args));

        // ---- top-level names: types, values, enums, collections, root share the namespace ----
        var topNames = new Dictionary<string, string>(System.StringComparer.Ordinal);
        void Claim(string name, string what, LocationInfo at)
        {
            if (!Names.IsValidTypeName(name))
            {
                Report(DiagnosticDescriptors.InvalidName, at, name, what, "use an ASCII C# identifier that is not a keyword (for example 'Person')");
            }
            else if (ReservedTypeNames.Contains(name))
            {
                Report(DiagnosticDescriptors.InvalidName, at, name, what, "the generator emits a type of that name");
            }
            else if (topNames.TryGetValue(name, out string? previous))
            {
                Report(DiagnosticDescriptors.DuplicateName, at, name, $"{previous} and {what}");
            }
            else
            {
                topNames.Add(name, what);
            }
        }

        Claim(schema.Root, "root class", schema.Location);
        foreach (EnumSpec e in schema.Enums) Claim(e.Name, "enum", e.Location);
        foreach (TypeSpec t in schema.Types)
        {
            Claim(t.Name, t.IsEntity ? "type" : "value", t.Location);
            if (t.IsEntity && t.Collection.Length > 0) Claim(t.Collection, "collection", t.Location);
        }

        // ---- enums ----
        foreach (EnumSpec e in schema.Enums)
        {
            if (e.Values.Count == 0) Report(DiagnosticDescriptors.MissingSchemaKey, e.Location, "Enum", e.Name, "values");
            var members = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (EnumValueSpec v in e.Values)
            {
                if (v.MemberName.Length == 0)
                {
                    Report(DiagnosticDescriptors.InvalidName, v.Location, v.Text, "enum value", "use ASCII letters, digits, spaces and - _ . / ( ) , ' & +, starting with a letter");
                }
                else if (members.TryGetValue(v.MemberName, out string? other))
                {
                    Report(DiagnosticDescriptors.DuplicateName, v.Location, v.MemberName, $"enum values '{other}' and '{v.Text}' of {e.Name}");
                }
                else
                {
                    members.Add(v.MemberName, v.Text);
                }
            }
        }

        // ---- fields: resolve types ----
        var enumNames = new HashSet<string>(schema.Enums.Select(e => e.Name), System.StringComparer.Ordinal);
        var typesByName = new Dictionary<string, TypeSpec>(System.StringComparer.Ordinal);
        foreach (TypeSpec t in schema.Types) typesByName[t.Name] = t;
        var knownTypeNames = Primitives.Keys.Concat(enumNames).Concat(typesByName.Keys).ToArray();

        var resolvedTypes = new List<TypeSpec>();
        foreach (TypeSpec type in schema.Types)
        {
            var fields = new List<FieldSpec>();
            var properties = new Dictionary<string, string>(System.StringComparer.Ordinal);
            if (type.IsEntity)
            {
                if (type.KeyProperty.Length == 0)
                {
                    if (type.KeyField.Length > 0) Report(DiagnosticDescriptors.InvalidName, type.Location, type.KeyField, "key field", "use ASCII letters, digits and '_', starting with a letter");
                }
                else
                {
                    properties.Add(type.KeyProperty, type.KeyField);
                }
            }
            foreach (FieldSpec field in type.Fields)
            {
                if (field.PropertyName.Length == 0)
                {
                    Report(DiagnosticDescriptors.InvalidName, field.Location, field.YamlName, "field", "use ASCII letters, digits and '_', starting with a letter (for example 'in_print')");
                    continue;
                }
                if (field.PropertyName == type.Name || ReservedRecordMembers.Contains(field.PropertyName))
                {
                    Report(DiagnosticDescriptors.InvalidName, field.Location, field.YamlName, "field", $"the property '{field.PropertyName}' would clash with a member of record {type.Name}");
                    continue;
                }
                if (properties.TryGetValue(field.PropertyName, out string? other))
                {
                    Report(DiagnosticDescriptors.DuplicateName, field.Location, field.PropertyName, $"fields '{other}' and '{field.YamlName}' of {type.Name}");
                    continue;
                }
                properties.Add(field.PropertyName, field.YamlName);

                FieldSpec? resolved = Resolve(field, enumNames, typesByName, knownTypeNames, Report);
                if (resolved is not null) fields.Add(resolved);
            }
            resolvedTypes.Add(type with { Fields = fields.ToImmutableEquatableArray() });
        }
        typesByName = resolvedTypes.ToDictionary(t => t.Name, System.StringComparer.Ordinal);

        // ---- name / aliases lookup fields ----
        foreach (TypeSpec type in resolvedTypes.Where(t => t.IsEntity))
        {
            CheckLookupField(type, type.NameField, "name", isList: false, Report);
            CheckLookupField(type, type.AliasesField, "aliases", isList: true, Report);
        }

        // ---- value objects that contain themselves ----
        foreach (TypeSpec type in resolvedTypes.Where(t => !t.IsEntity))
        {
            string? path = FindSelfContainment(type.Name, type, typesByName, new HashSet<string>(), type.Name);
            if (path is not null) Report(DiagnosticDescriptors.RecursiveValue, type.Location, type.Name, path);
        }

        // ---- inverses ----
        var inverseNames = new Dictionary<string, HashSet<string>>(System.StringComparer.Ordinal);
        foreach (TypeSpec owner in resolvedTypes.Where(t => t.IsEntity))
        {
            foreach (FieldSpec field in owner.Fields)
            {
                bool isEntityRef = field.Kind == FieldKind.Reference;
                if (!isEntityRef)
                {
                    if (field.Inverse is not null) Report(DiagnosticDescriptors.InvalidInverse, field.Location, field.YamlName, "only reference fields (or lists of references) of identity types have inverses; remove 'inverse'");
                    continue;
                }
                string name = field.Inverse ?? owner.Collection + "By" + field.PropertyName;
                TypeSpec target = typesByName[field.Target];
                if (!Names.IsValidTypeName(name))
                {
                    Report(DiagnosticDescriptors.InvalidInverse, field.Location, field.YamlName, $"'{name}' is not a valid C# property name");
                    continue;
                }
                if (!inverseNames.TryGetValue(target.Name, out HashSet<string>? used))
                {
                    used = new HashSet<string>(target.Fields.Select(f => f.PropertyName).Append(target.KeyProperty), System.StringComparer.Ordinal);
                    inverseNames.Add(target.Name, used);
                }
                if (name == target.Name || ReservedRecordMembers.Contains(name) || !used.Add(name))
                {
                    Report(DiagnosticDescriptors.InvalidInverse, field.Location, field.YamlName, $"{target.Name} already has a member named '{name}'; choose another 'inverse' name");
                }
            }
        }

        // ---- evidence ----
        if (schema.Evidence is EvidenceSpec ev)
        {
            void Need(string option, string typeName, string fieldName, FieldKind kind, string? target = null)
            {
                if (!typesByName.TryGetValue(typeName, out TypeSpec? t))
                {
                    Report(DiagnosticDescriptors.InvalidEvidenceConfig, ev.Location, option, $"type '{typeName}' is not declared");
                    return;
                }
                if (fieldName == t.KeyField && kind == FieldKind.String) return;
                FieldSpec? f = t.Fields.FirstOrDefault(x => x.YamlName == fieldName);
                if (f is null || f.Kind != kind || f.IsList || (target is not null && f.Target != target))
                {
                    string expected = kind == FieldKind.Reference ? $"a reference to {target}" : kind.ToString().ToLowerInvariant();
                    Report(DiagnosticDescriptors.InvalidEvidenceConfig, ev.Location, option, $"{typeName} needs a field '{fieldName}' of type {expected}");
                }
            }
            if (typesByName.TryGetValue(ev.SourceType, out TypeSpec? src) && !src.IsEntity)
                Report(DiagnosticDescriptors.InvalidEvidenceConfig, ev.Location, "source", $"'{ev.SourceType}' must be an identity type (under 'types')");
            if (typesByName.TryGetValue(ev.QuoteType, out TypeSpec? quote) && quote.IsEntity)
                Report(DiagnosticDescriptors.InvalidEvidenceConfig, ev.Location, "quote", $"'{ev.QuoteType}' must be a value type (under 'values')");
            Need("file", ev.SourceType, ev.FileField, FieldKind.String);
            Need("sha256", ev.SourceType, ev.Sha256Field, FieldKind.String);
            if (ev.ParagraphsField is not null) Need("paragraphs", ev.SourceType, ev.ParagraphsField, FieldKind.Integer);
            Need("quote_source", ev.QuoteType, ev.QuoteSourceField, FieldKind.Reference, ev.SourceType);
            Need("paragraph", ev.QuoteType, ev.ParagraphField, FieldKind.Integer);
            Need("text", ev.QuoteType, ev.TextField, FieldKind.String);
        }

        if (diagnostics.Count > errorsBefore) return null;
        return schema with { Types = resolvedTypes.ToImmutableEquatableArray() };
    }

    private static FieldSpec? Resolve(
        FieldSpec field,
        HashSet<string> enumNames,
        Dictionary<string, TypeSpec> typesByName,
        string[] knownTypeNames,
        System.Action<Microsoft.CodeAnalysis.DiagnosticDescriptor, LocationInfo, object?[]> report)
    {
        string text = field.TypeText.Replace(" ", string.Empty);
        bool optional = false;
        bool list = false;
        if (text.EndsWith("?", System.StringComparison.Ordinal))
        {
            optional = true;
            text = text.Substring(0, text.Length - 1);
        }
        if (text.EndsWith("[]", System.StringComparison.Ordinal))
        {
            list = true;
            text = text.Substring(0, text.Length - 2);
        }
        if (text.StartsWith("list<", System.StringComparison.Ordinal) && text.EndsWith(">", System.StringComparison.Ordinal))
        {
            list = true;
            text = text.Substring(5, text.Length - 6);
        }
        FieldKind kind;
        if (Primitives.TryGetValue(text, out FieldKind primitive)) kind = primitive;
        else if (enumNames.Contains(text)) kind = FieldKind.Enum;
        else if (typesByName.TryGetValue(text, out TypeSpec? target)) kind = target.IsEntity ? FieldKind.Reference : FieldKind.Value;
        else
        {
            bool nested = text.Contains("[]") || text.Contains("?") || text.Contains("<");
            string hint = nested ? " (lists of lists and optional list elements are not supported)" : Names.DidYouMean(text, knownTypeNames);
            report(DiagnosticDescriptors.UnknownFieldType, field.TypeLocation, new object?[] { field.TypeText, hint });
            return null;
        }
        return field with
        {
            Kind = kind,
            Target = kind is FieldKind.Enum or FieldKind.Reference or FieldKind.Value ? text : string.Empty,
            IsList = list,
            IsOptional = optional,
        };
    }

    private static void CheckLookupField(TypeSpec type, string? fieldName, string option, bool isList,
        System.Action<Microsoft.CodeAnalysis.DiagnosticDescriptor, LocationInfo, object?[]> report)
    {
        if (fieldName is null) return;
        FieldSpec? field = type.Fields.FirstOrDefault(f => f.YamlName == fieldName);
        bool ok = field is not null && field.Kind == FieldKind.String && field.IsList == isList;
        if (!ok && !(fieldName == type.KeyField && !isList))
        {
            report(DiagnosticDescriptors.UnknownSchemaKey, type.Location, new object?[] { $"type '{type.Name}'", option,
                $": '{fieldName}' must name a field of type {(isList ? "string[]" : "string or string?")}" });
        }
    }

    private static string? FindSelfContainment(string root, TypeSpec type, Dictionary<string, TypeSpec> types, HashSet<string> visiting, string path)
    {
        if (!visiting.Add(type.Name)) return null;
        foreach (FieldSpec field in type.Fields)
        {
            // A list or an optional field can be empty, so it does not make the value infinite.
            if (field.Kind != FieldKind.Value || field.IsList || field.IsOptional) continue;
            string next = $"{path}.{field.YamlName}";
            if (field.Target == root) return next;
            if (types.TryGetValue(field.Target, out TypeSpec? inner))
            {
                string? found = FindSelfContainment(root, inner, types, visiting, next);
                if (found is not null) return found;
            }
        }
        return null;
    }
}
