using System.Globalization;
using System.Text;

namespace TypedDataset.Generator.Emitting;

/// <summary>Escaping of data for C# string literals and XML doc comments.</summary>
internal static class CSharpText
{
    /// <summary>
    /// A C# string literal that evaluates to exactly <paramref name="value"/>. Everything outside
    /// printable ASCII is written as a \uXXXX escape, so no newline, bidi control, zero-width
    /// character or unpaired surrogate from the data reaches the source text.
    /// </summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (c >= ' ' && c <= '~') builder.Append(c);
                    else builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>
    /// Text for an XML doc comment: XML-escaped, on one line (line breaks become spaces), with
    /// control, format (bidi, zero-width), separator, private-use and surrogate characters shown
    /// as visible \uXXXX text, and cut to <paramref name="maxLength"/> characters.
    /// </summary>
    public static string Xml(string value, int maxLength = 400)
    {
        var builder = new StringBuilder(value.Length);
        int shown = 0;
        bool lastWasSpace = false;
        foreach (char c in value)
        {
            if (shown >= maxLength)
            {
                builder.Append('…');
                break;
            }
            if (c is '\n' or '\r' or '\t' or ' ')
            {
                if (!lastWasSpace && builder.Length > 0) builder.Append(' ');
                lastWasSpace = true;
                shown++;
                continue;
            }
            lastWasSpace = false;
            shown++;
            switch (c)
            {
                case '&': builder.Append("&amp;"); continue;
                case '<': builder.Append("&lt;"); continue;
                case '>': builder.Append("&gt;"); continue;
            }
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            bool unsafeChar = category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
            if (unsafeChar) builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString().TrimEnd();
    }
}
