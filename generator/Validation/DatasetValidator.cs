using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Validation;

/// <summary>
/// Validation: all parsed files + source texts + config → diagnostics and the emit models.
/// Types every raw value against the schema, resolves keys and references across files, checks
/// evidence, and keeps out of the output any fact that is wrong or that refers to a wrong fact,
/// so that the generated code is always safe to run.
/// </summary>
internal static class DatasetValidator
{
    /// <summary>Public members of a collection class: keys must not turn into these names.</summary>
    public static readonly string[] ReservedCollectionMembers =
        { "All", "Count", "Get", "TryGet", "FindByName", "Equals", "ReferenceEquals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize" };

    private static readonly Regex IntegerPattern = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex DecimalPattern = new(@"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex DatePattern = new(@"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$", RegexOptions.CultureInvariant);

    public static DatasetModel Validate(IReadOnlyList<ParsedFile> files, IReadOnlyList<SourceTextSpec> texts, ConfigSpec config)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var ordered = files.OrderBy(f => f.OrderKey, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        foreach (ParsedFile file in ordered) diagnostics.AddRange(file.Diagnostics);

        DatasetModel Done(CoreSpec? core = null, IEnumerable<FileEmitSpec>? emit = null) => new(
            Sorted(diagnostics), core, (emit ?? Enumerable.Empty<FileEmitSpec>()).ToImmutableEquatableArray());

        var schemaFiles = ordered.Where(f => f.Kind == ParsedFileKind.Schema).ToList();
        var dataFiles = ordered.Where(f => f.Kind == ParsedFileKind.Data).ToList();
        if (schemaFiles.Count == 0)
        {
            if (dataFiles.Count > 0) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoSchema, LocationInfo.FileStart(dataFiles[0].Path)));
            return Done();
        }
        foreach (ParsedFile extra in schemaFiles.Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleSchemas, extra.Schema?.Location ?? LocationInfo.FileStart(extra.Path), schemaFiles[0].Path));
        }
        if (!config.LanguageVersionSupported)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersion, schemaFiles[0].Schema?.Location ?? LocationInfo.FileStart(schemaFiles[0].Path)));
            return Done();
        }
        if (!Names.IsValidNamespace(config.Namespace))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidNamespace, schemaFiles[0].Schema?.Location ?? LocationInfo.FileStart(schemaFiles[0].Path), config.Namespace));
            return Done();
        }
        SchemaSpec? schema = schemaFiles[0].Schema is SchemaSpec parsed ? SchemaValidator.Validate(parsed, diagnostics) : null;
        if (schema is null) return Done();

        var run = new DataRun(schema, diagnostics);
        run.CollectKeys(dataFiles);
        run.ConvertFacts();
        run.CheckEvidence(texts, config.SourceTextsConfigured);
        run.ExcludeBrokenReferences();

        var emits = new List<FileEmitSpec>();
        var slicesByType = schema.Types.Where(t => t.IsEntity).ToDictionary(t => t.Name, _ => new List<SliceRef>(), StringComparer.Ordinal);
        var keysByType = schema.Types.Where(t => t.IsEntity).ToDictionary(t => t.Name, _ => new List<string>(), StringComparer.Ordinal);
        var goodFacts = run.Facts.Where(f => f.Spec is not null && !f.Broken)
            .GroupBy(f => f.File, ReferenceEqualityComparer.Instance)
            .ToDictionary(g => g.Key, g => g.ToList(), ReferenceEqualityComparer.Instance);
        // File ids name generated files and members; they must be unique (case-insensitively, as file names).
        var fileIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ParsedFile file in dataFiles)
        {
            string fileId = FileId(file.OrderKey);
            for (int n = 2; !fileIds.Add(fileId); n++) fileId = FileId(file.OrderKey) + "_" + n.ToString(CultureInfo.InvariantCulture);
            if (!goodFacts.TryGetValue(file, out List<FactState>? inFile)) continue;
            var slices = new List<CollectionSliceSpec>();
            foreach (TypeSpec type in schema.Types.Where(t => t.IsEntity))
            {
                var facts = inFile.Where(f => f.Type == type).Select(f => f.Spec!).ToList();
                if (facts.Count == 0) continue;
                slices.Add(new CollectionSliceSpec(type.Name, facts.ToImmutableEquatableArray()));
                List<SliceRef> refs = slicesByType[type.Name];
                int offset = refs.Count == 0 ? 0 : refs[refs.Count - 1].Offset + refs[refs.Count - 1].Count;
                refs.Add(new SliceRef(fileId, offset, facts.Count));
                keysByType[type.Name].AddRange(facts.Select(f => f.Key));
            }
            if (slices.Count > 0)
            {
                emits.Add(new FileEmitSpec(config.Namespace, fileId, DisplayPath(file.OrderKey), schema, slices.ToImmutableEquatableArray()));
            }
        }
        var core = new CoreSpec(
            config.Namespace,
            schema,
            schema.Types.Where(t => t.IsEntity).Select(t => new CollectionIndexSpec(t.Name, slicesByType[t.Name].ToImmutableEquatableArray(),
                slicesByType[t.Name].Sum(s => s.Count), keysByType[t.Name].ToImmutableEquatableArray())).ToImmutableEquatableArray(),
            config.NeedsIsExternalInit,
            config.NeedsNotNullWhen);
        return Done(core, emits);
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

    /// <summary>One fact on its way through validation.</summary>
    private sealed class FactState
    {
        public FactState(ParsedFile file, TypeSpec type, RawValue raw)
        {
            File = file;
            Type = type;
            Raw = raw;
        }

        public ParsedFile File { get; }
        public TypeSpec Type { get; }
        public RawValue Raw { get; }
        public string? Key { get; set; }
        public string? MemberName { get; set; }
        public FactSpec? Spec { get; set; }
        public bool Broken { get; set; }
        public List<(string Type, string Key)> References { get; } = new();
    }

    private sealed class QuoteCheck
    {
        public QuoteCheck(FactState fact, string sourceKey, int paragraph, string text, LocationInfo location)
        {
            Fact = fact;
            SourceKey = sourceKey;
            Paragraph = paragraph;
            Text = text;
            Location = location;
        }

        public FactState Fact { get; }
        public string SourceKey { get; }
        public int Paragraph { get; }
        public string Text { get; }
        public LocationInfo Location { get; }
    }

    /// <summary>The mutable state of one validation run (never shared, never static).</summary>
    private sealed class DataRun
    {
        private readonly SchemaSpec _schema;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly Dictionary<string, TypeSpec> _types;
        private readonly Dictionary<string, TypeSpec> _byCollection;
        private readonly Dictionary<string, EnumSpec> _enums;
        private readonly Dictionary<string, Dictionary<string, FactState>> _keys = new(StringComparer.Ordinal);
        private readonly List<QuoteCheck> _quotes = new();
        private readonly SuggestionBudget _budget = new();
        private readonly Dictionary<TypeSpec, HashSet<string>> _fieldNames = new();

        public DataRun(SchemaSpec schema, List<DiagnosticInfo> diagnostics)
        {
            _schema = schema;
            _diagnostics = diagnostics;
            _types = schema.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
            _byCollection = schema.Types.Where(t => t.IsEntity).ToDictionary(t => t.Collection, StringComparer.Ordinal);
            _enums = schema.Enums.ToDictionary(e => e.Name, StringComparer.Ordinal);
            foreach (TypeSpec t in schema.Types.Where(t => t.IsEntity)) _keys[t.Name] = new Dictionary<string, FactState>(StringComparer.Ordinal);
        }

        public List<FactState> Facts { get; } = new();

        private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo at, params object?[] args) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, at, args.Select(a => (object?)Names.ForMessage(Invariant(a), 1000)).ToArray()));

        private string DidYouMean(string text, IEnumerable<string> candidates) =>
            Names.DidYouMean(text, candidates as IReadOnlyCollection<string> ?? candidates.ToList(), _budget);

        private HashSet<string> FieldNames(TypeSpec type)
        {
            if (!_fieldNames.TryGetValue(type, out HashSet<string>? names))
            {
                names = new HashSet<string>(type.Fields.Select(f => f.YamlName), StringComparer.Ordinal);
                _fieldNames.Add(type, names);
            }
            return names;
        }

        /// <summary>Pass 1: find every fact's key, so that references can be checked in any order.</summary>
        public void CollectKeys(List<ParsedFile> dataFiles)
        {
            var memberNames = _keys.Keys.ToDictionary(t => t, _ => new Dictionary<string, FactState>(StringComparer.Ordinal), StringComparer.Ordinal);
            foreach (ParsedFile file in dataFiles)
            {
                foreach (RawCollection collection in file.Collections)
                {
                    if (!_byCollection.TryGetValue(collection.Name, out TypeSpec? type))
                    {
                        Report(DiagnosticDescriptors.UnknownCollection, collection.Location, collection.Name, DidYouMean(collection.Name, _byCollection.Keys));
                        continue;
                    }
                    foreach (RawValue raw in collection.Facts)
                    {
                        var fact = new FactState(file, type, raw);
                        Facts.Add(fact);
                        if (raw.Kind != RawKind.Mapping)
                        {
                            Report(DiagnosticDescriptors.WrongNodeKind, raw.Location, $"a fact (a mapping of fields) in {type.Collection}", raw.Describe());
                            fact.Broken = true;
                            continue;
                        }
                        RawEntry? keyEntry = raw.Entries.FirstOrDefault(e => e.Key == type.KeyField);
                        if (keyEntry is null || keyEntry.Value.Kind is RawKind.Null)
                        {
                            Report(DiagnosticDescriptors.MissingField, raw.Location, type.Name, "(no key)", type.KeyField);
                            fact.Broken = true;
                            continue;
                        }
                        if (keyEntry.Value.Kind is not (RawKind.Plain or RawKind.Text))
                        {
                            Report(DiagnosticDescriptors.WrongValue, keyEntry.Value.Location, type.KeyField, "a key (text)", keyEntry.Value.Describe(), "");
                            fact.Broken = true;
                            continue;
                        }
                        string key = keyEntry.Value.Text;
                        fact.Key = key;
                        Dictionary<string, FactState> keys = _keys[type.Name];
                        if (keys.TryGetValue(key, out FactState? first))
                        {
                            Report(DiagnosticDescriptors.DuplicateKey, keyEntry.Value.Location, Shorten(key), type.Collection, KeyLocation(first));
                            fact.Broken = true;
                            fact.Key = null; // references resolve to the first one
                            continue;
                        }
                        keys.Add(key, fact);
                        if (!Names.IsValidKey(key))
                        {
                            Report(DiagnosticDescriptors.InvalidKey, keyEntry.Value.Location, Shorten(key));
                            fact.Broken = true;
                            continue;
                        }
                        string member = Names.ToPascalCase(key)!;
                        if (ReservedCollectionMembers.Contains(member) || member == type.Collection)
                        {
                            Report(DiagnosticDescriptors.KeyCollision, keyEntry.Value.Location, key, member, $"is a generated member of {type.Collection}");
                            fact.Broken = true;
                            continue;
                        }
                        if (memberNames[type.Name].TryGetValue(member, out FactState? clash))
                        {
                            Report(DiagnosticDescriptors.KeyCollision, keyEntry.Value.Location, key, member, $"is also the member name of '{clash.Key}' ({KeyLocation(clash)})");
                            fact.Broken = true;
                            continue;
                        }
                        memberNames[type.Name].Add(member, fact);
                        fact.MemberName = member;
                    }
                }
            }
        }

        private string KeyLocation(FactState fact)
        {
            RawEntry? entry = fact.Raw.Entries.FirstOrDefault(e => e.Key == fact.Type.KeyField);
            LocationInfo at = entry?.Value.Location ?? fact.Raw.Location;
            return at.ToString();
        }

        /// <summary>Pass 2: type every field of every fact.</summary>
        public void ConvertFacts()
        {
            foreach (FactState fact in Facts)
            {
                if (fact.Raw.Kind != RawKind.Mapping || fact.Key is null) continue;
                int before = _diagnostics.Count;
                ImmutableEquatableArray<ValueSpec>? values = ConvertObject(fact, fact.Type, fact.Raw, fact.Key);
                if (values is null || _diagnostics.Count > before) fact.Broken = true;
                if (!fact.Broken && fact.MemberName is not null)
                {
                    fact.Spec = new FactSpec(fact.Key, fact.MemberName, values!);
                }
            }
        }

        private ImmutableEquatableArray<ValueSpec>? ConvertObject(FactState fact, TypeSpec type, RawValue raw, string label)
        {
            var byName = new Dictionary<string, RawEntry>(StringComparer.Ordinal);
            foreach (RawEntry entry in raw.Entries)
            {
                if (type.IsEntity && entry.Key == type.KeyField) continue;
                if (FieldNames(type).Contains(entry.Key))
                {
                    byName[entry.Key] = entry;
                }
                else
                {
                    Report(DiagnosticDescriptors.UnknownField, entry.KeyLocation, type.Name, Shorten(entry.Key), DidYouMean(entry.Key, FieldNames(type)));
                }
            }
            var values = new List<ValueSpec>(type.Fields.Count);
            bool ok = true;
            foreach (FieldSpec field in type.Fields)
            {
                if (!byName.TryGetValue(field.YamlName, out RawEntry? entry))
                {
                    if (field.IsList) values.Add(new ValueSpec(ValueKind.List, string.Empty, ImmutableEquatableArray<ValueSpec>.Empty));
                    else if (field.IsOptional) values.Add(ValueSpec.Null);
                    else
                    {
                        Report(DiagnosticDescriptors.MissingField, raw.Location, type.Name, label, field.YamlName);
                        ok = false;
                    }
                    continue;
                }
                ValueSpec? value = ConvertField(fact, field, entry.Value);
                if (value is null) ok = false;
                else values.Add(value);
            }
            return ok ? values.ToImmutableEquatableArray() : null;
        }

        private ValueSpec? ConvertField(FactState fact, FieldSpec field, RawValue raw)
        {
            if (field.IsList)
            {
                if (raw.Kind == RawKind.Null) return new ValueSpec(ValueKind.List, string.Empty, ImmutableEquatableArray<ValueSpec>.Empty);
                if (raw.Kind != RawKind.Sequence)
                {
                    Report(DiagnosticDescriptors.WrongValue, raw.Location, field.YamlName, $"a list of {field.Target.OrDefault(field.Kind)}", Shorten(raw.Describe()), "; write it as a YAML list ('- item' lines or [a, b])");
                    return null;
                }
                var items = new List<ValueSpec>();
                bool ok = true;
                foreach (RawValue item in raw.Items)
                {
                    if (item.Kind == RawKind.Null)
                    {
                        Report(DiagnosticDescriptors.WrongValue, item.Location, field.YamlName, field.Target.OrDefault(field.Kind), "null", "; remove the empty list item");
                        ok = false;
                        continue;
                    }
                    ValueSpec? value = ConvertSingle(fact, field, item);
                    if (value is null) ok = false;
                    else items.Add(value);
                }
                return ok ? new ValueSpec(ValueKind.List, string.Empty, items.ToImmutableEquatableArray()) : null;
            }
            if (raw.Kind == RawKind.Null)
            {
                if (field.IsOptional) return ValueSpec.Null;
                Report(DiagnosticDescriptors.WrongValue, raw.Location, field.YamlName, field.Target.OrDefault(field.Kind), "null", "; the field is required (make its type optional with '?' in the schema to allow null)");
                return null;
            }
            return ConvertSingle(fact, field, raw);
        }

        private ValueSpec? ConvertSingle(FactState fact, FieldSpec field, RawValue raw)
        {
            string expected = field.Target.OrDefault(field.Kind);
            if (field.Kind == FieldKind.Value)
            {
                if (raw.Kind != RawKind.Mapping)
                {
                    Report(DiagnosticDescriptors.WrongValue, raw.Location, field.YamlName, $"a {field.Target} (a mapping of its fields)", Shorten(raw.Describe()), "");
                    return null;
                }
                TypeSpec valueType = _types[field.Target];
                ImmutableEquatableArray<ValueSpec>? fields = ConvertObject(fact, valueType, raw, $"in {fact.Key}");
                if (fields is null) return null;
                if (_schema.Evidence is EvidenceSpec ev && valueType.Name == ev.QuoteType) RecordQuote(fact, valueType, ev, raw, fields);
                return new ValueSpec(ValueKind.Object, string.Empty, fields);
            }
            if (raw.Kind is not (RawKind.Plain or RawKind.Text))
            {
                Report(DiagnosticDescriptors.WrongValue, raw.Location, field.YamlName, expected, raw.Describe(), "");
                return null;
            }
            string text = raw.Text;
            switch (field.Kind)
            {
                case FieldKind.String:
                    return new ValueSpec(ValueKind.String, text, ImmutableEquatableArray<ValueSpec>.Empty);
                case FieldKind.Integer:
                    if (raw.Kind == RawKind.Plain && IntegerPattern.IsMatch(text))
                    {
                        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
                            return Scalar(ValueKind.Integer, number.ToString(CultureInfo.InvariantCulture));
                        Report(DiagnosticDescriptors.WrongValue, raw.Location, field.YamlName, "an integer", Shorten(text), $"; it is out of range ({int.MinValue.ToString(CultureInfo.InvariantCulture)} to {int.MaxValue.ToString(CultureInfo.InvariantCulture)})");
                        return null;
                    }
                    Report(DiagnosticDescriptors.WrongValue, raw.Location, field.YamlName, "an integer", Shorten(text), NumberHint(raw));
                    return null;
                case FieldKind.Decimal:
                    if (raw.Kind == RawKind.Plain && DecimalPattern.IsMatch(text))
                    {
                        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d))
                            return Scalar(ValueKind.Decimal, d.ToString(CultureInfo.InvariantCulture));
                        Report(DiagnosticDescriptors.WrongValue, raw.Location, field.YamlName, "a decimal", Shorten(text), "; it is out of range for decimal");
                        return null;
                    }
                    Report(DiagnosticDescriptors.WrongValue, raw.Location, field.YamlName, "a decimal", Shorten(text), NumberHint(raw));
                    return null;
                case FieldKind.Boolean:
                    if (raw.Kind == RawKind.Plain && text is "true" or "True" or "TRUE") return Scalar(ValueKind.Boolean, "true");
                    if (raw.Kind == RawKind.Plain && text is "false" or "False" or "FALSE") return Scalar(ValueKind.Boolean, "false");
                    Report(DiagnosticDescriptors.WrongValue, raw.Location, field.YamlName, "true or false", Shorten(text), "");
                    return null;
                case FieldKind.Date:
                    return ConvertDate(raw);
                case FieldKind.Enum:
                    EnumSpec e = _enums[field.Target];
                    EnumValueSpec? match = e.Values.FirstOrDefault(v => v.Text == text);
                    if (match is not null) return Scalar(ValueKind.Enum, match.MemberName);
                    string allowed = string.Join(", ", e.Values.Take(12).Select(v => v.Text)) + (e.Values.Count > 12 ? ", …" : "");
                    Report(DiagnosticDescriptors.UnknownEnumValue, raw.Location, Shorten(text), e.Name, DidYouMean(text, e.Values.Select(v => v.Text).ToList()), allowed);
                    return null;
                case FieldKind.Reference:
                    TypeSpec target = _types[field.Target];
                    Dictionary<string, FactState> keys = _keys[target.Name];
                    if (!keys.ContainsKey(text))
                    {
                        Report(DiagnosticDescriptors.UnknownReference, raw.Location, Shorten(text), target.Collection, DidYouMean(text, keys.Keys));
                        return null;
                    }
                    fact.References.Add((target.Name, text));
                    return Scalar(ValueKind.Reference, text);
                default:
                    return null;
            }
        }

        private static string NumberHint(RawValue raw) =>
            raw.Kind == RawKind.Text ? "; remove the quotes" : raw.Text.Contains(",") ? "; write it without thousands separators and with '.' as the decimal point" : "";

        private ValueSpec? ConvertDate(RawValue raw)
        {
            Match m = DatePattern.Match(raw.Text);
            if (m.Success)
            {
                int year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                bool hasMonth = m.Groups[2].Success;
                bool hasDay = m.Groups[3].Success;
                int month = hasMonth ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
                int day = hasDay ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
                if (year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
                {
                    return Scalar(ValueKind.Date, m.Value);
                }
            }
            Report(DiagnosticDescriptors.BadDate, raw.Location, Shorten(raw.Text));
            return null;
        }

        private static ValueSpec Scalar(ValueKind kind, string text) => new(kind, text, ImmutableEquatableArray<ValueSpec>.Empty);

        private void RecordQuote(FactState fact, TypeSpec quoteType, EvidenceSpec ev, RawValue raw, ImmutableEquatableArray<ValueSpec> fields)
        {
            string? source = null, text = null;
            int paragraph = 0;
            LocationInfo location = raw.Location;
            for (int i = 0; i < quoteType.Fields.Count; i++)
            {
                FieldSpec f = quoteType.Fields[i];
                if (f.YamlName == ev.QuoteSourceField) source = fields[i].Kind == ValueKind.Null ? null : fields[i].Text;
                else if (f.YamlName == ev.ParagraphField && fields[i].Kind == ValueKind.Integer) paragraph = int.Parse(fields[i].Text, CultureInfo.InvariantCulture);
                else if (f.YamlName == ev.TextField && fields[i].Kind == ValueKind.String)
                {
                    text = fields[i].Text;
                    location = raw.Entries.FirstOrDefault(e => e.Key == ev.TextField)?.Value.Location ?? raw.Location;
                }
            }
            if (source is not null && text is not null) _quotes.Add(new QuoteCheck(fact, source, paragraph, text, location));
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
            foreach (FactState source in Facts.Where(f => f.Type == sourceType && f.Key is not null && f.Raw.Kind == RawKind.Mapping))
            {
                RawValue? file = Field(source.Raw, ev.FileField);
                if (file is null || file.Kind is not (RawKind.Plain or RawKind.Text)) continue;
                string fileName = file.Text.Replace('\\', '/').Split('/').Last();
                if (!textsByName.TryGetValue(fileName, out SourceTextSpec? text))
                {
                    Report(DiagnosticDescriptors.SourceTextMissing, file.Location, fileName);
                    continue;
                }
                sourceTexts[source.Key!] = text;
                RawValue? sha = Field(source.Raw, ev.Sha256Field);
                if (sha is not null && sha.Kind is RawKind.Plain or RawKind.Text && !string.Equals(sha.Text.Trim(), text.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    Report(DiagnosticDescriptors.SourceHashMismatch, sha.Location, fileName, text.Sha256, Shorten(sha.Text));
                    source.Broken = true;
                }
                if (ev.ParagraphsField is not null && Field(source.Raw, ev.ParagraphsField) is RawValue count && count.Kind == RawKind.Plain
                    && int.TryParse(count.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n != text.Paragraphs.Count)
                {
                    Report(DiagnosticDescriptors.ParagraphCountMismatch, count.Location, fileName, text.Paragraphs.Count, n);
                    source.Broken = true;
                }
            }
            foreach (QuoteCheck quote in _quotes)
            {
                if (!sourceTexts.TryGetValue(quote.SourceKey, out SourceTextSpec? text)) continue;
                if (quote.Paragraph < 1 || quote.Paragraph > text.Paragraphs.Count)
                {
                    Report(DiagnosticDescriptors.ParagraphOutOfRange, quote.Location, quote.Paragraph, text.FileName, text.Paragraphs.Count);
                    quote.Fact.Broken = true;
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
                quote.Fact.Broken = true;
            }
        }

        private static RawValue? Field(RawValue mapping, string name) => mapping.Entries.FirstOrDefault(e => e.Key == name)?.Value;

        /// <summary>
        /// A fact that refers to a fact left out of the output would fail at run time, so it is left
        /// out too (the build already has an error that says why). Repeats until nothing changes.
        /// </summary>
        public void ExcludeBrokenReferences()
        {
            // Breadth-first over "who refers to whom", from every fact left out: linear in facts and
            // references (a long chain of references cannot make it quadratic).
            var referrers = new Dictionary<FactState, List<FactState>>();
            var work = new Queue<FactState>();
            foreach (FactState fact in Facts)
            {
                if (fact.Broken || fact.Spec is null) work.Enqueue(fact);
                foreach ((string type, string key) in fact.References)
                {
                    FactState target = _keys[type][key];
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
                    if (fact.Broken || fact.Spec is null) continue;
                    fact.Broken = true;
                    work.Enqueue(fact);
                }
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";

    /// <summary>A diagnostic argument as text, numbers formatted invariantly (messages do not depend on the culture).</summary>
    private static string Invariant(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string OrDefault(this string target, FieldKind kind) => target.Length > 0 ? target : kind switch
    {
        FieldKind.String => "a string",
        FieldKind.Integer => "an integer",
        FieldKind.Decimal => "a decimal",
        FieldKind.Boolean => "true or false",
        FieldKind.Date => "a date",
        _ => kind.ToString(),
    };
}
