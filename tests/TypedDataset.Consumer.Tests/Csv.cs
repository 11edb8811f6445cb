using System.Collections.Generic;
using System.Text;

namespace TypedDataset.Consumer.Tests;

/// <summary>A strict RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF records).</summary>
public static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, fieldStarted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"':
                    Assert.False(fieldStarted && field.Length > 0, $"quote inside an unquoted field at {i}");
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r':
                    Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"bare CR at {i}");
                    record.Add(field.ToString());
                    records.Add(record);
                    record = new List<string>();
                    field.Clear();
                    fieldStarted = false;
                    i++;
                    break;
                case '\n':
                    Assert.Fail($"bare LF outside quotes at {i} (records must end with CRLF)");
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        Assert.False(quoted, "unterminated quoted field");
        if (fieldStarted || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records;
    }
}
