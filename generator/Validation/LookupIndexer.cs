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
    /// <summary>
    /// What each collection's lookups depend on, and nothing else: its facts' names and the keys its
    /// reference fields hold, and the keys of the collections they refer to. Extracted in the
    /// cross-file step without hashing; <see cref="Build"/> then runs as its own pipeline step, so
    /// an edit that changes no name, reference or key (the usual one) builds no index again.
    /// </summary>
    public static IEnumerable<LookupInput> Inputs(
        string ns,
        SchemaSpec schema,
        IReadOnlyDictionary<string, List<FactSpec>> factsByType,
        IReadOnlyDictionary<string, List<string>> keysByType,
        bool utf8Names)
    {
        var entities = schema.Types.Where(t => t.IsEntity).ToList();
        var types = schema.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        // One key array per target collection, shared by every inverse that refers to it.
        var keys = new Dictionary<string, ImmutableEquatableArray<string>>(StringComparer.Ordinal);
        foreach (TypeSpec type in entities)
        {
            List<FactSpec> facts = factsByType[type.Name];
            var inverses = new List<InverseInput>();
            for (int f = 0; f < type.Fields.Count; f++)
            {
                FieldSpec field = type.Fields[f];
                if (field.Kind != FieldKind.Reference || !types.TryGetValue(field.Target, out TypeSpec? target)) continue;
                if (!keys.TryGetValue(target.Name, out ImmutableEquatableArray<string>? targetKeys))
                {
                    keys.Add(target.Name, targetKeys = keysByType[target.Name].ToImmutableEquatableArray());
                }
                inverses.Add(InverseInput(field, f, target, facts, targetKeys));
            }
            yield return new LookupInput(ns, type.Collection, type.Name, utf8Names, NameInput(type, facts), inverses.ToImmutableEquatableArray());
        }
    }

    /// <summary>One collection's name and inverse indexes (a pipeline step of its own, per collection).</summary>
    public static LookupSpec Build(LookupInput input)
    {
        // Key -> index of each target collection, built once however many fields refer to it.
        var indexOfKey = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (InverseInput inverse in input.Inverses)
        {
            if (indexOfKey.ContainsKey(inverse.TargetCollection)) continue;
            var map = new Dictionary<string, int>(inverse.TargetKeys.Count, StringComparer.Ordinal);
            for (int i = 0; i < inverse.TargetKeys.Count; i++) map[inverse.TargetKeys[i]] = i;
            indexOfKey.Add(inverse.TargetCollection, map);
        }
        NameIndexSpec? names = input.Names is null ? null : Names(input.Names);
        var inverses = input.Inverses.Select(i => Inverse(i, indexOfKey[i.TargetCollection])).ToImmutableEquatableArray();
        return new LookupSpec(input.Namespace, input.Collection, input.RecordName, names, inverses, input.Utf8Names);
    }

    /// <summary>The facts' names, or null when the type declares neither a name nor aliases.</summary>
    private static NameInput? NameInput(TypeSpec type, List<FactSpec> facts)
    {
        if (type.NameField is null && type.AliasesField is null) return null;
        int nameField = type.NameField is null || type.NameField == type.KeyField ? -1 : IndexOf(type, type.NameField);
        int aliasesField = type.AliasesField is null ? -1 : IndexOf(type, type.AliasesField);
        bool keyIsName = type.NameField is not null && type.NameField == type.KeyField;

        var texts = new List<string>(facts.Count);
        var positions = new List<int>(facts.Count);
        var starts = new int[facts.Count + 1];
        for (int i = 0; i < facts.Count; i++)
        {
            starts[i] = texts.Count;
            FactSpec fact = facts[i];
            if (keyIsName) Add(fact.Key, 0);
            if (nameField >= 0 && fact.Values[nameField] is { Kind: ValueKind.String } name) Add(name.Text, 0);
            if (aliasesField >= 0 && fact.Values[aliasesField] is { Kind: ValueKind.List } aliases)
            {
                for (int k = 0; k < aliases.Items.Count; k++)
                {
                    if (aliases.Items[k].Kind == ValueKind.String) Add(aliases.Items[k].Text, k + 1);
                }
            }
        }
        starts[facts.Count] = texts.Count;
        string? nameProperty = keyIsName ? type.KeyProperty : nameField >= 0 ? type.Fields[nameField].PropertyName : null;
        string? aliasesProperty = aliasesField >= 0 ? type.Fields[aliasesField].PropertyName : null;
        return new NameInput(nameProperty, aliasesProperty, texts.ToImmutableEquatableArray(), positions.ToImmutableEquatableArray(), starts.ToImmutableEquatableArray());

        void Add(string text, int position)
        {
            texts.Add(text);
            positions.Add(position);
        }
    }

    /// <summary>
    /// The name index: distinct trimmed names, case-insensitively, each with its hash, which name of
    /// its first fact spells it, and its facts (CSR).
    /// </summary>
    private static NameIndexSpec Names(NameInput input)
    {
        var entryOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var texts = new List<string>();
        var hashes = new List<uint>();
        var which = new List<int>();
        var members = new List<List<int>>();
        int factCount = input.FactStarts.Count - 1;
        for (int i = 0; i < factCount; i++)
        {
            var seen = new HashSet<int>();
            for (int n = input.FactStarts[i]; n < input.FactStarts[i + 1]; n++)
            {
                string trimmed = input.Texts[n].Trim();
                if (!entryOf.TryGetValue(trimmed, out int entry))
                {
                    entryOf.Add(trimmed, entry = hashes.Count);
                    texts.Add(trimmed);
                    hashes.Add(Common.Names.NameHash(trimmed, 0, trimmed.Length));
                    which.Add(input.Positions[n]);
                    members.Add(new List<int>());
                }
                if (seen.Add(entry)) members[entry].Add(i);
            }
        }
        (int[] starts, int[] items) = Csr(members);
        return new NameIndexSpec(input.NameProperty, input.AliasesProperty, texts.ToImmutableEquatableArray(), hashes.ToImmutableEquatableArray(), which.ToImmutableEquatableArray(),
            starts.ToImmutableEquatableArray(), items.ToImmutableEquatableArray());
    }

    /// <summary>The keys one reference field holds, per fact (only references; validation left out the broken ones).</summary>
    private static InverseInput InverseInput(FieldSpec field, int fieldIndex, TypeSpec target, List<FactSpec> facts, ImmutableEquatableArray<string> targetKeys)
    {
        var refs = new List<string>(facts.Count);
        var starts = new int[facts.Count + 1];
        for (int i = 0; i < facts.Count; i++)
        {
            starts[i] = refs.Count;
            ValueSpec value = facts[i].Values[fieldIndex];
            if (value.Kind == ValueKind.Reference) refs.Add(value.Text);
            else if (value.Kind == ValueKind.List)
            {
                foreach (ValueSpec r in value.Items)
                {
                    if (r.Kind == ValueKind.Reference) refs.Add(r.Text);
                }
            }
        }
        starts[facts.Count] = refs.Count;
        return new InverseInput(field.PropertyName, target.Collection, targetKeys, refs.ToImmutableEquatableArray(), starts.ToImmutableEquatableArray());
    }

    /// <summary>For each target fact, the facts whose field refers to it (CSR, each fact once).</summary>
    private static InverseIndexSpec Inverse(InverseInput input, Dictionary<string, int> targetIndex)
    {
        var members = new List<List<int>>(input.TargetKeys.Count);
        for (int t = 0; t < input.TargetKeys.Count; t++) members.Add(new List<int>());
        int factCount = input.FactStarts.Count - 1;
        for (int i = 0; i < factCount; i++)
        {
            for (int r = input.FactStarts[i]; r < input.FactStarts[i + 1]; r++)
            {
                // A key not found is skipped, not thrown.
                if (!targetIndex.TryGetValue(input.Refs[r], out int t)) continue;
                List<int> list = members[t];
                if (list.Count == 0 || list[list.Count - 1] != i) list.Add(i); // once per fact
            }
        }
        (int[] starts, int[] items) = Csr(members);
        return new InverseIndexSpec(input.Field, input.TargetCollection, starts.ToImmutableEquatableArray(), items.ToImmutableEquatableArray());
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
