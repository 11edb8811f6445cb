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
    public static readonly string[] ReservedTypeNames = { "PartialDate", "DatePrecision", "TypedDatasetRuntime", "TypedDatasetReaders" };

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
        var budget = new SuggestionBudget();
        void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor d, LocationInfo at, params object?[] args) =>
            diagnostics.Add(DiagnosticInfo.Create(d, at, args.Select(a => (object?)Names.ForMessage(a?.ToString() ?? string.Empty, 1000)).ToArray()));

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
            else if (name.Contains("__"))
            {
                // The generator's own top-level classes have '__' in their names (with
                // TypedDatasetFactMembers=Extensions, "{Collection}__{file}_{n}"), so no schema name can clash with one.
                Report(DiagnosticDescriptors.InvalidName, at, name, what, "'__' is kept for the generator's own classes; use a name without a double underscore");
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

        // The root and each collection get a generated file named after them ("Items.g.cs"); file names
        // (and hint names) are case-insensitive, so these names must differ by more than case.
        var fileNames = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase) { [schema.Root] = schema.Root };
        foreach (TypeSpec t in schema.Types.Where(t => t.IsEntity && t.Collection.Length > 0))
        {
            if (!fileNames.TryGetValue(t.Collection, out string? other))
            {
                fileNames.Add(t.Collection, t.Collection);
            }
            else if (other != t.Collection) // exact duplicates are reported above
            {
                Report(DiagnosticDescriptors.DuplicateName, t.Location, t.Collection,
                    $"'{other}' and '{t.Collection}' differ only in case, so their generated files would clash");
            }
        }

        // Identity types need a collection and a key. The parser reports a missing option; an empty one
        // ("") is reported here. Either way such a type must not reach the emitter.
        bool incomplete = false;
        foreach (TypeSpec t in schema.Types.Where(t => t.IsEntity))
        {
            foreach ((string option, string value) in new[] { ("collection", t.Collection), ("key", t.KeyField) })
            {
                if (value.Length > 0) continue;
                incomplete = true;
                if (!diagnostics.Any(d => d.Id == DiagnosticDescriptors.MissingSchemaKey.Id && d.Location == t.Location && d.Arguments.Contains(option)))
                {
                    Report(DiagnosticDescriptors.MissingSchemaKey, t.Location, "Type", t.Name, option);
                }
            }
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

                FieldSpec? resolved = Resolve(field, enumNames, typesByName, knownTypeNames, budget, Report);
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
        foreach ((TypeSpec type, string path) in FindSelfContainment(resolvedTypes, typesByName))
        {
            Report(DiagnosticDescriptors.RecursiveValue, type.Location, type.Name, path);
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

        if (incomplete || diagnostics.Count > errorsBefore) return null;
        return schema with { Types = resolvedTypes.ToImmutableEquatableArray() };
    }

    private static FieldSpec? Resolve(
        FieldSpec field,
        HashSet<string> enumNames,
        Dictionary<string, TypeSpec> typesByName,
        string[] knownTypeNames,
        SuggestionBudget budget,
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
            string hint = nested ? " (lists of lists and optional list elements are not supported)" : Names.DidYouMean(text, knownTypeNames, budget);
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

    /// <summary>Most TDS108 reports (each with its own path) per cycle of value types.</summary>
    private const int MaxCycleReports = 20;

    /// <summary>
    /// Value types that require themselves (through required, non-list value fields), each with a shortest
    /// path back to itself. Iterative (strongly connected components, then a breadth-first search per
    /// reported type), so that a schema with a very long chain of value types cannot overflow the stack
    /// or take quadratic time.
    /// </summary>
    private static List<(TypeSpec Type, string Path)> FindSelfContainment(List<TypeSpec> types, Dictionary<string, TypeSpec> byName)
    {
        var values = types.Where(t => !t.IsEntity).ToList();
        var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (int i = 0; i < values.Count; i++) index[values[i].Name] = i;
        // Edges: a required, single value field from one value type to another.
        var edges = new List<(int Target, string Field)>[values.Count];
        var reverse = new List<int>[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            edges[i] = new List<(int, string)>();
            reverse[i] = new List<int>();
        }
        for (int i = 0; i < values.Count; i++)
        {
            foreach (FieldSpec field in values[i].Fields)
            {
                if (field.Kind != FieldKind.Value || field.IsList || field.IsOptional) continue;
                if (!index.TryGetValue(field.Target, out int target)) continue;
                edges[i].Add((target, field.YamlName));
                reverse[target].Add(i);
            }
        }

        // Kosaraju: finishing order on the graph, then components on the reversed graph.
        var order = new List<int>(values.Count);
        var seen = new bool[values.Count];
        var stack = new Stack<(int Node, int Next)>();
        for (int start = 0; start < values.Count; start++)
        {
            if (seen[start]) continue;
            seen[start] = true;
            stack.Push((start, 0));
            while (stack.Count > 0)
            {
                (int node, int next) = stack.Pop();
                if (next < edges[node].Count)
                {
                    stack.Push((node, next + 1));
                    int target = edges[node][next].Target;
                    if (!seen[target])
                    {
                        seen[target] = true;
                        stack.Push((target, 0));
                    }
                }
                else
                {
                    order.Add(node);
                }
            }
        }
        var component = new int[values.Count];
        for (int i = 0; i < component.Length; i++) component[i] = -1;
        var members = new List<List<int>>();
        for (int k = order.Count - 1; k >= 0; k--)
        {
            int root = order[k];
            if (component[root] >= 0) continue;
            var list = new List<int>();
            var work = new Stack<int>();
            component[root] = members.Count;
            work.Push(root);
            while (work.Count > 0)
            {
                int node = work.Pop();
                list.Add(node);
                foreach (int source in reverse[node])
                {
                    if (component[source] < 0)
                    {
                        component[source] = members.Count;
                        work.Push(source);
                    }
                }
            }
            members.Add(list);
        }

        var result = new List<(TypeSpec, string)>();
        foreach (List<int> scc in members)
        {
            bool cyclic = scc.Count > 1 || edges[scc[0]].Any(e => e.Target == scc[0]);
            if (!cyclic) continue;
            scc.Sort();
            foreach (int member in scc.Take(MaxCycleReports))
            {
                result.Add((values[member], CyclePath(member, values, edges)));
            }
        }
        return result.OrderBy(r => index[r.Item1.Name]).ToList();
    }

    /// <summary>A shortest path from a value type back to itself: its name and the fields ("Size.inner.outer"), shortened when long.</summary>
    private static string CyclePath(int start, List<TypeSpec> values, List<(int Target, string Field)>[] edges)
    {
        var from = new Dictionary<int, (int Node, string Field)>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        (int Node, string Field)? last = null;
        while (queue.Count > 0 && last is null)
        {
            int current = queue.Dequeue();
            foreach ((int target, string field) in edges[current])
            {
                if (target == start)
                {
                    last = (current, field);
                    break;
                }
                if (from.ContainsKey(target)) continue;
                from[target] = (current, field);
                queue.Enqueue(target);
            }
        }
        if (last is null) return values[start].Name;
        var fields = new List<string>();
        (int node, string f) = last.Value;
        fields.Add(f);
        while (node != start)
        {
            (node, f) = from[node];
            fields.Add(f);
        }
        fields.Reverse();
        if (fields.Count > 10) fields = fields.Take(5).Append("…").Concat(fields.Skip(fields.Count - 4)).ToList();
        return values[start].Name + "." + string.Join(".", fields);
    }
}
