using System.Globalization;
using System.Linq;
using TypedDataset.Consumer.Data;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Rendering;

/// <summary>Plain-text formatting of values, shared by every command (no markup here).</summary>
internal static class Format
{
    public static string Number(decimal value) => value.ToString("#,0.####", CultureInfo.InvariantCulture);

    /// <summary>The number of a figure: its value, its stated range, or "vague".</summary>
    public static string FigureValue(Figure figure)
    {
        if (figure.Value is { } value) return Number(value);
        if (figure.Low is { } low && figure.High is { } high) return Number(low) + "–" + Number(high);
        if (figure.Low is { } onlyLow) return "≥ " + Number(onlyLow);
        if (figure.High is { } onlyHigh) return "≤ " + Number(onlyHigh);
        return "(vague)";
    }

    /// <summary>The normalized time: a date, an interval, or one bound of it.</summary>
    public static string When(TimeExpression? time)
    {
        if (time is null) return "";
        if (time.Date is { } date) return date.ToString();
        if (time.Earliest is { } earliest && time.Latest is { } latest) return earliest + " … " + latest;
        if (time.Earliest is { } from) return "after " + from;
        if (time.Latest is { } to) return "before " + to;
        return "(no date)";
    }

    /// <summary>The time expression as written in the text, in quotes, or empty.</summary>
    public static string AsWritten(TimeExpression? time) => time?.Text is { } text ? "“" + text + "”" : "";

    /// <summary>A reference shown by name, with its key: <c>U.S.-led coalition [us-led-coalition]</c>.</summary>
    public static string Ref(FactRef reference) => reference.Label + " [" + reference.Id + "]";

    public static string EvidenceLocation(Evidence evidence) => evidence.Source.Id + " ¶" + evidence.Paragraph.ToString(CultureInfo.InvariantCulture);

    public static string Publisher(PublisherAttribution? publisher) =>
        publisher is null ? "" : Ref(FactFields.Ref(publisher.Organization)) + " (" + publisher.Basis.ToYamlString() + ")";

    /// <summary>A one-line rendering of a field, for table cells.</summary>
    public static string Short(Field field) => field.Kind switch
    {
        FieldKind.Text or FieldKind.Enum => field.Text ?? "",
        FieldKind.Integer or FieldKind.Decimal => field.Number is { } n ? Number(n) : "",
        FieldKind.Date => field.Date?.ToString() ?? "",
        FieldKind.TextList => string.Join("; ", field.Texts),
        FieldKind.Reference or FieldKind.ReferenceList => string.Join(", ", field.Refs.Select(r => r.Label)),
        FieldKind.Time => field.Time is null ? "" : When(field.Time) + (field.Time.Text is null ? "" : " " + AsWritten(field.Time)),
        FieldKind.Publisher => field.Publisher is null ? "" : field.Publisher.Organization.Name + " (" + field.Publisher.Basis.ToYamlString() + ")",
        FieldKind.Evidence => field.Evidence.Count.ToString(CultureInfo.InvariantCulture) + " quote(s)",
        _ => "",
    };

    public static string Plural(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
}
