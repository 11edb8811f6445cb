using System;
using System.Collections.Generic;

namespace TypedDataset.Consumer.Data;

/// <summary>A text of a fact that `search` looks at, with the field it comes from.</summary>
internal readonly record struct SearchText(string Field, string Text);

/// <summary>
/// One fact of any collection, seen generically: its key, a label, the names it can be found
/// by, and its fields (computed on demand by the per-type code in <see cref="FactFields"/>).
/// </summary>
internal sealed class FactEntry
{
    private readonly Lazy<IReadOnlyList<Field>> _fields;

    public FactEntry(
        string collection,
        string id,
        string label,
        IReadOnlyList<string> names,
        IReadOnlyList<SearchText> searchTexts,
        Func<IReadOnlyList<Field>> fields,
        object? fact = null)
    {
        Collection = collection;
        Id = id;
        Label = label;
        Names = names;
        SearchTexts = searchTexts;
        Fact = fact;
        _fields = new Lazy<IReadOnlyList<Field>>(fields);
    }

    /// <summary>The collection name (<c>People</c>).</summary>
    public string Collection { get; }

    /// <summary>The key (<c>john-dorrian</c>), unique within the collection.</summary>
    public string Id { get; }

    /// <summary>How the fact is named when shown or referred to.</summary>
    public string Label { get; }

    /// <summary>Name and aliases (empty for facts without a name).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The texts searched by default: names, aliases, quotation text, figure wording.</summary>
    public IReadOnlyList<SearchText> SearchTexts { get; }

    /// <summary>The typed record (<c>Person</c>, <c>Figure</c> …) for typed code.</summary>
    public object? Fact { get; }

    public IReadOnlyList<Field> Fields => _fields.Value;

    public FactRef Ref => new(Collection, Id, Label);

    /// <summary><c>people/john-dorrian</c>.</summary>
    public string Qualified => DatasetIndex.Qualify(Collection, Id);

    public Field? GetField(string name)
    {
        foreach (Field field in Fields)
        {
            if (field.Name == name) return field;
        }
        return null;
    }

    public bool Is(FactRef other) =>
        string.Equals(Collection, other.Collection, StringComparison.Ordinal) && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override string ToString() => Qualified;
}
