using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TypedDataset.Consumer.Data;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Export;

/// <summary>
/// One CSV table per collection (RFC 4180: CRLF line ends, fields with a comma, quote or line
/// break are quoted and quotes doubled). One column per field; a time expands into
/// <c>time_text, time_date, time_earliest, time_latest, time_basis, time_reasoning</c>, a
/// publisher into <c>publisher_organization, publisher_basis, publisher_reasoning</c>.
/// Lists are joined with "; " and evidence entries (<c>s000 ¶14: quote</c>) with line breaks.
/// </summary>
internal static class CsvExporter
{
    public const string Newline = "\r\n";

    public static string FileName(CollectionInfo collection) => collection.Name.ToLowerInvariant() + ".csv";

    public static void Write(TextWriter writer, CollectionInfo collection)
    {
        if (collection.Entries.Count == 0) return;
        IReadOnlyList<Field> first = Exported(collection.Entries[0]);
        WriteRecord(writer, first.SelectMany(Headers));
        foreach (FactEntry entry in collection.Entries)
        {
            WriteRecord(writer, Exported(entry).SelectMany(Cells));
        }
    }

    public static string ToCsv(CollectionInfo collection)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = Newline };
        Write(writer, collection);
        return writer.ToString();
    }

    /// <summary>One field, quoted when RFC 4180 requires it.</summary>
    public static string Escape(string value)
    {
        bool quote = value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0;
        return quote ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static IReadOnlyList<Field> Exported(FactEntry entry) => entry.Fields.Where(f => !f.Derived).ToArray();

    private static void WriteRecord(TextWriter writer, IEnumerable<string> cells)
    {
        var line = new StringBuilder();
        bool firstCell = true;
        foreach (string cell in cells)
        {
            if (!firstCell) line.Append(',');
            line.Append(Escape(cell));
            firstCell = false;
        }
        line.Append(Newline);
        writer.Write(line.ToString());
    }

    private static IEnumerable<string> Headers(Field field) => field.Kind switch
    {
        FieldKind.Time => new[] { "text", "date", "earliest", "latest", "basis", "reasoning" }.Select(p => field.Name + "_" + p),
        FieldKind.Publisher => new[] { "organization", "basis", "reasoning" }.Select(p => field.Name + "_" + p),
        _ => new[] { field.Name },
    };

    private static IEnumerable<string> Cells(Field field)
    {
        switch (field.Kind)
        {
            case FieldKind.Time:
                TimeExpression? t = field.Time;
                return new[]
                {
                    t?.Text ?? "", t?.Date?.ToString() ?? "", t?.Earliest?.ToString() ?? "", t?.Latest?.ToString() ?? "",
                    t?.Basis.ToYamlString() ?? "", t?.Reasoning ?? "",
                };
            case FieldKind.Publisher:
                PublisherAttribution? p = field.Publisher;
                return new[] { p?.Organization.Id ?? "", p?.Basis.ToYamlString() ?? "", p?.Reasoning ?? "" };
            case FieldKind.Text:
            case FieldKind.Enum:
                return new[] { field.Text ?? "" };
            case FieldKind.Integer:
            case FieldKind.Decimal:
                return new[] { field.Number?.ToString(CultureInfo.InvariantCulture) ?? "" };
            case FieldKind.Date:
                return new[] { field.Date?.ToString() ?? "" };
            case FieldKind.TextList:
                return new[] { string.Join("; ", field.Texts) };
            case FieldKind.Reference:
            case FieldKind.ReferenceList:
                return new[] { string.Join("; ", field.Refs.Select(r => r.Id)) };
            case FieldKind.Evidence:
                return new[]
                {
                    string.Join("\n", field.Evidence.Select(e => e.Source.Id + " ¶" + e.Paragraph.ToString(CultureInfo.InvariantCulture) + ": " + e.Quote)),
                };
            default:
                return new[] { "" };
        }
    }
}
