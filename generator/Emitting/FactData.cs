using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Emitting;

/// <summary>
/// Facts as data: a chunk of facts is written as one string literal holding bytes, two per
/// character (low byte first), and read back on first access by the static readers of <c>TypedDatasetReaders</c>
/// (<c>Start</c>, <c>Number</c>, <c>TextOrNull</c>…, emitted with the support code). A literal per value instead makes a loader method per few
/// facts and a fixup per string when a loader first runs; a chunk is one fixup, and its loader one
/// small method (docs/architecture.md, "Facts as data"). Not <c>"…"u8</c> data: the compiler gives
/// each such literal a field, and a field type per size, in one class that the runtime loads whole
/// on the first access to any of them (4 ms for 1,500 literals of different sizes).
/// <para>
/// The bytes, which the reader mirrors:
/// </para>
/// <list type="bullet">
/// <item>A number is written in base 32, low digits first: <see cref="Last"/> + d for the last
/// digit, <see cref="More"/> + d for the others.</item>
/// <item>A chunk starts with the width w of its offsets (one digit), then, for each fact, its
/// offset in the chunk in w digits (high digit first, every digit <see cref="Last"/> + d), then the
/// facts.</item>
/// <item>A fact is its key, then its fields in schema order. A value object is its fields; a list
/// is its count, then its items; an optional value other than a string is 0 (absent) or 1, then
/// the value.</item>
/// <item>A string is a header h: 0 for null, 1 + 2 × n for n UTF-8 bytes that follow, 2 + 2 × n
/// for n UTF-16 code units that follow as numbers (only for a string with an unpaired surrogate,
/// which UTF-8 cannot hold). An integer is zigzag-encoded (0, -1, 1, -2 … as 0, 1, 2, 3 …); a
/// boolean is 0 or 1; a decimal is its four <c>decimal.GetBits</c> words (the last as sign and
/// scale: scale × 2 + 1 when negative); a date is year, month and day as integers (0 when not
/// known); an enum value is its position in the schema.</item>
/// </list>
/// </summary>
internal static class FactData
{
    /// <summary>The byte of the digit 0 that ends a number ('#'); digits 0 to 31 run to 'B'.</summary>
    public const int Last = 0x23;

    /// <summary>The byte of the digit 0 when more digits follow (']'); digits 0 to 31 run to '|'.</summary>
    public const int More = 0x5D;

    /// <summary>The most digits of a fact's offset in its chunk's header (30 bits).</summary>
    private const int MaxOffsetWidth = 6;

    /// <summary>
    /// A chunk's framing in the user-string heap: a length prefix of up to 4 bytes, a trailing
    /// byte, the width of its offsets and a byte of padding; counted once per fact by
    /// <see cref="Sizes"/>, as a chunk has one fact at least.
    /// </summary>
    private const int FramingPerFact = 7;

    /// <summary>
    /// Whether a field's value starts with 0 (absent) or 1 (present): an optional field other than
    /// a string or a reference, whose absence is the string header 0. The readers
    /// (<c>DatasetEmitter.EmitReaders</c>) test the same.
    /// </summary>
    public static bool HasPresenceFlag(FieldSpec field) =>
        !field.IsList && field.IsOptional && field.Kind is not (FieldKind.String or FieldKind.Reference);

    /// <summary>
    /// The string literal of facts [<paramref name="from"/>, <paramref name="to"/>) of a slice:
    /// what the loader reads from <c>TypedDatasetReaders.Start(data, i - from)</c> on.
    /// </summary>
    public static string Chunk(Func<string, TypeSpec> typeOf, IReadOnlyList<EnumSpec> enums, TypeSpec type, IReadOnlyList<FactSpec> facts, int from, int to)
    {
        var writer = new Writer(typeOf, enums);
        var offsets = new List<int>();
        for (int i = from; i < to; i++)
        {
            offsets.Add(writer.Bytes.Count);
            writer.WriteFact(type, facts[i]);
        }
        // Offsets count from the chunk's start: the header's width depends on the largest.
        int width = 1;
        while (width < MaxOffsetWidth && 1 + offsets.Count * width + writer.Bytes.Count >= 1 << (5 * width)) width++;
        int header = 1 + offsets.Count * width;
        var bytes = new List<byte>(header + writer.Bytes.Count + 1) { (byte)(Last + width) };
        foreach (int offset in offsets)
        {
            for (int d = width - 1; d >= 0; d--) bytes.Add((byte)(Last + ((header + offset) >> (5 * d) & 31)));
        }
        bytes.AddRange(writer.Bytes);
        if (bytes.Count % 2 == 1) bytes.Add(0);
        var text = new StringBuilder(bytes.Count + 2).Append('"');
        for (int i = 0; i < bytes.Count; i += 2) Append(text, (char)(bytes[i] | bytes[i + 1] << 8));
        return text.Append('"').ToString();
    }

    /// <summary>
    /// A measure of the bytes a fact adds to the assembly's user-string heap at most (validation's
    /// TDS211 check): its own bytes, its offset and a chunk's framing. One measure serves a whole file.
    /// </summary>
    public static Func<TypeSpec, FactSpec, int> Sizes(Func<string, TypeSpec> typeOf, IReadOnlyList<EnumSpec> enums)
    {
        var writer = new Writer(typeOf, enums);
        return (type, fact) =>
        {
            writer.Bytes.Clear();
            writer.WriteFact(type, fact);
            return writer.Bytes.Count + MaxOffsetWidth + FramingPerFact;
        };
    }

    /// <summary>
    /// A character of the literal: as itself when it is printable ASCII or a CJK or Hangul letter
    /// (two ASCII bytes ending in a lower-case letter make a CJK ideograph), else as \uXXXX, so no
    /// quote, backslash, line break, control, bidi, surrogate or private-use character is written raw.
    /// </summary>
    private static void Append(StringBuilder text, char c)
    {
        bool raw = (c >= ' ' && c <= '~' && c != '"' && c != '\\')
            || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\uAC00' && c <= '\uD7A3');
        if (raw) text.Append(c);
        else text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
    }

    /// <summary>The bytes of facts, as the reader reads them.</summary>
    private sealed class Writer
    {
        private readonly Func<string, TypeSpec> _typeOf;
        private readonly Dictionary<string, Dictionary<string, int>> _enumPositions = new(StringComparer.Ordinal);

        public Writer(Func<string, TypeSpec> typeOf, IReadOnlyList<EnumSpec> enums)
        {
            _typeOf = typeOf;
            foreach (EnumSpec e in enums)
            {
                var positions = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < e.Values.Count; i++) positions[e.Values[i].MemberName] = i;
                _enumPositions[e.Name] = positions;
            }
        }

        public List<byte> Bytes { get; } = new();

        public void WriteFact(TypeSpec type, FactSpec fact)
        {
            WriteString(fact.Key);
            for (int f = 0; f < type.Fields.Count; f++) WriteValue(type.Fields[f], fact.Values[f]);
        }

        public void WriteValue(FieldSpec field, ValueSpec value)
        {
            if (field.IsList)
            {
                WriteNumber((uint)value.Items.Count);
                foreach (ValueSpec item in value.Items) WriteScalar(field, item);
                return;
            }
            if (HasPresenceFlag(field))
            {
                WriteNumber(value.Kind == ValueKind.Null ? 0u : 1u);
                if (value.Kind == ValueKind.Null) return;
            }
            WriteScalar(field, value);
        }

        private void WriteScalar(FieldSpec field, ValueSpec value)
        {
            switch (field.Kind)
            {
                case FieldKind.String:
                case FieldKind.Reference:
                    if (value.Kind == ValueKind.Null) WriteNumber(0);
                    else WriteString(value.Text);
                    break;
                case FieldKind.Integer:
                    WriteInteger(int.Parse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture));
                    break;
                case FieldKind.Boolean:
                    WriteNumber(value.Text == "true" ? 1u : 0u);
                    break;
                case FieldKind.Decimal:
                    int[] bits = decimal.GetBits(decimal.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
                    WriteNumber((uint)bits[0]);
                    WriteNumber((uint)bits[1]);
                    WriteNumber((uint)bits[2]);
                    WriteNumber((uint)((bits[3] >> 16) & 0xFF) * 2 + (bits[3] < 0 ? 1u : 0u));
                    break;
                case FieldKind.Date:
                    string[] parts = value.Text.Split('-');
                    for (int i = 0; i < 3; i++) WriteInteger(i < parts.Length ? int.Parse(parts[i], CultureInfo.InvariantCulture) : 0);
                    break;
                case FieldKind.Enum:
                    WriteNumber((uint)_enumPositions[field.Target][value.Text]);
                    break;
                case FieldKind.Value:
                    TypeSpec type = _typeOf(field.Target);
                    for (int i = 0; i < type.Fields.Count; i++) WriteValue(type.Fields[i], value.Items[i]);
                    break;
            }
        }

        public void WriteString(string text)
        {
            if (HasUnpairedSurrogate(text))
            {
                WriteNumber(2 + 2 * (uint)text.Length);
                foreach (char c in text) WriteNumber(c);
                return;
            }
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            WriteNumber(1 + 2 * (uint)utf8.Length);
            Bytes.AddRange(utf8);
        }

        private void WriteInteger(int value) => WriteNumber(unchecked((uint)((value << 1) ^ (value >> 31))));

        private void WriteNumber(uint value)
        {
            while (value >= 32)
            {
                Bytes.Add((byte)(More + (value & 31)));
                value >>= 5;
            }
            Bytes.Add((byte)(Last + value));
        }

        private static bool HasUnpairedSurrogate(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
                else if (char.IsSurrogate(text[i])) return true;
            }
            return false;
        }
    }
}
