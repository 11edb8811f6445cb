using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Validation;

/// <summary>
/// Validation, per file: types every fact of one data file against the schema (keys, fields,
/// scalars, enums, dates, nested values). Depends only on that file and the schema, so it runs
/// once per file and is cached per file: an edit re-types only the edited file. What needs every
/// file (duplicate keys, whether a reference exists, evidence against the texts) is left to
/// <see cref="DatasetValidator"/>, as <see cref="RefCheck"/>s and <see cref="QuoteSpec"/>s.
/// </summary>
internal sealed class FactTyper
{
    /// <summary>Public members of a collection class: keys must not turn into these names.</summary>
    public static readonly string[] ReservedCollectionMembers =
        { "All", "Count", "Get", "TryGet", "FindByName", "Equals", "ReferenceEquals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize" };

    private static readonly Regex IntegerPattern = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex DecimalPattern = new(@"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex DatePattern = new(@"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$", RegexOptions.CultureInvariant);

    private readonly SchemaSpec _schema;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, TypeSpec> _types;
    private readonly Dictionary<string, TypeSpec> _byCollection;
    private readonly Dictionary<string, EnumSpec> _enums;
    private readonly SuggestionBudget _budget = new();
    private readonly Dictionary<TypeSpec, HashSet<string>> _fieldNames = new();

    private FactTyper(SchemaSpec schema)
    {
        _schema = schema;
        _types = schema.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _byCollection = schema.Types.Where(t => t.IsEntity).ToDictionary(t => t.Collection, StringComparer.Ordinal);
        _enums = schema.Enums.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>Types one parsed file. Without a valid schema, only the file's parse diagnostics pass through.</summary>
    public static TypedFile Type(ParsedFile file, SchemaResult schema)
    {
        if (file.Kind != ParsedFileKind.Data || schema.Schema is null)
        {
            // A schema file's own diagnostics travel with the SchemaResult.
            var passThrough = file.Kind == ParsedFileKind.Schema ? ImmutableEquatableArray<DiagnosticInfo>.Empty : file.Diagnostics;
            return new TypedFile(file.Path, file.OrderKey, file.Kind, file.Collections.Count > 0, ImmutableEquatableArray<TypedFact>.Empty, passThrough);
        }
        var typer = new FactTyper(schema.Schema);
        typer._diagnostics.AddRange(file.Diagnostics);
        var facts = new List<TypedFact>();
        foreach (RawCollection collection in file.Collections)
        {
            if (!typer._byCollection.TryGetValue(collection.Name, out TypeSpec? type))
            {
                typer.Report(DiagnosticDescriptors.UnknownCollection, collection.Location, collection.Name, typer.DidYouMean(collection.Name, typer._byCollection.Keys));
                continue;
            }
            foreach (RawValue raw in collection.Facts)
            {
                // Each fact keeps its own diagnostics: a duplicate (found later, across files) drops them.
                int before = typer._diagnostics.Count;
                TypedFact fact = typer.TypeFact(type, raw);
                var own = typer._diagnostics.GetRange(before, typer._diagnostics.Count - before);
                typer._diagnostics.RemoveRange(before, own.Count);
                facts.Add(fact with { Diagnostics = own.ToImmutableEquatableArray() });
            }
        }
        return new TypedFile(file.Path, file.OrderKey, file.Kind, file.Collections.Count > 0, facts.ToImmutableEquatableArray(), typer._diagnostics.ToImmutableEquatableArray(),
            StringHeap.UpperBound(schema.Schema, facts));
    }

    private TypedFact TypeFact(TypeSpec type, RawValue raw)
    {
        var fact = new FactBuilder(type, raw);
        int before = _diagnostics.Count;
        if (raw.Kind != RawKind.Mapping)
        {
            Report(DiagnosticDescriptors.WrongNodeKind, raw.Location, $"a fact (a mapping of fields) in {type.Collection}", raw.Describe());
            return fact.Build(broken: true);
        }
        RawEntry? keyEntry = raw.Entries.FirstOrDefault(e => e.Key == type.KeyField);
        if (keyEntry is null || keyEntry.Value.Kind is RawKind.Null)
        {
            Report(DiagnosticDescriptors.MissingField, raw.Location, type.Name, "(no key)", type.KeyField);
            return fact.Build(broken: true);
        }
        if (keyEntry.Value.Kind is not (RawKind.Plain or RawKind.Text))
        {
            Report(DiagnosticDescriptors.WrongValue, keyEntry.Value.Location, type.KeyField, "a key (text)", keyEntry.Value.Describe(), "");
            return fact.Build(broken: true);
        }
        fact.Key = keyEntry.Value.Text;
        fact.KeyLocation = keyEntry.Value.Location;
        if (!Names.IsValidKey(fact.Key))
        {
            Report(DiagnosticDescriptors.InvalidKey, keyEntry.Value.Location, Shorten(fact.Key));
        }
        else
        {
            string member = Names.ToPascalCase(fact.Key)!;
            if (ReservedCollectionMembers.Contains(member) || member == type.Collection)
            {
                Report(DiagnosticDescriptors.KeyCollision, keyEntry.Value.Location, fact.Key, member, $"is a generated member of {type.Collection}");
            }
            else
            {
                fact.MemberName = member;
            }
        }
        fact.Values = ConvertObject(fact, type, raw, fact.Key);
        return fact.Build(broken: fact.Values is null || _diagnostics.Count > before);
    }

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

        private ImmutableEquatableArray<ValueSpec>? ConvertObject(FactBuilder fact, TypeSpec type, RawValue raw, string label)
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

        private ValueSpec? ConvertField(FactBuilder fact, FieldSpec field, RawValue raw)
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

        private ValueSpec? ConvertSingle(FactBuilder fact, FieldSpec field, RawValue raw)
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
                    // Whether the key exists is known only once every file is typed: checked by the validator.
                    fact.References.Add(new RefCheck(field.Target, text, raw.Location));
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

        private void RecordQuote(FactBuilder fact, TypeSpec quoteType, EvidenceSpec ev, RawValue raw, ImmutableEquatableArray<ValueSpec> fields)
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
            if (source is not null && text is not null) fact.Quotes.Add(new QuoteSpec(source, paragraph, text, location));
        }

    internal static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";

    /// <summary>A diagnostic argument as text, numbers formatted invariantly (messages do not depend on the culture).</summary>
    internal static string Invariant(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A fact being typed (mutable, local to one typing run).</summary>
    private sealed class FactBuilder
    {
        public FactBuilder(TypeSpec type, RawValue raw)
        {
            Type = type;
            Raw = raw;
            KeyLocation = raw.Location;
        }

        public TypeSpec Type { get; }
        public RawValue Raw { get; }
        public string? Key { get; set; }
        public LocationInfo KeyLocation { get; set; }
        public string? MemberName { get; set; }
        public ImmutableEquatableArray<ValueSpec>? Values { get; set; }
        public List<RefCheck> References { get; } = new();
        public List<QuoteSpec> Quotes { get; } = new();

        public TypedFact Build(bool broken) => new(
            Type.Name, Key, KeyLocation, MemberName, broken ? null : Values,
            broken || Key is null || MemberName is null || Values is null ? null : new FactSpec(Key, MemberName, Values),
            References.ToImmutableEquatableArray(), Quotes.ToImmutableEquatableArray(), Raw, ImmutableEquatableArray<DiagnosticInfo>.Empty);
    }
}

internal static class FieldKindText
{
    public static string OrDefault(this string target, FieldKind kind) => target.Length > 0 ? target : kind switch
    {
        FieldKind.String => "a string",
        FieldKind.Integer => "an integer",
        FieldKind.Decimal => "a decimal",
        FieldKind.Boolean => "true or false",
        FieldKind.Date => "a date",
        _ => kind.ToString(),
    };
}
