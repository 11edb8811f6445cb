using System;
using System.Collections.Generic;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Data;

/// <summary>What a <see cref="Field"/> holds; decides how it is shown and exported.</summary>
internal enum FieldKind
{
    Text,
    Integer,
    Decimal,
    Date,
    Enum,
    TextList,
    Reference,
    ReferenceList,
    Time,
    Publisher,
    Evidence,
}

/// <summary>A reference to a fact, with the label used to show it by name.</summary>
internal readonly record struct FactRef(string Collection, string Id, string Label)
{
    /// <summary><c>collection/id</c>, lower-case collection: the form `show` accepts.</summary>
    public string Qualified => DatasetIndex.Qualify(Collection, Id);
}

/// <summary>
/// One field of a fact, already taken out of its typed record by explicit per-type code
/// (<see cref="FactFields"/>), so that show, JSON, CSV and search can treat every type alike
/// without reflection. Names are the YAML (snake_case) field names.
/// </summary>
internal sealed class Field
{
    private Field(string name, FieldKind kind, bool derived)
    {
        Name = name;
        Kind = kind;
        Derived = derived;
    }

    public string Name { get; }

    public FieldKind Kind { get; }

    /// <summary>An inverse navigation (computed, not in the YAML): shown, never exported.</summary>
    public bool Derived { get; }

    public string? Text { get; private init; }

    public decimal? Number { get; private init; }

    public PartialDate? Date { get; private init; }

    public IReadOnlyList<string> Texts { get; private init; } = Array.Empty<string>();

    public IReadOnlyList<FactRef> Refs { get; private init; } = Array.Empty<FactRef>();

    public TimeExpression? Time { get; private init; }

    public PublisherAttribution? Publisher { get; private init; }

    public IReadOnlyList<Evidence> Evidence { get; private init; } = Array.Empty<Evidence>();

    /// <summary>True when the field has no value (null, or an empty list).</summary>
    public bool IsEmpty => Kind switch
    {
        FieldKind.Text or FieldKind.Enum => Text is null,
        FieldKind.Integer or FieldKind.Decimal => Number is null,
        FieldKind.Date => Date is null,
        FieldKind.TextList => Texts.Count == 0,
        FieldKind.Reference or FieldKind.ReferenceList => Refs.Count == 0,
        FieldKind.Time => Time is null,
        FieldKind.Publisher => Publisher is null,
        FieldKind.Evidence => Evidence.Count == 0,
        _ => true,
    };

    public static Field OfText(string name, string? value) => new(name, FieldKind.Text, false) { Text = value };

    public static Field OfInteger(string name, int? value) => new(name, FieldKind.Integer, false) { Number = value };

    public static Field OfDecimal(string name, decimal? value) => new(name, FieldKind.Decimal, false) { Number = value };

    public static Field OfDate(string name, PartialDate? value) => new(name, FieldKind.Date, false) { Date = value };

    /// <summary>An enum value, as written in the YAML (<c>ToYamlString()</c>).</summary>
    public static Field OfEnum(string name, string? yamlValue) => new(name, FieldKind.Enum, false) { Text = yamlValue };

    public static Field OfTexts(string name, IReadOnlyList<string> values) => new(name, FieldKind.TextList, false) { Texts = values };

    public static Field OfRef(string name, FactRef? value) =>
        new(name, FieldKind.Reference, false) { Refs = value is { } r ? new[] { r } : Array.Empty<FactRef>() };

    public static Field OfRefs(string name, IReadOnlyList<FactRef> values, bool derived = false) =>
        new(name, FieldKind.ReferenceList, derived) { Refs = values };

    public static Field OfTime(string name, TimeExpression? value) => new(name, FieldKind.Time, false) { Time = value };

    public static Field OfPublisher(string name, PublisherAttribution? value) => new(name, FieldKind.Publisher, false) { Publisher = value };

    public static Field OfEvidence(string name, IReadOnlyList<Evidence> value) => new(name, FieldKind.Evidence, false) { Evidence = value };
}
