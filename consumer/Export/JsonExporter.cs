using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TypedDataset.Consumer.Data;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Export;

/// <summary>
/// The whole dataset as JSON, written field by field with <see cref="Utf8JsonWriter"/> (no
/// reflection-based serialization: trim- and AOT-safe). Field names are the YAML names,
/// references are keys, enums are their YAML spelling and dates keep their precision.
/// </summary>
internal static class JsonExporter
{
    public static void Write(Stream stream, DatasetIndex index, IReadOnlyList<CollectionInfo> collections)
    {
        var options = new JsonWriterOptions
        {
            Indented = true,
            // Keep the texts readable (curly quotes, ¶): this is a data file, not HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using var writer = new Utf8JsonWriter(stream, options);
        writer.WriteStartObject();
        writer.WriteString("dataset", index.Title);
        writer.WriteStartObject("counts");
        foreach (CollectionInfo collection in collections) writer.WriteNumber(collection.Name, collection.Count);
        writer.WriteEndObject();
        writer.WriteStartObject("collections");
        foreach (CollectionInfo collection in collections)
        {
            writer.WriteStartArray(collection.Name);
            foreach (FactEntry entry in collection.Entries) WriteFact(writer, entry);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
    }

    public static string ToJson(DatasetIndex index, IReadOnlyList<CollectionInfo> collections)
    {
        using var stream = new MemoryStream();
        Write(stream, index, collections);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFact(Utf8JsonWriter writer, FactEntry entry)
    {
        writer.WriteStartObject();
        foreach (Field field in entry.Fields)
        {
            if (field.Derived) continue;
            writer.WritePropertyName(field.Name);
            WriteValue(writer, field);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, Field field)
    {
        switch (field.Kind)
        {
            case FieldKind.Text:
            case FieldKind.Enum:
                WriteString(writer, field.Text);
                break;
            case FieldKind.Integer:
            case FieldKind.Decimal:
                if (field.Number is { } number) writer.WriteNumberValue(number);
                else writer.WriteNullValue();
                break;
            case FieldKind.Date:
                WriteString(writer, field.Date?.ToString());
                break;
            case FieldKind.TextList:
                writer.WriteStartArray();
                foreach (string text in field.Texts) writer.WriteStringValue(text);
                writer.WriteEndArray();
                break;
            case FieldKind.Reference:
                WriteString(writer, field.Refs.Count == 0 ? null : field.Refs[0].Id);
                break;
            case FieldKind.ReferenceList:
                writer.WriteStartArray();
                foreach (FactRef reference in field.Refs) writer.WriteStringValue(reference.Id);
                writer.WriteEndArray();
                break;
            case FieldKind.Time:
                WriteTime(writer, field.Time);
                break;
            case FieldKind.Publisher:
                if (field.Publisher is not { } publisher)
                {
                    writer.WriteNullValue();
                    break;
                }
                writer.WriteStartObject();
                writer.WriteString("organization", publisher.Organization.Id);
                writer.WriteString("basis", publisher.Basis.ToYamlString());
                writer.WritePropertyName("reasoning");
                WriteString(writer, publisher.Reasoning);
                writer.WriteEndObject();
                break;
            case FieldKind.Evidence:
                writer.WriteStartArray();
                foreach (Evidence evidence in field.Evidence)
                {
                    writer.WriteStartObject();
                    writer.WriteString("source", evidence.Source.Id);
                    writer.WriteNumber("paragraph", evidence.Paragraph);
                    writer.WriteString("quote", evidence.Quote);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, TimeExpression? time)
    {
        if (time is null)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartObject();
        writer.WritePropertyName("text");
        WriteString(writer, time.Text);
        writer.WritePropertyName("date");
        WriteString(writer, time.Date?.ToString());
        writer.WritePropertyName("earliest");
        WriteString(writer, time.Earliest?.ToString());
        writer.WritePropertyName("latest");
        WriteString(writer, time.Latest?.ToString());
        writer.WriteString("basis", time.Basis.ToYamlString());
        writer.WritePropertyName("reasoning");
        WriteString(writer, time.Reasoning);
        writer.WriteEndObject();
    }

    private static void WriteString(Utf8JsonWriter writer, string? value)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}
