using System;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Emitting;

// The support file: {Root}.Support.g.cs (PartialDate, DatePrecision, the run-time helpers and readers, polyfills).
internal static partial class DatasetEmitter
{
    private static string EmitSupport(EmitContext ctx, CoreSpec core)
    {
        SourceWriter w = Begin();
        if (core.NeedsIsExternalInit)
        {
            using (w.Block("namespace System.Runtime.CompilerServices"))
            {
                w.WriteLine("internal static class IsExternalInit { }");
            }
            w.WriteLine();
        }
        if (core.NeedsNotNullWhen)
        {
            using (w.Block("namespace System.Diagnostics.CodeAnalysis"))
            {
                w.WriteLine("[global::System.AttributeUsage(global::System.AttributeTargets.Parameter, Inherited = false)]");
                using (w.Block("internal sealed class NotNullWhenAttribute : global::System.Attribute"))
                {
                    w.WriteLine("public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;");
                    w.WriteLine();
                    w.WriteLine("public bool ReturnValue { get; }");
                }
            }
            w.WriteLine();
        }
        using (w.Block($"namespace {ctx.Namespace}"))
        {
            w.WriteLines(Utf8Section(SupportText, core.Utf8Keys).Replace("{{VERSION}}", GeneratorVersion));
        }
        return w.ToString();
    }

    /// <summary>The support text with its data-table helpers (each part between utf8-tables markers) kept or dropped.</summary>
    private static string Utf8Section(string text, bool keep)
    {
        const string Start = "// <utf8-tables>", End = "// </utf8-tables>";
        int from;
        while ((from = text.IndexOf(Start, StringComparison.Ordinal)) >= 0)
        {
            int to = text.IndexOf(End, from, StringComparison.Ordinal);
            int startLineEnd = text.IndexOf('\n', from) + 1, endLineEnd = text.IndexOf('\n', to) + 1;
            text = keep
                ? text.Remove(to, endLineEnd - to).Remove(from, startLineEnd - from)
                : text.Remove(from, endLineEnd - from);
        }
        return text;
    }

    private const string SupportText =
"""
/// <summary>How precisely a <see cref="PartialDate"/> is known.</summary>
[global::System.CodeDom.Compiler.GeneratedCode("TypedDataset.Generator", "{{VERSION}}")]
public enum DatePrecision
{
    /// <summary>Only the year is known.</summary>
    Year,
    /// <summary>The year and month are known.</summary>
    Month,
    /// <summary>The full date is known.</summary>
    Day,
}

/// <summary>A calendar date known to the year, the month or the day (written 2017, 2017-02 or 2017-02-22).</summary>
[global::System.CodeDom.Compiler.GeneratedCode("TypedDataset.Generator", "{{VERSION}}")]
public readonly struct PartialDate : global::System.IEquatable<PartialDate>, global::System.IComparable<PartialDate>
{
    private readonly int _month;
    private readonly int _day;

    internal PartialDate(int year, int month, int day)
    {
        Year = year;
        _month = month;
        _day = day;
    }

    /// <summary>The year.</summary>
    public int Year { get; }

    /// <summary>The month (1-12), or null when only the year is known.</summary>
    public int? Month => _month == 0 ? null : _month;

    /// <summary>The day of the month, or null when it is not known.</summary>
    public int? Day => _day == 0 ? null : _day;

    /// <summary>How precisely the date is known.</summary>
    public DatePrecision Precision => _day != 0 ? DatePrecision.Day : _month != 0 ? DatePrecision.Month : DatePrecision.Year;

    /// <summary>The first day the date can be.</summary>
    public global::System.DateTime Earliest => new global::System.DateTime(Year, _month == 0 ? 1 : _month, _day == 0 ? 1 : _day);

    /// <summary>The last day the date can be.</summary>
    public global::System.DateTime Latest => _day != 0 ? Earliest
        : _month != 0 ? Earliest.AddMonths(1).AddDays(-1)
        : new global::System.DateTime(Year, 12, 31);

    /// <summary>The date as written in the dataset: yyyy, yyyy-MM or yyyy-MM-dd.</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Day => Year.ToString("D4", global::System.Globalization.CultureInfo.InvariantCulture) + "-" + _month.ToString("D2", global::System.Globalization.CultureInfo.InvariantCulture) + "-" + _day.ToString("D2", global::System.Globalization.CultureInfo.InvariantCulture),
        DatePrecision.Month => Year.ToString("D4", global::System.Globalization.CultureInfo.InvariantCulture) + "-" + _month.ToString("D2", global::System.Globalization.CultureInfo.InvariantCulture),
        _ => Year.ToString("D4", global::System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public bool Equals(PartialDate other) => Year == other.Year && _month == other._month && _day == other._day;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PartialDate other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked((Year * 397) ^ (_month * 31) ^ _day);

    /// <summary>Orders by year, then month, then day; a less precise date sorts before a more precise one in the same period.</summary>
    public int CompareTo(PartialDate other)
    {
        int c = Year.CompareTo(other.Year);
        if (c != 0) return c;
        c = _month.CompareTo(other._month);
        return c != 0 ? c : _day.CompareTo(other._day);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(PartialDate left, PartialDate right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PartialDate left, PartialDate right) => !left.Equals(right);
}

/// <summary>Helpers used by the generated dataset code.</summary>
[global::System.CodeDom.Compiler.GeneratedCode("TypedDataset.Generator", "{{VERSION}}")]
internal static class TypedDatasetRuntime
{
    public static global::System.Collections.Generic.IReadOnlyList<T> List<T>(T[] items) =>
        items.Length == 0 ? EmptyList<T>.Instance : new global::System.Collections.ObjectModel.ReadOnlyCollection<T>(items);

    public static bool SequenceEqual<T>(global::System.Collections.Generic.IReadOnlyList<T> left, global::System.Collections.Generic.IReadOnlyList<T> right)
    {
        if (ReferenceEquals(left, right)) return true;
        if (left.Count != right.Count) return false;
        var comparer = global::System.Collections.Generic.EqualityComparer<T>.Default;
        for (int i = 0; i < left.Count; i++)
        {
            if (!comparer.Equals(left[i], right[i])) return false;
        }
        return true;
    }

    public static int SequenceHash<T>(global::System.Collections.Generic.IReadOnlyList<T> items)
    {
        var comparer = global::System.Collections.Generic.EqualityComparer<T>.Default;
        int hash = 17;
        for (int i = 0; i < items.Count; i++)
        {
            hash = unchecked(hash * 31 + (items[i] is null ? 0 : comparer.GetHashCode(items[i]!)));
        }
        return hash;
    }

    public static int Hash<T>(int hash, T value) =>
        unchecked(hash * 31 + (value is null ? 0 : global::System.Collections.Generic.EqualityComparer<T>.Default.GetHashCode(value)));

    /// <summary>
    /// Int <paramref name="index"/> of a constant table of ints packed two per <c>ulong</c> (low half
    /// first), read by shifting: the same on any byte order, no copy, no type of its own to load and
    /// no generic method of the base library on the first access (a ReadyToRun image then needs no
    /// JIT at all; a cast of the ulongs' memory to ints would be JIT-compiled on first use).
    /// </summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
#if NET7_0_OR_GREATER
    public static int Int(global::System.ReadOnlySpan<ulong> packed, int index) =>
#else
    public static int Int(ulong[] packed, int index) =>
#endif
        unchecked((int)(packed[index >> 1] >> ((index & 1) << 5)));

    /// <summary>Stores a lazily made value in its slot unless another thread stored one first; returns the stored one.</summary>
    public static T Publish<T>(ref T? slot, T value) where T : class =>
        global::System.Threading.Interlocked.CompareExchange(ref slot, value, null) ?? value;

    public static T Missing<T>(string collection, string key) =>
        throw new global::System.Collections.Generic.KeyNotFoundException("No fact with key '" + key + "' in " + collection + ".");

    private static class EmptyList<T>
    {
        public static readonly global::System.Collections.ObjectModel.ReadOnlyCollection<T> Instance = new global::System.Collections.ObjectModel.ReadOnlyCollection<T>(new T[0]);
    }

    /// <summary>The key table's hash: four UTF-16 code units per step, then a final mix (the generator computes the same).</summary>
    public static uint KeyHash(string key)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        ulong hash = 0xCBF29CE484222325UL ^ (ulong)key.Length;
        int i = 0;
        for (; i + 4 <= key.Length; i += 4) hash = unchecked((hash ^ Word(key, i)) * Multiplier);
        if (i < key.Length)
        {
            ulong word = 0;
            for (int shift = 0; i < key.Length; i++, shift += 16) word |= (ulong)key[i] << shift;
            hash = unchecked((hash ^ word) * Multiplier);
        }
        return Finish(hash);
    }

    /// <summary>The key table's hash over a window chosen at build time: key[start..start + 4) and the key's length (the generator computes the same).</summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static uint WindowHash4(string key, int start) => Finish(Mix(0xCBF29CE484222325UL ^ (ulong)key.Length, Word(key, start)));

    /// <summary>The key table's hash over a window chosen at build time: key[start..start + 8) and the key's length (the generator computes the same).</summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static uint WindowHash8(string key, int start) => Finish(Mix(Mix(0xCBF29CE484222325UL ^ (ulong)key.Length, Word(key, start)), Word(key, start + 4)));

    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong word) => unchecked((hash ^ word) * 0x9E3779B97F4A7C15UL);

    /// <summary>
    /// key[start..start + 4): four UTF-16 code units packed little-endian, one 64-bit read on a
    /// little-endian .NET 8+ with C# 12+. Through Unsafe after a bounds check, not through a span over the
    /// string: in a fresh process the first string-to-span conversion costs about 0.3 ms, even from a
    /// ReadyToRun image (docs/benchmarks.md).
    /// </summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong Word(string key, int start)
    {
        if (start < 0 || start > key.Length - 4) throw new global::System.ArgumentOutOfRangeException(nameof(start));
// <utf8-tables>
        if (global::System.BitConverter.IsLittleEndian) return ReadWord(ref Bytes(key), 2 * start);
// </utf8-tables>
        return key[start] | (ulong)key[start + 1] << 16 | (ulong)key[start + 2] << 32 | (ulong)key[start + 3] << 48;
    }

// <utf8-tables>
    // Only with the data tables (.NET 8+, C# 12+). Hand-written rather than System.Text.Ascii's
    // Equals and EqualsIgnoreCase, whose first calls cost 1-2 ms even from a ReadyToRun image (the
    // vector types and generic instantiations they load). Keys are stored as UTF-16, so that their
    // compare reads eight bytes a step from both sides with no widening: as fast warm as
    // Ascii.Equals over UTF-8 keys (docs/benchmarks.md).

    /// <summary>
    /// Whether <paramref name="utf16"/>, UTF-16 code units as little-endian bytes, holds exactly
    /// <paramref name="key"/>. The probe passes a slice of the key text (a compare against the
    /// text's constant length), and the name probe a slice to AsciiEqualsIgnoreCase: with the text
    /// and an offset instead, which saves a first access two calls into the base library, warm
    /// lookups by key were 4-5 % slower and by name 5-8 % (docs/benchmarks.md).
    /// </summary>
    public static bool KeyEquals(global::System.ReadOnlySpan<byte> utf16, string key)
    {
        int n = key.Length;
        if (utf16.Length != 2 * n) return false;
        if (global::System.BitConverter.IsLittleEndian && n >= 4)
        {
            // Both sides hold 2n bytes: eight at a time, then the last eight (overlapping), so every
            // read is inside both.
            ref byte text = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(utf16);
            ref byte chars = ref Bytes(key);
            int last = 2 * n - 8;
            for (int at = 0; at < last; at += 8)
            {
                if (ReadWord(ref text, at) != ReadWord(ref chars, at)) return false;
            }
            return ReadWord(ref text, last) == ReadWord(ref chars, last);
        }
        for (int i = 0; i < n; i++)
        {
            if ((utf16[2 * i] | utf16[2 * i + 1] << 8) != key[i]) return false;
        }
        return true;
    }

    /// <summary>The first byte of a string's characters (read-only in use: every caller only reads).</summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ref byte Bytes(string text) =>
        ref global::System.Runtime.CompilerServices.Unsafe.As<char, byte>(ref global::System.Runtime.CompilerServices.Unsafe.AsRef(in text.GetPinnableReference()));

    /// <summary>Eight bytes at start + offset, unaligned.</summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong ReadWord(ref byte start, int offset) =>
        global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref global::System.Runtime.CompilerServices.Unsafe.Add(ref start, offset));

    /// <summary>Whether the ASCII bytes equal text[start..start + bytes.Length) ignoring ASCII case (a non-ASCII character never matches).</summary>
    public static bool AsciiEqualsIgnoreCase(global::System.ReadOnlySpan<byte> bytes, string text, int start)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            uint b = bytes[i], c = text[start + i];
            if (b != c && ((b | 0x20) != (c | 0x20) || (b | 0x20) - 'a' > 'z' - 'a')) return false;
        }
        return true;
    }

    /// <summary>Whether text[start..start + length) is all ASCII.</summary>
    public static bool IsAscii(string text, int start, int length)
    {
        for (int i = start; i < start + length; i++)
        {
            if (text[i] >= 0x80) return false;
        }
        return true;
    }

// </utf8-tables>

    /// <summary>The bounds of a text without its surrounding white space (as string.Trim, without allocating).</summary>
    public static void Trim(string text, out int start, out int length)
    {
        int from = 0, to = text.Length;
        while (from < to && IsWhiteSpace(text[from])) from++;
        while (to > from && IsWhiteSpace(text[to - 1])) to--;
        start = from;
        length = to - from;
    }

    /// <summary>
    /// char.IsWhiteSpace, answered here for U+0000-U+0084 (where only tab to carriage return and the
    /// space are white space): the common case makes no call into the base library.
    /// </summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsWhiteSpace(char c) =>
        c < 0x85 ? c == ' ' || unchecked((uint)(c - '\t')) <= '\r' - '\t' : char.IsWhiteSpace(c);

    /// <summary>Whether a fact's name, trimmed, equals text[start..start + length) ignoring case (OrdinalIgnoreCase).</summary>
    public static bool NameEquals(string? name, string text, int start, int length)
    {
        if (name is null) return false;
        Trim(name, out int from, out int count);
        if (count != length) return false;
#if NETCOREAPP
        return global::System.MemoryExtensions.Equals(global::System.MemoryExtensions.AsSpan(name, from, count), global::System.MemoryExtensions.AsSpan(text, start, length), global::System.StringComparison.OrdinalIgnoreCase);
#else
        return string.Compare(name, from, text, start, length, global::System.StringComparison.OrdinalIgnoreCase) == 0;
#endif
    }

    /// <summary>
    /// The name table's hash over input[start..end) (the generator computes the same): like KeyHash,
    /// over characters folded so that any two that OrdinalIgnoreCase may equate hash alike: ASCII
    /// letters upper-cased, and every non-ASCII character, and I, S and K (which have non-ASCII case
    /// partners: dotless i, long s, the Kelvin sign), counted as 0.
    /// </summary>
    public static uint NameHash(string text, int start, int end)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        ulong hash = 0xCBF29CE484222325UL ^ (ulong)(end - start);
        int i = start;
        for (; i + 4 <= end; i += 4)
        {
            ulong word;
#if NETCOREAPP
            if (global::System.BitConverter.IsLittleEndian
                && ((word = Word(text, i)) & 0xFF80FF80FF80FF80UL) == 0)
            {
                word = FoldAscii(word);
            }
            else
#endif
            {
                word = Fold(text[i]) | (ulong)Fold(text[i + 1]) << 16 | (ulong)Fold(text[i + 2]) << 32 | (ulong)Fold(text[i + 3]) << 48;
            }
            hash = unchecked((hash ^ word) * Multiplier);
        }
        if (i < end)
        {
            ulong word = 0;
            for (int shift = 0; i < end; i++, shift += 16) word |= (ulong)Fold(text[i]) << shift;
            hash = unchecked((hash ^ word) * Multiplier);
        }
        return Finish(hash);
    }

    /// <summary>The final mix shared by the key and name hashes: the low bits (the slot) depend on every character.</summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static uint Finish(ulong hash)
    {
        hash ^= hash >> 32;
        hash = unchecked(hash * 0xD6E8FEB86659FD93UL);
        hash ^= hash >> 32;
        return unchecked((uint)hash);
    }

    /// <summary>
    /// <see cref="Fold"/> on four ASCII characters at once (16-bit lanes, each below 0x80): a-z
    /// upper-cased, then I, S and K set to 0. Branch-free.
    /// </summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong FoldAscii(ulong word)
    {
        const ulong Ones = 0x0001000100010001UL, High = 0x0080008000800080UL;
        // Lanes in 'a'..'z': lane + 0x1F reaches 0x80 from 'a' on, lane + 0x05 from '{' on.
        ulong lower = (word + 0x1F * Ones) & ~(word + 0x05 * Ones) & High;
        ulong upper = word - (lower >> 2);
        ulong clear = IsLane(upper, 'I') | IsLane(upper, 'S') | IsLane(upper, 'K');
        return upper & ~((clear >> 7) * 0xFFFF);
    }

    /// <summary>0x80 in each 16-bit lane (all below 0x80) equal to <paramref name="c"/>.</summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong IsLane(ulong word, char c) =>
        ~((word ^ (c * 0x0001000100010001UL)) + 0x007F007F007F007FUL) & 0x0080008000800080UL;

    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static uint Fold(char c)
    {
        if (c >= 0x80) return 0;
        uint upper = c >= 'a' && c <= 'z' ? (uint)(c - 32) : c;
        return upper == 'I' || upper == 'S' || upper == 'K' ? 0 : upper;
    }

    /// <summary>The chunk holding an index: the last of the <paramref name="count"/> chunk starts at or before it (binary search).</summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
#if NET7_0_OR_GREATER
    public static int ChunkOf(global::System.ReadOnlySpan<ulong> starts, int count, int index)
#else
    public static int ChunkOf(ulong[] starts, int count, int index)
#endif
    {
        int low = 0, high = count - 1;
        while (low < high)
        {
            int mid = (low + high + 1) >> 1;
            if (Int(starts, mid) <= index) low = mid;
            else high = mid - 1;
        }
        return low;
    }

    /// <summary>A read-only list whose items are built on first access (read-only IList, like ReadOnlyCollection).</summary>
    internal sealed class LazyList<T> : global::System.Collections.Generic.IList<T>, global::System.Collections.Generic.IReadOnlyList<T>, global::System.Collections.IList
    {
        private readonly global::System.Func<int, T> _item;

        public LazyList(int count, global::System.Func<int, T> item)
        {
            Count = count;
            _item = item;
        }

        public T this[int index] => unchecked((uint)index) < (uint)Count ? _item(index) : throw new global::System.ArgumentOutOfRangeException(nameof(index));

        T global::System.Collections.Generic.IList<T>.this[int index] { get => this[index]; set => throw ReadOnly(); }

        object? global::System.Collections.IList.this[int index] { get => this[index]; set => throw ReadOnly(); }

        public int Count { get; }

        public bool IsReadOnly => true;

        bool global::System.Collections.IList.IsFixedSize => true;

        bool global::System.Collections.ICollection.IsSynchronized => false;

        object global::System.Collections.ICollection.SyncRoot => this;

        public int IndexOf(T item)
        {
            var comparer = global::System.Collections.Generic.EqualityComparer<T>.Default;
            for (int i = 0; i < Count; i++)
            {
                if (comparer.Equals(_item(i), item)) return i;
            }
            return -1;
        }

        public bool Contains(T item) => IndexOf(item) >= 0;

        public void CopyTo(T[] array, int arrayIndex)
        {
            for (int i = 0; i < Count; i++) array[arrayIndex + i] = _item(i);
        }

        public global::System.Collections.Generic.IEnumerator<T> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return _item(i);
        }

        global::System.Collections.IEnumerator global::System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        int global::System.Collections.IList.IndexOf(object? value) => value is T item ? IndexOf(item) : -1;

        bool global::System.Collections.IList.Contains(object? value) => value is T item && Contains(item);

        void global::System.Collections.ICollection.CopyTo(global::System.Array array, int index)
        {
            for (int i = 0; i < Count; i++) array.SetValue(_item(i), index + i);
        }

        void global::System.Collections.Generic.IList<T>.Insert(int index, T item) => throw ReadOnly();
        void global::System.Collections.Generic.IList<T>.RemoveAt(int index) => throw ReadOnly();
        void global::System.Collections.Generic.ICollection<T>.Add(T item) => throw ReadOnly();
        void global::System.Collections.Generic.ICollection<T>.Clear() => throw ReadOnly();
        bool global::System.Collections.Generic.ICollection<T>.Remove(T item) => throw ReadOnly();
        int global::System.Collections.IList.Add(object? value) => throw ReadOnly();
        void global::System.Collections.IList.Clear() => throw ReadOnly();
        void global::System.Collections.IList.Insert(int index, object? value) => throw ReadOnly();
        void global::System.Collections.IList.Remove(object? value) => throw ReadOnly();
        void global::System.Collections.IList.RemoveAt(int index) => throw ReadOnly();

        private static global::System.NotSupportedException ReadOnly() => new global::System.NotSupportedException("The dataset is read-only.");
    }

    /// <summary>A read-only list of references, resolved by key when read.</summary>
    internal sealed class RefList<T> : global::System.Collections.Generic.IReadOnlyList<T>
    {
        private readonly string[] _keys;
        private readonly global::System.Func<string, T> _resolve;

        public RefList(string[] keys, global::System.Func<string, T> resolve)
        {
            _keys = keys;
            _resolve = resolve;
        }

        public T this[int index] => _resolve(_keys[index]);

        public int Count => _keys.Length;

        public global::System.Collections.Generic.IEnumerator<T> GetEnumerator()
        {
            for (int i = 0; i < _keys.Length; i++) yield return _resolve(_keys[i]);
        }

        global::System.Collections.IEnumerator global::System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>
/// Reads facts that the generator stored as data: a chunk of facts is a string literal holding
/// bytes, two per character (low byte first): the width of the chunk's offsets, each fact's
/// offset, then the facts' values in field order. A number is base-32 digits, low first ('#' + d
/// ends it, ']' + d goes on); a string is a header (0 null, 1 + 2n: n UTF-8 bytes follow,
/// 2 + 2n: n UTF-16 code units follow as numbers) and its text. The UTF-8 is decoded here:
/// System.Text.Encoding's first decode in a process costs milliseconds (the vector types it
/// loads; docs/benchmarks.md). Static methods over the chunk and a position, in the class of the
/// per-type readers (the other part of this class): reading a fact loads no type of its own.
/// </summary>
internal static partial class TypedDatasetReaders
{
    /// <summary>The position of fact <paramref name="fact"/>'s data in the chunk.</summary>
    public static int Start(string data, int fact)
    {
        int at = 0;
        int width = (int)Byte(data, ref at) - 0x23, offset = 0;
        at = 1 + fact * width;
        for (int i = 0; i < width; i++) offset = (offset << 5) | ((int)Byte(data, ref at) - 0x23);
        return offset;
    }

    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static uint Byte(string data, ref int at)
    {
        uint pair = data[at >> 1];
        return (at++ & 1) == 0 ? pair & 0xFF : pair >> 8;
    }

    /// <summary>An unsigned number (a count, a position, a boolean).</summary>
    public static uint Number(string data, ref int at)
    {
        uint value = 0;
        for (int shift = 0; ; shift += 5)
        {
            uint digit = Byte(data, ref at);
            if (digit < 0x5D) return value | (digit - 0x23) << shift;
            value |= (digit - 0x5D) << shift;
        }
    }

    /// <summary>An integer (zigzag-encoded).</summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Int(string data, ref int at)
    {
        uint n = Number(data, ref at);
        return (int)(n >> 1) ^ -(int)(n & 1);
    }

    /// <summary>A boolean, or whether an optional value is present.</summary>
    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool Bool(string data, ref int at) => Number(data, ref at) != 0;

    /// <summary>A decimal: its three 32-bit words, then scale × 2 (+ 1 when negative).</summary>
    public static decimal Decimal(string data, ref int at)
    {
        int low = unchecked((int)Number(data, ref at)), middle = unchecked((int)Number(data, ref at)), high = unchecked((int)Number(data, ref at));
        uint flags = Number(data, ref at);
        return new decimal(low, middle, high, (flags & 1) != 0, (byte)(flags >> 1));
    }

    /// <summary>A string, or null.</summary>
    public static string? TextOrNull(string data, ref int at)
    {
        uint header = Number(data, ref at);
        if (header == 0) return null;
        int length = (int)((header - 1) >> 1), n = 0;
        if (length == 0) return string.Empty;
        // A heap buffer, not stackalloc: under the JIT a method with stackalloc is compiled fully
        // optimized at once, which costs about a millisecond on the first access.
        char[] chars = new char[length];
        if ((header & 1) == 0)
        {
            for (; n < length; n++) chars[n] = (char)Number(data, ref at);
        }
        else
        {
            int end = at + length;
            while (at < end)
            {
                uint b = Byte(data, ref at);
                if (b < 0x80)
                {
                    chars[n++] = (char)b;
                    continue;
                }
                uint c;
                if (b < 0xE0) c = (b & 0x1F) << 6 | (Byte(data, ref at) & 0x3F);
                else if (b < 0xF0) c = (b & 0x0F) << 12 | (Byte(data, ref at) & 0x3F) << 6 | (Byte(data, ref at) & 0x3F);
                else
                {
                    c = ((b & 0x07) << 18 | (Byte(data, ref at) & 0x3F) << 12 | (Byte(data, ref at) & 0x3F) << 6 | (Byte(data, ref at) & 0x3F)) - 0x10000;
                    chars[n++] = (char)(0xD800 + (c >> 10));
                    c = 0xDC00 + (c & 0x3FF);
                }
                chars[n++] = (char)c;
            }
        }
        return new string(chars, 0, n);
    }
}
""";
}
