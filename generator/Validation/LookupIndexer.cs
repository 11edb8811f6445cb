using System;
using System.Collections.Generic;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Validation;

/// <summary>
/// Builds the name and inverse indexes of every collection from the validated facts, at build
/// time, so that <c>FindByName</c> and inverse navigation need no start-up work and build only the
/// facts they return (see docs/architecture.md).
/// </summary>
internal static class LookupIndexer
{
    public static IEnumerable<LookupSpec> Build(
        string ns,
        SchemaSpec schema,
        IReadOnlyDictionary<string, List<FactSpec>> factsByType,
        IReadOnlyDictionary<string, List<string>> keysByType,
        bool utf8Names)
    {
        var entities = schema.Types.Where(t => t.IsEntity).ToList();
        var indexOfKey = entities.ToDictionary(
            t => t.Name,
            t =>
            {
                var map = new Dictionary<string, int>(StringComparer.Ordinal);
                List<string> keys = keysByType[t.Name];
                for (int i = 0; i < keys.Count; i++) map[keys[i]] = i;
                return map;
            },
            StringComparer.Ordinal);
        var types = schema.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (TypeSpec type in entities)
        {
            List<FactSpec> facts = factsByType[type.Name];
            var inverses = new List<InverseIndexSpec>();
            for (int f = 0; f < type.Fields.Count; f++)
            {
                FieldSpec field = type.Fields[f];
                if (field.Kind != FieldKind.Reference || !types.TryGetValue(field.Target, out TypeSpec? target)) continue;
                inverses.Add(Inverse(field, f, target, facts, indexOfKey[target.Name], keysByType[target.Name].Count));
            }
            yield return new LookupSpec(ns, type.Collection, type.Name, Names(type, facts), inverses.ToImmutableEquatableArray(), utf8Names);
        }
    }

    /// <summary>The name index, or null when the type declares neither a name nor aliases.</summary>
    private static NameIndexSpec? Names(TypeSpec type, List<FactSpec> facts)
    {
        if (type.NameField is null && type.AliasesField is null) return null;
        int nameField = type.NameField is null || type.NameField == type.KeyField ? -1 : IndexOf(type, type.NameField);
        int aliasesField = type.AliasesField is null ? -1 : IndexOf(type, type.AliasesField);
        bool keyIsName = type.NameField is not null && type.NameField == type.KeyField;

        var entryOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var texts = new List<string>();
        var hashes = new List<uint>();
        var which = new List<int>();
        var members = new List<List<int>>();
        for (int i = 0; i < facts.Count; i++)
        {
            var seen = new HashSet<int>();
            foreach ((string name, int position) in NamesOf(facts[i], keyIsName, nameField, aliasesField))
            {
                string trimmed = name.Trim();
                if (!entryOf.TryGetValue(trimmed, out int entry))
                {
                    entryOf.Add(trimmed, entry = hashes.Count);
                    texts.Add(trimmed);
                    hashes.Add(Common.Names.NameHash(trimmed, 0, trimmed.Length));
                    which.Add(position);
                    members.Add(new List<int>());
                }
                if (seen.Add(entry)) members[entry].Add(i);
            }
        }
        (int[] starts, int[] items) = Csr(members);
        string? nameProperty = keyIsName ? type.KeyProperty : nameField >= 0 ? type.Fields[nameField].PropertyName : null;
        string? aliasesProperty = aliasesField >= 0 ? type.Fields[aliasesField].PropertyName : null;
        return new NameIndexSpec(nameProperty, aliasesProperty, texts.ToImmutableEquatableArray(), hashes.ToImmutableEquatableArray(), which.ToImmutableEquatableArray(),
            starts.ToImmutableEquatableArray(), items.ToImmutableEquatableArray());
    }

    /// <summary>A fact's names: (text, 0) for the name (or the key), (text, k) for alias k - 1.</summary>
    private static IEnumerable<(string Name, int Position)> NamesOf(FactSpec fact, bool keyIsName, int nameField, int aliasesField)
    {
        if (keyIsName) yield return (fact.Key, 0);
        if (nameField >= 0 && fact.Values[nameField] is { Kind: ValueKind.String } name) yield return (name.Text, 0);
        if (aliasesField >= 0 && fact.Values[aliasesField] is { Kind: ValueKind.List } aliases)
        {
            for (int k = 0; k < aliases.Items.Count; k++)
            {
                if (aliases.Items[k].Kind == ValueKind.String) yield return (aliases.Items[k].Text, k + 1);
            }
        }
    }

    private static InverseIndexSpec Inverse(FieldSpec field, int fieldIndex, TypeSpec target, List<FactSpec> facts, Dictionary<string, int> targetIndex, int targetCount)
    {
        var members = new List<List<int>>(targetCount);
        for (int t = 0; t < targetCount; t++) members.Add(new List<int>());
        for (int i = 0; i < facts.Count; i++)
        {
            ValueSpec value = facts[i].Values[fieldIndex];
            IEnumerable<ValueSpec> refs = value.Kind == ValueKind.List ? value.Items : new[] { value };
            foreach (ValueSpec r in refs)
            {
                // Broken references were excluded by validation; a key not found is skipped, not thrown.
                if (r.Kind != ValueKind.Reference || !targetIndex.TryGetValue(r.Text, out int t)) continue;
                List<int> list = members[t];
                if (list.Count == 0 || list[list.Count - 1] != i) list.Add(i); // once per fact
            }
        }
        (int[] starts, int[] items) = Csr(members);
        return new InverseIndexSpec(field.PropertyName, target.Collection,
            starts.ToImmutableEquatableArray(), items.ToImmutableEquatableArray());
    }

    private static (int[] Starts, int[] Items) Csr(List<List<int>> members)
    {
        var starts = new int[members.Count + 1];
        var items = new int[members.Sum(m => m.Count)];
        int at = 0;
        for (int e = 0; e < members.Count; e++)
        {
            starts[e] = at;
            members[e].CopyTo(items, at);
            at += members[e].Count;
        }
        starts[members.Count] = at;
        return (starts, items);
    }

    private static int IndexOf(TypeSpec type, string yamlName)
    {
        for (int i = 0; i < type.Fields.Count; i++)
        {
            if (type.Fields[i].YamlName == yamlName) return i;
        }
        return -1;
    }
}
