using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Emitting;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Validation;

/// <summary>
/// Validation across files: schema files, duplicate keys and member names, whether references
/// exist, evidence against the source texts. Works on facts already typed per file by
/// <see cref="FactTyper"/> (no YAML is read or typed again here), and keeps out of the output any
/// fact that is wrong or that refers to a wrong fact, so the generated code is always safe to run.
/// </summary>
internal static class DatasetValidator
{
    /// <summary>From this many facts in a collection, the property layout is reported (TDS905).</summary>
    public const int LargeCollection = 10_000;

    /// <summary>Validates the schema file(s): the first (by path) counts; others are TDS102.</summary>
    public static SchemaResult ValidateSchema(IReadOnlyList<ParsedFile> schemaFiles)
    {
        var ordered = schemaFiles.OrderBy(f => f.OrderKey, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0)
        {
            return new SchemaResult(null, false, null, null, ImmutableEquatableArray<DiagnosticInfo>.Empty);
        }
        var diagnostics = new List<DiagnosticInfo>();
        foreach (ParsedFile file in ordered) diagnostics.AddRange(file.Diagnostics);
        foreach (ParsedFile extra in ordered.Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleSchemas, extra.Schema?.Location ?? LocationInfo.FileStart(extra.Path), ordered[0].Path));
        }
        ParsedFile first = ordered[0];
        SchemaSpec? schema = first.Schema is SchemaSpec parsed ? SchemaValidator.Validate(parsed, diagnostics) : null;
        return new SchemaResult(schema, true, first.Path, first.Schema?.Location ?? LocationInfo.FileStart(first.Path), diagnostics.ToImmutableEquatableArray());
    }

    public static DatasetModel Validate(SchemaResult schemaResult, IReadOnlyList<TypedFile> files, IReadOnlyList<SourceTextSpec> texts, ConfigSpec config)
    {
        var diagnostics = new List<DiagnosticInfo>(schemaResult.Diagnostics);
        var dataFiles = files.Where(f => f.Kind == ParsedFileKind.Data)
            .OrderBy(f => f.OrderKey, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        foreach (TypedFile file in files) diagnostics.AddRange(file.Diagnostics);

        DatasetModel Done(CoreSpec? core = null, IEnumerable<FileEmitSpec>? emit = null, IEnumerable<LookupInput>? lookups = null) => new(
            Sorted(diagnostics), core, (emit ?? Enumerable.Empty<FileEmitSpec>()).ToImmutableEquatableArray(),
            (lookups ?? Enumerable.Empty<LookupInput>()).ToImmutableEquatableArray());

        if (!schemaResult.HasSchemaFile)
        {
            if (dataFiles.Count > 0) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoSchema, LocationInfo.FileStart(dataFiles[0].Path)));
            return Done();
        }
        LocationInfo schemaLocation = schemaResult.Location!;
        if (!config.LanguageVersionSupported)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersion, schemaLocation));
            return Done();
        }
        if (!Names.IsValidNamespace(config.Namespace))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidNamespace, schemaLocation, Names.ForMessage(config.Namespace)));
            return Done();
        }
        if (schemaResult.Schema is not SchemaSpec schema) return Done();
        bool extensionMembers = false;
        bool extensionsAsked = string.Equals(config.FactMembers, "Extensions", StringComparison.OrdinalIgnoreCase);
        if (extensionsAsked)
        {
            if (config.ExtensionsSupported) extensionMembers = true;
            else diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExtensionsNeedCSharp14, schemaLocation));
        }
        else if (config.FactMembers.Length > 0 && !string.Equals(config.FactMembers, "Properties", StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownFactMembers, schemaLocation, Names.ForMessage(config.FactMembers)));
        }

        var run = new CrossFileRun(schema, diagnostics);
        run.CollectKeys(dataFiles);
        run.CheckReferences();
        run.CheckEvidence(texts, config.SourceTextsConfigured);
        run.ExcludeBrokenReferences();

        var slicesByType = schema.Types.Where(t => t.IsEntity).ToDictionary(t => t.Name, _ => new List<SliceRef>(), StringComparer.Ordinal);
        var keysByType = schema.Types.Where(t => t.IsEntity).ToDictionary(t => t.Name, _ => new List<string>(), StringComparer.Ordinal);
        var factsByType = schema.Types.Where(t => t.IsEntity).ToDictionary(t => t.Name, _ => new List<FactSpec>(), StringComparer.Ordinal);
        var goodFacts = run.Facts.Where(f => f.IsGood)
            .GroupBy(f => f.File, ReferenceEqualityComparer.Instance)
            .ToDictionary(g => g.Key, g => g.ToList(), ReferenceEqualityComparer.Instance);
        if (StringHeap.FindOverflow(dataFiles.Sum(f => f.StringBytes), schema, dataFiles.Where(goodFacts.ContainsKey).SelectMany(f => goodFacts[f]).Select(f => f.Fact)) is { } overflow)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooMuchText, overflow.At,
                (overflow.Bytes / 1_000_000.0).ToString("F1", CultureInfo.InvariantCulture),
                (StringHeap.MaxBytes / 1_000_000.0).ToString("F1", CultureInfo.InvariantCulture)));
            return Done();
        }
        // File ids name generated files and members; they must be unique (case-insensitively, as file names).
        var fileIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var fileSlices = new List<(string FileId, string Path, List<(string TypeName, List<FactSpec> Facts)> Slices)>();
        foreach (TypedFile file in dataFiles)
        {
            string fileId = FileId(file.OrderKey);
            for (int n = 2; !fileIds.Add(fileId); n++) fileId = FileId(file.OrderKey) + "_" + n.ToString(CultureInfo.InvariantCulture);
            if (!goodFacts.TryGetValue(file, out List<FactState>? inFile)) continue;
            var slices = new List<(string TypeName, List<FactSpec> Facts)>();
            foreach (TypeSpec type in schema.Types.Where(t => t.IsEntity))
            {
                var facts = inFile.Where(f => f.Fact.TypeName == type.Name)
                    .Select(f => f.Fact.Spec!).ToList();
                if (facts.Count == 0) continue;
                slices.Add((type.Name, facts));
                List<SliceRef> refs = slicesByType[type.Name];
                int offset = refs.Count == 0 ? 0 : refs[refs.Count - 1].Offset + refs[refs.Count - 1].Count;
                refs.Add(new SliceRef(fileId, offset, facts.Count));
                keysByType[type.Name].AddRange(facts.Select(f => f.Key));
                factsByType[type.Name].AddRange(facts);
            }
            if (slices.Count > 0) fileSlices.Add((fileId, DisplayPath(file.OrderKey), slices));
        }
        var factCounts = slicesByType.ToDictionary(p => p.Key, p => p.Value.Sum(s => s.Count), StringComparer.Ordinal);
        if (!extensionsAsked)
        {
            // TDS905: a collection class with a property per fact costs its first access about
            // 0.4 µs per fact to load (docs/benchmarks.md); say so where it starts to matter.
            foreach (TypeSpec type in schema.Types.Where(t => t.IsEntity))
            {
                int count = factCounts[type.Name];
                if (count < LargeCollection) continue;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LargeCollectionAsProperties, type.Location, type.Collection,
                    count.ToString("N0", CultureInfo.InvariantCulture), (count * 0.0004).ToString("F0", CultureInfo.InvariantCulture)));
            }
        }
        // With extension members, the chunks of fewer than FactsPerClass facts (most files' last)
        // share classes, so small files do not make a class each (docs/architecture.md).
        var sharedClasses = slicesByType.ToDictionary(p => p.Key, p => extensionMembers ? DatasetEmitter.SharedClassCount(p.Value.Select(s => s.Count)) : 0, StringComparer.Ordinal);
        var emits = fileSlices.Select(f => new FileEmitSpec(config.Namespace, f.FileId, f.Path, schema,
            f.Slices.Select(s => new CollectionSliceSpec(s.TypeName, s.Facts.ToImmutableEquatableArray(), sharedClasses[s.TypeName])).ToImmutableEquatableArray(),
            extensionMembers));
        var core = new CoreSpec(
            config.Namespace,
            schema,
            schema.Types.Where(t => t.IsEntity).Select(t => new CollectionIndexSpec(t.Name, slicesByType[t.Name].ToImmutableEquatableArray(),
                factCounts[t.Name], keysByType[t.Name].ToImmutableEquatableArray(), sharedClasses[t.Name])).ToImmutableEquatableArray(),
            config.NeedsIsExternalInit,
            config.NeedsNotNullWhen,
            config.Utf8Keys,
            extensionMembers);
        return Done(core, emits, LookupIndexer.Inputs(config.Namespace, schema, factsByType, keysByType, config.Utf8Keys));
    }

    /// <summary>Compares by reference (parsed files are large records; identity is what matters here).</summary>
    private sealed class ReferenceEqualityComparer : IEqualityComparer<object>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    /// <summary>A stable, machine-independent id for a data file, usable in C# names and hint names.</summary>
    public static string FileId(string orderKey)
    {
        string name = System.IO.Path.GetFileNameWithoutExtension(orderKey.Replace('\\', '/').Split('/').Last());
        var safe = new string(name.Where(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9').Take(40).ToArray());
        return (safe.Length == 0 ? "file" : safe) + "_" + Names.StableHash(orderKey);
    }

    private static string DisplayPath(string orderKey) => orderKey.Replace('\\', '/');

    private static ImmutableEquatableArray<DiagnosticInfo> Sorted(List<DiagnosticInfo> diagnostics) => diagnostics
        .Distinct()
        .OrderBy(d => d.Location?.Path ?? string.Empty, StringComparer.Ordinal)
        .ThenBy(d => d.Location?.Start ?? 0)
        .ThenBy(d => d.Id, StringComparer.Ordinal)
        .ThenBy(d => string.Join("\u0001", d.Arguments), StringComparer.Ordinal)
        .ToImmutableEquatableArray();

    /// <summary>A typed fact and what the cross-file checks found about it.</summary>
    private sealed class FactState
    {
        public FactState(TypedFile file, TypedFact fact)
        {
            File = file;
            Fact = fact;
            Broken = fact.Values is null;
        }

        public TypedFile File { get; }
        public TypedFact Fact { get; }
        public bool Broken { get; set; }

        /// <summary>A second fact with a key already used: reported once, otherwise ignored.</summary>
        public bool Duplicate { get; set; }

        public bool IsGood => !Broken && !Duplicate && Fact.Spec is not null;
    }

    /// <summary>The mutable state of one cross-file validation (never shared, never static).</summary>
    private sealed class CrossFileRun
    {
        private readonly SchemaSpec _schema;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly Dictionary<string, TypeSpec> _types;
        private readonly Dictionary<string, Dictionary<string, FactState>> _keys = new(StringComparer.Ordinal);
        private readonly SuggestionBudget _budget = new();

        public CrossFileRun(SchemaSpec schema, List<DiagnosticInfo> diagnostics)
        {
            _schema = schema;
            _diagnostics = diagnostics;
            _types = schema.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
            foreach (TypeSpec t in schema.Types.Where(t => t.IsEntity)) _keys[t.Name] = new Dictionary<string, FactState>(StringComparer.Ordinal);
        }

        public List<FactState> Facts { get; } = new();

        private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo at, params object?[] args) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, at, args.Select(a => (object?)Names.ForMessage(FactTyper.Invariant(a), 1000)).ToArray()));

        /// <summary>Keys across files: duplicates (TDS208) and member names that collide (TDS210).</summary>
        public void CollectKeys(List<TypedFile> dataFiles)
        {
            var memberNames = _keys.Keys.ToDictionary(t => t, _ => new Dictionary<string, FactState>(StringComparer.Ordinal), StringComparer.Ordinal);
            foreach (TypedFile file in dataFiles)
            {
                foreach (TypedFact typed in file.Facts)
                {
                    var fact = new FactState(file, typed);
                    Facts.Add(fact);
                    if (typed.Key is null)
                    {
                        _diagnostics.AddRange(typed.Diagnostics);
                        continue;
                    }
                    Dictionary<string, FactState> keys = _keys[typed.TypeName];
                    if (keys.TryGetValue(typed.Key, out FactState? first))
                    {
                        Report(DiagnosticDescriptors.DuplicateKey, typed.KeyLocation, FactTyper.Shorten(typed.Key), _types[typed.TypeName].Collection, first.Fact.KeyLocation.ToString());
                        fact.Duplicate = true; // references resolve to the first one; its other problems are not repeated
                        continue;
                    }
                    _diagnostics.AddRange(typed.Diagnostics);
                    keys.Add(typed.Key, fact);
                    if (typed.MemberName is null) continue;
                    if (memberNames[typed.TypeName].TryGetValue(typed.MemberName, out FactState? clash))
                    {
                        Report(DiagnosticDescriptors.KeyCollision, typed.KeyLocation, typed.Key, typed.MemberName, $"is also the member name of '{clash.Fact.Key}' ({clash.Fact.KeyLocation})");
                        fact.Broken = true;
                        continue;
                    }
                    memberNames[typed.TypeName].Add(typed.MemberName, fact);
                }
            }
        }

        /// <summary>Every reference must name an existing key of its type (TDS207, with a suggestion).</summary>
        public void CheckReferences()
        {
            foreach (FactState fact in Facts)
            {
                if (fact.Duplicate) continue;
                foreach (RefCheck reference in fact.Fact.References)
                {
                    Dictionary<string, FactState> keys = _keys[reference.TypeName];
                    if (keys.ContainsKey(reference.Key)) continue;
                    Report(DiagnosticDescriptors.UnknownReference, reference.Location, FactTyper.Shorten(reference.Key), _types[reference.TypeName].Collection,
                        Names.DidYouMean(reference.Key, keys.Keys, _budget));
                    fact.Broken = true;
                }
            }
        }

        /// <summary>Pass 3: source hashes, paragraph counts and every quote against its paragraph.</summary>
        public void CheckEvidence(IReadOnlyList<SourceTextSpec> texts, bool configured)
        {
            if (_schema.Evidence is not EvidenceSpec ev) return;
            TypeSpec sourceType = _types[ev.SourceType];
            if (!configured || texts.Count == 0)
            {
                Report(DiagnosticDescriptors.EvidenceNotVerified, ev.Location, $"the texts of the {sourceType.Collection}");
                return;
            }
            var textsByName = new Dictionary<string, SourceTextSpec>(StringComparer.Ordinal);
            foreach (SourceTextSpec t in texts.OrderBy(t => t.Path, StringComparer.Ordinal))
            {
                if (!textsByName.ContainsKey(t.FileName)) textsByName.Add(t.FileName, t);
            }
            var sourceTexts = new Dictionary<string, SourceTextSpec>(StringComparer.Ordinal);
            foreach (FactState source in Facts.Where(f => f.Fact.TypeName == sourceType.Name && f.Fact.Key is not null && f.Fact.Raw.Kind == RawKind.Mapping && !f.Duplicate))
            {
                RawValue? file = Field(source.Fact.Raw, ev.FileField);
                if (file is null || file.Kind is not (RawKind.Plain or RawKind.Text)) continue;
                string fileName = file.Text.Replace('\\', '/').Split('/').Last();
                if (!textsByName.TryGetValue(fileName, out SourceTextSpec? text))
                {
                    Report(DiagnosticDescriptors.SourceTextMissing, file.Location, fileName);
                    continue;
                }
                sourceTexts[source.Fact.Key!] = text;
                RawValue? sha = Field(source.Fact.Raw, ev.Sha256Field);
                if (sha is not null && sha.Kind is RawKind.Plain or RawKind.Text && !string.Equals(sha.Text.Trim(), text.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    Report(DiagnosticDescriptors.SourceHashMismatch, sha.Location, fileName, text.Sha256, FactTyper.Shorten(sha.Text));
                    source.Broken = true;
                }
                if (ev.ParagraphsField is not null && Field(source.Fact.Raw, ev.ParagraphsField) is RawValue count && count.Kind == RawKind.Plain
                    && int.TryParse(count.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n != text.Paragraphs.Count)
                {
                    Report(DiagnosticDescriptors.ParagraphCountMismatch, count.Location, fileName, text.Paragraphs.Count, n);
                    source.Broken = true;
                }
            }
            foreach ((FactState owner, QuoteSpec quote) in Facts.Where(f => !f.Duplicate).SelectMany(f => f.Fact.Quotes.Select(q => (f, q))))
            {
                if (!sourceTexts.TryGetValue(quote.SourceKey, out SourceTextSpec? text)) continue;
                if (quote.Paragraph < 1 || quote.Paragraph > text.Paragraphs.Count)
                {
                    Report(DiagnosticDescriptors.ParagraphOutOfRange, quote.Location, quote.Paragraph, text.FileName, text.Paragraphs.Count);
                    owner.Broken = true;
                    continue;
                }
                if (text.Paragraphs[quote.Paragraph - 1].IndexOf(quote.Text, StringComparison.Ordinal) >= 0) continue;
                int elsewhere = -1;
                for (int i = 0; i < text.Paragraphs.Count && elsewhere < 0; i++)
                {
                    if (text.Paragraphs[i].IndexOf(quote.Text, StringComparison.Ordinal) >= 0) elsewhere = i + 1;
                }
                string hint = elsewhere > 0 ? $" (it is in paragraph {elsewhere})" : quote.Text.Length == 0 ? " (the quote is empty)" : "";
                Report(DiagnosticDescriptors.QuoteNotFound, quote.Location, quote.Paragraph, text.FileName, hint);
                owner.Broken = true;
            }
        }

        private static RawValue? Field(RawValue mapping, string name) => mapping.Entries.FirstOrDefault(e => e.Key == name)?.Value;

        /// <summary>
        /// A fact that refers to a fact left out of the output would fail at run time, so it is left
        /// out too (the build already has an error that says why).
        /// </summary>
        public void ExcludeBrokenReferences()
        {
            // Breadth-first over "who refers to whom", from every fact left out: linear in facts and
            // references (a long chain of references cannot make it quadratic). Nothing to do, and no
            // graph to build, when every fact is good (the usual edit).
            if (Facts.All(f => f.Duplicate || f.IsGood)) return;
            var referrers = new Dictionary<FactState, List<FactState>>();
            var work = new Queue<FactState>();
            foreach (FactState fact in Facts)
            {
                if (fact.Duplicate) continue;
                if (!fact.IsGood) work.Enqueue(fact);
                foreach (RefCheck reference in fact.Fact.References)
                {
                    if (!_keys[reference.TypeName].TryGetValue(reference.Key, out FactState? target)) continue;
                    if (!referrers.TryGetValue(target, out List<FactState>? list)) referrers.Add(target, list = new List<FactState>());
                    list.Add(fact);
                }
            }
            while (work.Count > 0)
            {
                FactState broken = work.Dequeue();
                if (!referrers.TryGetValue(broken, out List<FactState>? list)) continue;
                foreach (FactState fact in list)
                {
                    if (!fact.IsGood) continue;
                    fact.Broken = true;
                    work.Enqueue(fact);
                }
            }
        }
    }
}
