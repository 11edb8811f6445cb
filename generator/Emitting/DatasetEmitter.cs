using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Emitting;

/// <summary>
/// Emitting: validated models → C# text. Pure functions of their spec (no Roslyn symbols, no
/// diagnostics), so output is deterministic. The layout:
/// <list type="bullet">
/// <item><c>{Root}.Support.g.cs</c>: <c>PartialDate</c>, <c>DatePrecision</c>, run-time helpers, polyfills.</item>
/// <item><c>{Root}.Types.g.cs</c>: enums and records.</item>
/// <item><c>{Collection}.g.cs</c>: a collection's storage, lookups and inverse indexes.</item>
/// <item><c>{Root}.g.cs</c>: the root class.</item>
/// <item><c>Data.{file}.g.cs</c>: one per data file: its named fact members and the code that builds them.</item>
/// </list>
/// </summary>
internal static class DatasetEmitter
{
    public const string GeneratorName = "TypedDataset.Generator";
    /// <summary>The package version (from Directory.Build.props, via the assembly), without a source-control suffix.</summary>
    public static readonly string GeneratorVersion = ReadVersion();

    /// <summary>
    /// Facts per chunk: one string literal of data (<see cref="FactData"/>) and its loader, which
    /// builds one fact from it; with extension members also the facts per class. Under the JIT the
    /// runtime hashes every type of the module when it loads it, and each such class brings three
    /// types (the class and the compiler's two for its extension block).
    /// </summary>
    public const int FactsPerClass = 256;

    /// <summary>Most cases in one generated dispatch switch.</summary>
    public const int DispatchFanout = 16;

    /// <summary>The line that turns the nullable analysis off in a data file (the tests turn it back on).</summary>
    public const string NoNullableWarnings = "#nullable disable warnings";

    private static readonly string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"" + GeneratorName + "\", \"" + GeneratorVersion + "\")]";

    private static string ReadVersion()
    {
        string? version = typeof(DatasetEmitter).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion;
        if (string.IsNullOrEmpty(version)) return "0.0.0";
        int plus = version!.IndexOf('+');
        return plus < 0 ? version : version.Substring(0, plus);
    }
    private const string IReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";

    public static IEnumerable<(string HintName, string Source)> EmitCore(CoreSpec core)
    {
        var ctx = new EmitContext(core.Namespace, core.Schema);
        yield return ($"{core.Schema.Root}.Support.g.cs", EmitSupport(ctx, core));
        yield return ($"{core.Schema.Root}.Types.g.cs", EmitTypes(ctx));
        foreach (CollectionIndexSpec collection in core.Collections)
        {
            TypeSpec type = ctx.Type(collection.TypeName);
            yield return ($"{type.Collection}.g.cs", EmitCollection(ctx, type, collection, core.Utf8Keys, core.ExtensionMembers));
        }
        yield return ($"{core.Schema.Root}.g.cs", EmitRoot(ctx, core));
    }

    public static string HintName(LookupSpec lookup) => $"{lookup.Collection}.Lookups.g.cs";

    /// <summary>
    /// A collection's name index (<c>FindByName</c>) and inverse navigations, from tables computed at
    /// build time: a lookup hashes its input, finds the entry and builds (once, then caches) the list
    /// of the facts it names, so it never materializes the rest of the collection.
    /// </summary>
    public static string EmitLookups(LookupSpec lookup)
    {
        SourceWriter w = Begin();
        string record = $"global::{lookup.Namespace}.{lookup.RecordName}";
        string list = $"{IReadOnlyList}<{record}>";
        using (w.Block($"namespace {lookup.Namespace}"))
        {
            using (w.Block($"partial class {lookup.Collection}"))
            {
                bool first = true;
                if (lookup.Names is NameIndexSpec names)
                {
                    first = false;
                    Summary(w, "The facts whose name or alias is this text (case-insensitive, surrounding white space ignored), in file order; empty when none. Allocates nothing once a name's list is built.");
                    using (w.Block($"public static {list} FindByName(string nameOrAlias)"))
                    {
                        w.WriteLine("if (nameOrAlias is null) return __Found.None;");
                        w.WriteLine("TypedDatasetRuntime.Trim(nameOrAlias, out int start, out int length);");
                        w.WriteLine("uint hash = TypedDatasetRuntime.NameHash(nameOrAlias, start, start + length);");
                        if (lookup.Utf8Names)
                        {
                            w.WriteLine("var table = __Names.Table_Packed; // two ulongs per slot");
                            w.WriteLine("int mask = (table.Length >> 1) - 1;");
                            using (w.Block("for (int slot = (int)(hash & (uint)mask); ; slot = (slot + 1) & mask)"))
                            {
                                w.WriteLine("ulong head = table[2 * slot]; // (hash, entry + 1)");
                                w.WriteLine("int entry = unchecked((int)(head >> 32)) - 1;");
                                w.WriteLine("if (entry < 0) return __Found.None;");
                                w.WriteLine("if (unchecked((uint)head) != hash) continue;");
                                w.WriteLine("ulong text = table[2 * slot + 1]; // (start, length)");
                                w.WriteLine("if (__NameIs(entry, unchecked((int)text), unchecked((int)(text >> 32)), nameOrAlias, start, length))");
                                w.WriteLine("    return __Names.Results[entry] ?? __Names.Gather(entry);");
                            }
                        }
                        else
                        {
                            w.WriteLine("var table = __Names.Table_Packed; // one ulong per slot");
                            w.WriteLine("int mask = table.Length - 1;");
                            using (w.Block("for (int slot = (int)(hash & (uint)mask); ; slot = (slot + 1) & mask)"))
                            {
                                w.WriteLine("ulong head = table[slot]; // (hash, entry + 1)");
                                w.WriteLine("int entry = unchecked((int)(head >> 32)) - 1;");
                                w.WriteLine("if (entry < 0) return __Found.None;");
                                w.WriteLine("if (unchecked((uint)head) == hash && __NameOfEntryIs(entry, nameOrAlias, start, length))");
                                w.WriteLine("    return __Names.Results[entry] ?? __Names.Gather(entry);");
                            }
                        }
                    }
                    w.WriteLine();
                    if (lookup.Utf8Names)
                    {
                        // The entry's spelling from the UTF-8 text when it is ASCII (length >= 0): no
                        // fact is read. A non-ASCII input can still equal it under OrdinalIgnoreCase
                        // (dotless i, long s), and non-ASCII entries are not in the text: both are
                        // confirmed against the fact, with the run time's own comparison.
                        using (w.Block("private static bool __NameIs(int entry, int textStart, int textLength, string text, int start, int length)"))
                        {
                            using (w.Block("if (textLength >= 0)"))
                            {
                                w.WriteLine("if (textLength != length) return false;");
                                w.WriteLine("if (TypedDatasetRuntime.AsciiEqualsIgnoreCase(__Names.Text.Slice(textStart, length), text, start)) return true;");
                                w.WriteLine("if (TypedDatasetRuntime.IsAscii(text, start, length)) return false;");
                            }
                            w.WriteLine("return __NameOfEntryIs(entry, text, start, length);");
                        }
                        w.WriteLine();
                    }
                    w.WriteLine("private static bool __NameOfEntryIs(int entry, string text, int start, int length) =>");
                    w.WriteLine("    TypedDatasetRuntime.NameEquals(__NameOf(__Item(__Names.Items(__Names.Starts(entry))), __Names.Which(entry)), text, start, length);");
                    w.WriteLine();
                    string name = names.NameProperty is null ? "null" : $"item.{names.NameProperty}";
                    string alias = names.AliasesProperty is null ? "null" : $"item.{Backing(names.AliasesProperty)}[which - 1]";
                    w.WriteLine($"private static string? __NameOf({record} item, int which) => which == 0 ? {name} : {alias};");
                    w.WriteLine();
                    // Per name entry: its hash slot, its facts (CSR) and which name of its first fact
                    // spells it (0: the name, k: alias k), to confirm a hash match against the fact;
                    // with UTF-8 names, also the ASCII spellings as one UTF-8 literal (not the string heap).
                    using (w.Block("private static class __Names"))
                    {
                        if (lookup.Utf8Names)
                        {
                            (string text, int[] table) = Utf8NameTable(names);
                            w.WriteLine($"internal static global::System.ReadOnlySpan<byte> Text => {CSharpText.Literal(PadText(text))}u8;");
                            IntTable(w, "internal", "Table", table, intView: false);
                        }
                        else
                        {
                            IntTable(w, "internal", "Table", HashTable(names.Hashes), intView: false);
                        }
                        IntTable(w, "internal", "Starts", names.Starts);
                        IntTable(w, "internal", "Items", names.Items);
                        IntTable(w, "internal", "Which", names.Which);
                        EmitGather(w, record, names.Which.Count);
                    }
                }
                foreach (InverseIndexSpec inverse in lookup.Inverses)
                {
                    if (!first) w.WriteLine();
                    first = false;
                    string holder = "__Inverse_" + inverse.Field;
                    using (w.Block($"internal static {list} {InverseMethod(inverse.Field)}(string key)"))
                    {
                        w.WriteLine($"int target = global::{lookup.Namespace}.{inverse.TargetCollection}.__IndexOf(key);");
                        w.WriteLine($"return target < 0 ? __Found.None : {holder}.Results[target] ?? {holder}.Gather(target);");
                    }
                    w.WriteLine();
                    using (w.Block($"private static class {holder}"))
                    {
                        IntTable(w, "internal", "Starts", inverse.Starts);
                        IntTable(w, "internal", "Items", inverse.Items);
                        EmitGather(w, record, inverse.Starts.Count - 1);
                    }
                }
                if (lookup.Names is not null || lookup.Inverses.Count > 0) EmitFound(w, record);
            }
        }
        return w.ToString();
    }

    /// <summary>
    /// An index's cache of built entries and the method that builds one (CSR: entry e's fact
    /// indexes are Items(Starts(e)..Starts(e + 1))), written out per index rather than a generic
    /// helper taking a delegate: the first lookup then loads no delegate or generic instantiation.
    /// </summary>
    private static void EmitGather(SourceWriter w, string record, int entries)
    {
        w.WriteLine($"internal static readonly __Found?[] Results = new __Found?[{entries.ToString(CultureInfo.InvariantCulture)}];");
        w.WriteLine();
        using (w.Block("internal static __Found Gather(int entry)"))
        {
            w.WriteLine("int from = Starts(entry);");
            w.WriteLine($"var items = new {record}[Starts(entry + 1) - from];");
            w.WriteLine("for (int i = 0; i < items.Length; i++) items[i] = __Item(Items(from + i));");
            w.WriteLine("var found = new __Found(items);");
            w.WriteLine("return global::System.Threading.Interlocked.CompareExchange(ref Results[entry], found, null) ?? found;");
        }
    }

    /// <summary>
    /// The list a lookup returns: a sealed class of the collection over the facts' array, read-only
    /// (only <c>IReadOnlyList&lt;T&gt;</c>, so no cast reaches the array). Not generic and with
    /// few interfaces, so the first lookup's type load is small: a <c>ReadOnlyCollection&lt;T&gt;</c>
    /// took 0.1-0.2 ms more (docs/benchmarks.md).
    /// </summary>
    private static void EmitFound(SourceWriter w, string record)
    {
        w.WriteLine();
        Summary(w, "The facts a lookup found, in file order: a read-only list, built once per lookup entry.");
        using (w.Block($"private sealed class __Found : {IReadOnlyList}<{record}>"))
        {
            w.WriteLine($"internal static readonly __Found None = new __Found(new {record}[0]);");
            w.WriteLine();
            w.WriteLine($"private readonly {record}[] _items;");
            w.WriteLine();
            w.WriteLine($"internal __Found({record}[] items) => _items = items;");
            w.WriteLine();
            w.WriteLine($"public {record} this[int index] => _items[index];");
            w.WriteLine();
            w.WriteLine("public int Count => _items.Length;");
            w.WriteLine();
            w.WriteLine($"public global::System.Collections.Generic.IEnumerator<{record}> GetEnumerator() => ((global::System.Collections.Generic.IEnumerable<{record}>)_items).GetEnumerator();");
            w.WriteLine();
            w.WriteLine("global::System.Collections.IEnumerator global::System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();");
        }
    }

    public static string HintName(FileEmitSpec file) => $"Data.{file.FileId}.g.cs";

    // ---------------------------------------------------------------- support

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

    // ---------------------------------------------------------------- types

    private static string EmitTypes(EmitContext ctx)
    {
        SourceWriter w = Begin();
        using (w.Block($"namespace {ctx.Namespace}"))
        {
            bool first = true;
            foreach (EnumSpec e in ctx.Schema.Enums)
            {
                if (!first) w.WriteLine();
                first = false;
                EmitEnum(w, e);
            }
            foreach (TypeSpec type in ctx.Schema.Types)
            {
                if (!first) w.WriteLine();
                first = false;
                EmitRecord(w, ctx, type);
            }
            if (ctx.Schema.Types.Count > 0)
            {
                w.WriteLine();
                EmitReaders(w, ctx);
            }
        }
        return w.ToString();
    }

    /// <summary>
    /// The code that builds a fact or a value from the data files' data (<see cref="FactData"/>):
    /// a method per type, reading its fields in schema order, and one per kind of list.
    /// </summary>
    private static void EmitReaders(SourceWriter w, EmitContext ctx)
    {
        const string Reader = "string data, ref int at";
        Summary(w, "Builds facts and values from the data of the generated data files (the other part of this class reads the values).");
        w.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.WriteLine(GeneratedCode);
        using (w.Block("internal static partial class TypedDatasetReaders"))
        {
            var lists = new List<(string Name, FieldSpec Field)>();
            bool first = true;
            foreach (TypeSpec type in ctx.Schema.Types)
            {
                if (!first) w.WriteLine();
                first = false;
                var args = new List<string>();
                if (type.IsEntity) args.Add("TextOrNull(data, ref at)!");
                foreach (FieldSpec f in type.Fields)
                {
                    if (f.IsList)
                    {
                        // One list reader per element type: under the JIT each is a method to compile.
                        string item = ReadScalar(ctx, f);
                        int known = lists.FindIndex(l => ReadScalar(ctx, l.Field) == item);
                        string name = "List" + (known < 0 ? lists.Count : known).ToString(CultureInfo.InvariantCulture);
                        if (known < 0) lists.Add((name, f));
                        args.Add($"{name}(data, ref at)");
                    }
                    else if (StoredAsInt(f)) args.Add(FactData.HasPresenceFlag(f) ? $"Bool(data, ref at) ? {ReadStoredInt(f)} : -1" : ReadStoredInt(f));
                    else if (FactData.HasPresenceFlag(f)) args.Add($"Bool(data, ref at) ? {ReadScalar(ctx, f)} : null");
                    else args.Add(ReadScalar(ctx, f));
                }
                w.WriteLine($"internal static global::{ctx.Namespace}.{type.Name} Read{type.Name}({Reader}) =>");
                w.WriteLine($"    new global::{ctx.Namespace}.{type.Name}({string.Join(", ", args)});");
            }
            foreach ((string name, FieldSpec f) in lists)
            {
                string element = f.Kind == FieldKind.Reference ? "string" : ctx.ElementType(f);
                w.WriteLine();
                using (w.Block($"private static {element}[] {name}({Reader})"))
                {
                    w.WriteLine("int count = (int)Number(data, ref at);");
                    w.WriteLine($"if (count == 0) return global::System.Array.Empty<{element}>();");
                    w.WriteLine($"var items = new {element}[count];");
                    w.WriteLine($"for (int i = 0; i < count; i++) items[i] = {ReadScalar(ctx, f)};");
                    w.WriteLine("return items;");
                }
            }
        }
    }

    /// <summary>
    /// Whether a record stores the field as an int (<see cref="ReadStoredInt"/>): a single enum or
    /// date. Loading a record loads the types of its value-type fields; an int field defers the
    /// enum's or PartialDate's load to the first read of the property (docs/benchmarks.md).
    /// </summary>
    private static bool StoredAsInt(FieldSpec f) => !f.IsList && (f.Kind is FieldKind.Enum or FieldKind.Date);

    /// <summary>The reader's expression for a field stored as an int: the enum's position, or a date packed by <see cref="PackedDate"/>.</summary>
    private static string ReadStoredInt(FieldSpec f) => f.Kind == FieldKind.Enum
        ? "(int)Number(data, ref at)"
        : PackedDate("Int(data, ref at)", "Int(data, ref at)", "Int(data, ref at)");

    /// <summary>A date stored as an int: year &lt;&lt; 9 | month &lt;&lt; 5 | day (month and day 0 when unknown; year 1-9999).</summary>
    private static string PackedDate(string year, string month, string day) => $"({year} << 9) | ({month} << 5) | {day}";

    /// <summary>The <c>PartialDate</c> of an int made by <see cref="PackedDate"/>.</summary>
    private static string UnpackedDate(string partialDate, string packed) => $"new {partialDate}({packed} >> 9, ({packed} >> 5) & 15, {packed} & 31)";

    /// <summary>The reader call for one value of a field (an item, for a list).</summary>
    private static string ReadScalar(EmitContext ctx, FieldSpec f) => f.Kind switch
    {
        FieldKind.String or FieldKind.Reference => f.IsOptional && !f.IsList ? "TextOrNull(data, ref at)" : "TextOrNull(data, ref at)!",
        FieldKind.Integer => "Int(data, ref at)",
        FieldKind.Decimal => "Decimal(data, ref at)",
        FieldKind.Boolean => "Bool(data, ref at)",
        FieldKind.Date => $"new global::{ctx.Namespace}.PartialDate(Int(data, ref at), Int(data, ref at), Int(data, ref at))",
        FieldKind.Enum => $"(global::{ctx.Namespace}.{f.Target})Number(data, ref at)",
        _ => $"Read{f.Target}(data, ref at)",
    };

    private static void EmitEnum(SourceWriter w, EnumSpec e)
    {
        Summary(w, e.Doc ?? $"The values of {e.Name}.");
        w.WriteLine(GeneratedCode);
        using (w.Block($"public enum {e.Name}"))
        {
            foreach (EnumValueSpec v in e.Values)
            {
                Summary(w, $"'{v.Text}'");
                w.WriteLine(v.MemberName + ",");
            }
        }
        w.WriteLine();
        SummaryXml(w, $"Conversions of <see cref=\"{e.Name}\"/> to and from the text used in the dataset.");
        w.WriteLine(GeneratedCode);
        using (w.Block($"public static class {e.Name}Extensions"))
        {
            Summary(w, "The value as written in the dataset (for example in YAML and exports).");
            using (w.Block($"public static string ToYamlString(this {e.Name} value) => value switch", ";"))
            {
                foreach (EnumValueSpec v in e.Values) w.WriteLine($"{e.Name}.{v.MemberName} => {CSharpText.Literal(v.Text)},");
                w.WriteLine("_ => value.ToString(),");
            }
            w.WriteLine();
            Summary(w, "Parses the text used in the dataset (exact, case-sensitive).");
            using (w.Block($"public static bool TryParse(string? text, out {e.Name} value)"))
            {
                using (w.Block("switch (text)"))
                {
                    foreach (EnumValueSpec v in e.Values) w.WriteLine($"case {CSharpText.Literal(v.Text)}: value = {e.Name}.{v.MemberName}; return true;");
                    w.WriteLine("default: value = default; return false;");
                }
            }
        }
    }

    private static void EmitRecord(SourceWriter w, EmitContext ctx, TypeSpec type)
    {
        Summary(w, type.Doc ?? (type.IsEntity ? $"A fact of {type.Collection}." : $"A {type.Name} value."));
        w.WriteLine(GeneratedCode);
        using (w.Block($"public sealed partial record {type.Name}"))
        {
            // constructor
            var parameters = new List<string>();
            if (type.IsEntity) parameters.Add($"string {Param(type.KeyProperty)}");
            parameters.AddRange(type.Fields.Select(f => $"{ctx.ParameterType(f)} {Param(f.PropertyName)}"));
            w.WriteLine($"internal {type.Name}({string.Join(", ", parameters)})");
            w.OpenBrace();
            if (type.IsEntity) w.WriteLine($"{type.KeyProperty} = {Param(type.KeyProperty)};");
            foreach (FieldSpec f in type.Fields)
            {
                string p = Param(f.PropertyName);
                // Lists keep their array; the read-only list over it is made on first read.
                if (f.Kind == FieldKind.Reference || f.IsList || StoredAsInt(f)) w.WriteLine($"{Backing(f)} = {p};");
                else w.WriteLine($"{f.PropertyName} = {p};");
            }
            w.CloseBrace();

            if (type.IsEntity)
            {
                w.WriteLine();
                if (type.KeyDoc is not null) Summary(w, type.KeyDoc);
                else SummaryXml(w, $"The key ('{CSharpText.Xml(type.KeyField)}') of this fact in <see cref=\"global::{ctx.Namespace}.{type.Collection}\"/>.");
                w.WriteLine($"public string {type.KeyProperty} {{ get; }}");
            }
            foreach (FieldSpec f in type.Fields)
            {
                w.WriteLine();
                string doc = f.Doc ?? $"The '{f.YamlName}' field.";
                if (f.Kind == FieldKind.Reference)
                {
                    string target = $"global::{ctx.Namespace}.{f.Target}";
                    string collection = $"global::{ctx.Namespace}.{ctx.Type(f.Target).Collection}";
                    w.WriteLine(f.IsList ? $"internal readonly string[] {Backing(f)};" : $"internal readonly string{(f.IsOptional ? "?" : "")} {Backing(f)};");
                    if (f.IsList) w.WriteLine($"private {IReadOnlyList}<{target}>? {Backing(f)}List;");
                    w.WriteLine();
                    Summary(w, doc);
                    // Made on first read (building a fact then loads no list or delegate type), with a
                    // static lambda, not the method group Collection.Get: the delegate points into this
                    // record's closure class, so the target collection class (one member per fact in
                    // the properties layout, costly to load at 100,000 facts) loads only when a
                    // reference is resolved.
                    if (f.IsList) w.WriteLine($"public {IReadOnlyList}<{target}> {f.PropertyName} => {Backing(f)}List ?? TypedDatasetRuntime.Publish(ref {Backing(f)}List, new TypedDatasetRuntime.RefList<{target}>({Backing(f)}, static key => {collection}.Get(key)));");
                    else if (f.IsOptional) w.WriteLine($"public {target}? {f.PropertyName} => {Backing(f)} is null ? null : {collection}.Get({Backing(f)});");
                    else w.WriteLine($"public {target} {f.PropertyName} => {collection}.Get({Backing(f)});");
                }
                else if (f.IsList)
                {
                    string element = ctx.ElementType(f);
                    // internal: FindByName reads an alias straight from the array, without making the list.
                    w.WriteLine($"internal readonly {element}[] {Backing(f)};");
                    w.WriteLine($"private {IReadOnlyList}<{element}>? {Backing(f)}List;");
                    w.WriteLine();
                    Summary(w, doc);
                    w.WriteLine($"public {IReadOnlyList}<{element}> {f.PropertyName} => {Backing(f)}List ?? TypedDatasetRuntime.Publish(ref {Backing(f)}List, TypedDatasetRuntime.List({Backing(f)}));");
                }
                else if (StoredAsInt(f))
                {
                    // An int, not the enum or PartialDate: loading the record then loads no type for
                    // this field (the runtime loads a value-type field's type to lay the record out);
                    // the typed value is made when the property is read.
                    string typed = ctx.ElementType(f);
                    string value = f.Kind == FieldKind.Enum
                        ? $"({typed}){Backing(f)}"
                        : UnpackedDate(typed, Backing(f));
                    w.WriteLine($"private readonly int {Backing(f)}; // {(f.Kind == FieldKind.Enum ? "the value" : "year << 9 | month << 5 | day")}{(f.IsOptional ? ", or -1 when absent" : "")}");
                    w.WriteLine();
                    Summary(w, doc);
                    w.WriteLine(f.IsOptional
                        ? $"public {typed}? {f.PropertyName} => {Backing(f)} < 0 ? ({typed}?)null : {value};"
                        : $"public {typed} {f.PropertyName} => {value};");
                }
                else
                {
                    Summary(w, doc);
                    w.WriteLine($"public {ctx.PropertyType(f)} {f.PropertyName} {{ get; }}");
                }
            }

            // inverse navigation
            foreach ((TypeSpec owner, FieldSpec field, string name) in ctx.InversesOf(type))
            {
                w.WriteLine();
                SummaryXml(w, $"Every fact of <see cref=\"global::{ctx.Namespace}.{owner.Collection}\"/> whose <see cref=\"global::{ctx.Namespace}.{owner.Name}.{field.PropertyName}\"/> is this {type.Name} (inverse of '{CSharpText.Xml(field.YamlName)}').");
                w.WriteLine($"public {IReadOnlyList}<global::{ctx.Namespace}.{owner.Name}> {name} => global::{ctx.Namespace}.{owner.Collection}.{InverseMethod(field.PropertyName)}({type.KeyProperty});");
            }

            // equality and printing
            w.WriteLine();
            if (type.IsEntity)
            {
                Summary(w, $"Facts are equal when their keys are equal.");
                w.WriteLine($"public bool Equals({type.Name}? other) => other is not null && string.Equals({type.KeyProperty}, other.{type.KeyProperty}, global::System.StringComparison.Ordinal);");
                w.WriteLine();
                w.WriteLine("/// <inheritdoc/>");
                w.WriteLine($"public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode({type.KeyProperty});");
                w.WriteLine();
                // References are printed by key, so cycles between facts cannot recurse.
                FieldSpec? nameField = type.NameField is null ? null : type.Fields.FirstOrDefault(f => f.YamlName == type.NameField);
                using (w.Block("private bool PrintMembers(global::System.Text.StringBuilder builder)"))
                {
                    w.WriteLine($"builder.Append(\"{type.KeyProperty} = \").Append({type.KeyProperty});");
                    if (nameField is not null) w.WriteLine($"builder.Append(\", {nameField.PropertyName} = \").Append({nameField.PropertyName});");
                    w.WriteLine("return true;");
                }
            }
            else
            {
                Summary(w, "Values are equal when all their fields are equal (lists element by element).");
                string comparisons = type.Fields.Count == 0 ? "true" : string.Join(" && ", type.Fields.Select(f => Compare(ctx, f)));
                w.WriteLine($"public bool Equals({type.Name}? other) => other is not null && {comparisons};");
                w.WriteLine();
                w.WriteLine("/// <inheritdoc/>");
                using (w.Block("public override int GetHashCode()"))
                {
                    w.WriteLine("int hash = 17;");
                    foreach (FieldSpec f in type.Fields)
                    {
                        string member = f.Kind == FieldKind.Reference ? Backing(f) : f.PropertyName;
                        w.WriteLine(f.IsList && f.Kind != FieldKind.Reference
                            ? $"hash = unchecked(hash * 31 + TypedDatasetRuntime.SequenceHash({member}));"
                            : f.IsList ? $"hash = unchecked(hash * 31 + TypedDatasetRuntime.SequenceHash<string>({member}));"
                            : $"hash = TypedDatasetRuntime.Hash(hash, {member});");
                    }
                    w.WriteLine("return hash;");
                }
            }
        }
    }

    private static string Compare(EmitContext ctx, FieldSpec f)
    {
        if (f.Kind == FieldKind.Reference)
        {
            return f.IsList
                ? $"TypedDatasetRuntime.SequenceEqual<string>({Backing(f)}, other.{Backing(f)})"
                : $"string.Equals({Backing(f)}, other.{Backing(f)}, global::System.StringComparison.Ordinal)";
        }
        if (f.IsList) return $"TypedDatasetRuntime.SequenceEqual({f.PropertyName}, other.{f.PropertyName})";
        return $"global::System.Collections.Generic.EqualityComparer<{ctx.PropertyType(f)}>.Default.Equals({f.PropertyName}, other.{f.PropertyName})";
    }

    // ---------------------------------------------------------------- collections

    private static string EmitCollection(EmitContext ctx, TypeSpec type, CollectionIndexSpec index, bool utf8Keys, bool extensionMembers)
    {
        SourceWriter w = Begin();
        string record = $"global::{ctx.Namespace}.{type.Name}";
        using (w.Block($"namespace {ctx.Namespace}"))
        {
            SummaryXml(w, $"The {type.Name} facts: one property per fact, <see cref=\"All\"/> and lookups by key{(HasNameLookup(type) ? " and by name" : "")}.");
            w.WriteLine(GeneratedCode);
            using (w.Block($"public static partial class {type.Collection}"))
            {
                foreach (SliceRef slice in index.Slices)
                {
                    w.WriteLine($"internal const int Base_{slice.FileId} = {slice.Offset.ToString(CultureInfo.InvariantCulture)};");
                }
                if (index.Slices.Count > 0) w.WriteLine();
                w.WriteLine($"internal static readonly {record}?[] s_items = new {record}?[{index.Count.ToString(CultureInfo.InvariantCulture)}];");
                w.WriteLine("internal static readonly object s_lock = new object();");
                w.WriteLine();
                Summary(w, $"Every {type.Name} fact, in file order. A fact is built from its data on first access.");
                w.WriteLine($"public static {IReadOnlyList}<{record}> All => __AllList.Value;");
                w.WriteLine();
                // In a class of its own: made on first use of All, not when the first fact is read.
                using (w.Block("private static class __AllList"))
                {
                    w.WriteLine($"internal static readonly {IReadOnlyList}<{record}> Value = new TypedDatasetRuntime.LazyList<{record}>({index.Count.ToString(CultureInfo.InvariantCulture)}, __Item);");
                }
                w.WriteLine();
                Summary(w, $"The number of {type.Name} facts ({index.Count.ToString(CultureInfo.InvariantCulture)}).");
                w.WriteLine($"public const int Count = {index.Count.ToString(CultureInfo.InvariantCulture)};");
                w.WriteLine();
                SummaryXml(w, $"The fact with this key; throws <see cref=\"global::System.Collections.Generic.KeyNotFoundException\"/> when there is none.");
                using (w.Block($"public static {record} Get(string key)"))
                {
                    // The probe itself, not TryGet: no out value to test again after it.
                    w.WriteLine("int index = key is null ? -1 : __IndexOf(key);");
                    w.WriteLine($"return index >= 0 ? __Item(index) : TypedDatasetRuntime.Missing<{record}>(\"{type.Collection}\", key!);");
                }
                w.WriteLine();
                Summary(w, "Finds the fact with this key (exact, case-sensitive). Allocates nothing.");
                using (w.Block($"public static bool TryGet(string key, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {record}? value)"))
                {
                    w.WriteLine("int index = key is null ? -1 : __IndexOf(key);");
                    w.WriteLine("value = index < 0 ? null : __Item(index);");
                    w.WriteLine("return value is not null;");
                }
                w.WriteLine();
                // Chunks: which method builds a fact from a given index on, and in which class: a
                // loader of the default layout (in the collection class itself: Class is empty), or
                // the Load of an extension-member class.
                var chunks = new List<(int Start, string Class, string Method)>();
                const int chunkSize = FactsPerClass;
                foreach (SliceRef slice in index.Slices)
                {
                    for (int c = 0; c * chunkSize < slice.Count; c++)
                    {
                        string chunkName = slice.FileId + "_" + c.ToString(CultureInfo.InvariantCulture);
                        chunks.Add(!extensionMembers ? (slice.Offset + c * chunkSize, "", "Load_" + chunkName)
                            : SharedClass(type, slice.FileId, c, slice.Count, index.SharedClasses) is { } shared ? (slice.Offset + c * chunkSize, shared, $"{shared}.Load_{chunkName}")
                            : (slice.Offset + c * chunkSize, MembersClass(type, slice.FileId, c), MembersClass(type, slice.FileId, c) + ".Load"));
                    }
                }
                w.WriteLine($"internal static {record} __Item(int index) => s_items[index] ?? __Build(index);");
                w.WriteLine();
                using (w.Block($"private static {record} __Build(int index)"))
                {
                    using (w.Block("lock (s_lock)"))
                    {
                        w.WriteLine($"if (s_items[index] is null) __LoadChunk(TypedDatasetRuntime.ChunkOf(__ChunkStarts_Packed, {chunks.Count.ToString(CultureInfo.InvariantCulture)}, index), index);");
                    }
                    w.WriteLine("return s_items[index]!;");
                }
                w.WriteLine();
                if (utf8Keys) EmitUtf8KeyLookup(w, index);
                else EmitKeyLookup(w, type, index);

                w.WriteLine();
                IntTable(w, "private", "__ChunkStarts", chunks.Select(c => c.Start), intView: false); // read by ChunkOf
                w.WriteLine();
                // Dispatch from a chunk number to its loader through a tree of small switches (at
                // most DispatchFanout cases each): the first access JIT-compiles only one path. When
                // chunks share classes, the tree takes them in the order of their classes
                // (__ChunkOrder: chunk -> position), so the 16 loaders a switch can call are in a few
                // classes, not 16: the JIT loads every class a method can call when it compiles it.
                IReadOnlyList<int> order = index.SharedClasses == 0 ? Enumerable.Range(0, chunks.Count).ToList()
                    : Enumerable.Range(0, chunks.Count).OrderBy(i => chunks[i].Class, StringComparer.Ordinal).ThenBy(i => i).ToList();
                bool reordered = !order.SequenceEqual(Enumerable.Range(0, chunks.Count));
                if (reordered)
                {
                    var positions = new int[chunks.Count];
                    for (int p = 0; p < order.Count; p++) positions[order[p]] = p;
                    IntTable(w, "private", "__ChunkOrder", positions);
                    w.WriteLine();
                }
                using (w.Block("private static void __LoadChunk(int chunk, int index)"))
                {
                    if (chunks.Count == 0) w.WriteLine("_ = chunk; _ = index; // no facts");
                    else w.WriteLine($"{DispatchName(0, chunks.Count)}({(reordered ? "__ChunkOrder(chunk)" : "chunk")}, index);");
                }
                if (chunks.Count > 0) EmitDispatch(w, order.Select(i => chunks[i].Method).ToList(), 0, chunks.Count);
            }
            // The classes that the data files' partly filled chunks share (extension members): declared
            // here with their attributes, filled by the data files' partial declarations.
            for (int b = 0; b < index.SharedClasses; b++)
            {
                w.WriteLine();
                Summary(w, $"{type.Name} facts of several data files: members of {type.Collection} (written {type.Collection}.Member) and the code that builds them.");
                MembersClassAttributes(w);
                w.WriteLine($"public static partial class {type.Collection}__Shared{b.ToString(CultureInfo.InvariantCulture)} {{ }}");
            }
        }
        return w.ToString();
    }

    /// <summary>
    /// Key lookup for any target: the table holds (hash, index + 1) pairs, and a matching hash is
    /// confirmed by the fact's own key (a hit builds that fact anyway), so the keys are not stored
    /// twice: an assembly's string literals, the facts' data among them, share one 16 MB heap (TDS211).
    /// </summary>
    private static void EmitKeyLookup(SourceWriter w, TypeSpec type, CollectionIndexSpec index)
    {
        using (w.Block("internal static int __IndexOf(string key)"))
        {
            w.WriteLine("var table = __Keys.Table_Packed; // one ulong per slot");
            w.WriteLine("uint hash = TypedDatasetRuntime.KeyHash(key);");
            w.WriteLine("int mask = table.Length - 1;");
            using (w.Block("for (int slot = (int)(hash & (uint)mask); ; slot = (slot + 1) & mask)"))
            {
                w.WriteLine("ulong head = table[slot]; // (hash, index + 1)");
                w.WriteLine("int index = unchecked((int)(head >> 32)) - 1;");
                w.WriteLine("if (index < 0) return -1;");
                w.WriteLine($"if (unchecked((uint)head) == hash && string.Equals(__Item(index).{type.KeyProperty}, key)) return index;");
            }
        }
        w.WriteLine();
        using (w.Block("private static class __Keys"))
        {
            IntTable(w, "internal", "Table", HashTable(index.Keys.Select(Names.KeyHash).ToList()), intView: false);
        }
    }

    /// <summary>
    /// Key lookup with C# 12 and .NET 8+: the keys' UTF-16 code units as one <c>u8</c> literal of
    /// little-endian bytes, which the compiler stores in the assembly's data, not in the string heap;
    /// slots of (hash, index + 1, start, length in bytes), so a probe reads one slot and the key's
    /// bytes, independently of the fact, and compares eight bytes a step
    /// (<c>TypedDatasetRuntime.KeyEquals</c>). When a <see cref="KeyWindow"/> tells the keys apart,
    /// keys outside their length range are rejected first and only the window is hashed.
    /// </summary>
    private static void EmitUtf8KeyLookup(SourceWriter w, CollectionIndexSpec index)
    {
        KeyWindow? window = KeyWindow.Choose(index.Keys);
        using (w.Block("internal static int __IndexOf(string key)"))
        {
            if (window is { } k)
            {
                // A window of the key tells the keys apart (chosen at build time): hash only it.
                string range = (k.MaxLength - k.MinLength).ToString(CultureInfo.InvariantCulture);
                w.WriteLine($"if (unchecked((uint)(key.Length - {k.MinLength.ToString(CultureInfo.InvariantCulture)})) > {range}u) return -1;");
                string start = k.FromEnd ? $"key.Length - {(k.Offset + k.Length).ToString(CultureInfo.InvariantCulture)}" : k.Offset.ToString(CultureInfo.InvariantCulture);
                w.WriteLine("var table = __Keys.Table_Packed; // two ulongs per slot");
                w.WriteLine($"uint hash = TypedDatasetRuntime.WindowHash{k.Length.ToString(CultureInfo.InvariantCulture)}(key, {start});");
            }
            else
            {
                w.WriteLine("var table = __Keys.Table_Packed; // two ulongs per slot");
                w.WriteLine("uint hash = TypedDatasetRuntime.KeyHash(key);");
            }
            w.WriteLine("int mask = (table.Length >> 1) - 1;");
            using (w.Block("for (int slot = (int)(hash & (uint)mask); ; slot = (slot + 1) & mask)"))
            {
                w.WriteLine("ulong head = table[2 * slot]; // (hash, index + 1)");
                w.WriteLine("int index = unchecked((int)(head >> 32)) - 1;");
                w.WriteLine("if (index < 0) return -1;");
                w.WriteLine("if (unchecked((uint)head) != hash) continue;");
                w.WriteLine("ulong text = table[2 * slot + 1]; // (start, length) in bytes");
                w.WriteLine("if (unchecked((int)(text >> 32)) == 2 * key.Length && TypedDatasetRuntime.KeyEquals(__Keys.Text.Slice(unchecked((int)text), 2 * key.Length), key)) return index;");
            }
        }
        w.WriteLine();
        // The keys' UTF-16 code units as little-endian bytes: ASCII keys (TDS209), so each character
        // is itself and a zero byte.
        var text = new System.Text.StringBuilder();
        foreach (string key in index.Keys)
        {
            foreach (char c in key) text.Append(c).Append('\0');
        }
        using (w.Block("private static class __Keys"))
        {
            w.WriteLine("// The keys' UTF-16 code units as little-endian bytes (each character, then a zero byte).");
            w.WriteLine($"internal static global::System.ReadOnlySpan<byte> Text => {CSharpText.Literal(PadText(text.ToString()))}u8;");
            IntTable(w, "internal", "Table", Utf8KeyTable(index.Keys, window), intView: false);
        }
    }

    /// <summary>
    /// The key table: slots of (hash, index + 1, start, length), in bytes of the concatenated keys'
    /// UTF-16 code units (two per character), placed like <see cref="HashTable"/>; the hash is the
    /// window's when the keys have one (<see cref="KeyWindow"/>), the whole key's otherwise.
    /// </summary>
    internal static int[] Utf8KeyTable(IReadOnlyList<string> keys, KeyWindow? window)
    {
        int[] pairs = HashTable(keys.Select(key => window is { } k ? Names.WindowHash(key, k) : Names.KeyHash(key)).ToList());
        var starts = new int[keys.Count];
        for (int i = 1; i < keys.Count; i++) starts[i] = starts[i - 1] + 2 * keys[i - 1].Length;
        return WithText(pairs, i => (starts[i], 2 * keys[i].Length));
    }

    /// <summary>
    /// The UTF-8 name table: slots of (hash, entry + 1, start, length) placed like
    /// <see cref="HashTable"/>, over the ASCII entries' spellings concatenated; a non-ASCII entry has
    /// start 0 and length -1 (confirmed against its fact).
    /// </summary>
    internal static (string Text, int[] Table) Utf8NameTable(NameIndexSpec names)
    {
        var text = new System.Text.StringBuilder();
        var starts = new int[names.Texts.Count];
        for (int e = 0; e < names.Texts.Count; e++)
        {
            string spelling = names.Texts[e];
            if (spelling.Any(c => c >= 0x80)) { starts[e] = -1; continue; }
            starts[e] = text.Length;
            text.Append(spelling);
        }
        int[] table = WithText(HashTable(names.Hashes), e => starts[e] < 0 ? (0, -1) : (starts[e], names.Texts[e].Length));
        return (text.ToString(), table);
    }

    /// <summary>A <see cref="HashTable"/> of (hash, entry + 1) pairs widened to (hash, entry + 1, start, length) slots.</summary>
    private static int[] WithText(int[] pairs, Func<int, (int Start, int Length)> textOf)
    {
        var table = new int[pairs.Length * 2];
        for (int slot = 0; slot < pairs.Length / 2; slot++)
        {
            int entry = pairs[2 * slot + 1];
            if (entry == 0) continue;
            (int start, int length) = textOf(entry - 1);
            table[4 * slot] = pairs[2 * slot];
            table[4 * slot + 1] = entry;
            table[4 * slot + 2] = start;
            table[4 * slot + 3] = length;
        }
        return table;
    }

    private static string DispatchName(int low, int high) =>
        $"__Chunks_{low.ToString(CultureInfo.InvariantCulture)}_{high.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Emits the dispatch method for chunks [low, high) and, recursively, the ones below it.</summary>
    private static void EmitDispatch(SourceWriter w, IReadOnlyList<string> loaders, int low, int high)
    {
        int size = 1;
        while (size * DispatchFanout < high - low) size *= DispatchFanout;
        var children = new List<(int Low, int High)>();
        for (int start = low; start < high; start += size) children.Add((start, Math.Min(high, start + size)));
        w.WriteLine();
        using (w.Block($"private static void {DispatchName(low, high)}(int chunk, int index)"))
        {
            using (w.Block(size == 1 ? "switch (chunk)" : $"switch ((chunk - {low.ToString(CultureInfo.InvariantCulture)}) / {size.ToString(CultureInfo.InvariantCulture)})"))
            {
                for (int i = 0; i < children.Count; i++)
                {
                    (int childLow, int childHigh) = children[i];
                    string call = size == 1 ? $"{loaders[childLow]}(index)" : $"{DispatchName(childLow, childHigh)}(chunk, index)";
                    string label = (size == 1 ? childLow : i).ToString(CultureInfo.InvariantCulture);
                    w.WriteLine($"case {label}: {call}; break;");
                }
            }
        }
        if (size > 1)
        {
            foreach ((int childLow, int childHigh) in children) EmitDispatch(w, loaders, childLow, childHigh);
        }
    }

    /// <summary>
    /// A constant int table, two ints per <c>ulong</c>, read through a method of its name
    /// (<c>Starts(entry)</c>: <c>TypedDatasetRuntime.Int</c>, a shift per read, the same on any byte
    /// order; inlined, so the first access loads no type for it), or, for hash tables (<paramref name="intView"/>
    /// false), by the probe a slot at a time straight from the ulongs. On .NET 7+ the ulongs are a
    /// <c>ReadOnlySpan&lt;ulong&gt;</c> property over a constant array, which the compiler turns into
    /// a span over the assembly's data (no allocation, no copy, pages touched only when read);
    /// elsewhere a static readonly array (one copy of the numbers in the source either way). The
    /// compiler's time on a table grows with its number of elements (hundreds of thousands at
    /// 100,000 facts): two ints per element halve them, and nullable analysis, which has nothing to
    /// check in a table but walks every element, is off (docs/benchmarks.md, "Packed tables").
    /// </summary>
    private static void IntTable(SourceWriter w, string access, string name, IEnumerable<int> values, bool intView = true)
    {
        List<int> list = values.ToList();
        w.WriteLine("#nullable disable");
        // The numbers once, for both paths: a span over the assembly's data on .NET 7+, an array
        // before (declared first, so it is initialized before anything reads it).
        w.WriteLine("#if NET7_0_OR_GREATER");
        w.WriteLine($"{access} static global::System.ReadOnlySpan<ulong> {name}_Packed =>");
        w.WriteLine("#else");
        w.WriteLine($"{access} static readonly ulong[] {name}_Packed =");
        w.WriteLine("#endif");
        w.WriteLine($"    new ulong[] {{ {string.Join(", ", PadTable(Pack(list).ToList()))} }};");
        w.WriteLine("#nullable restore");
        // Hash tables are read a slot (two ints) at a time straight from the ulongs: no int view.
        if (intView) w.WriteLine($"{access} static int {name}(int index) => TypedDatasetRuntime.Int({name}_Packed, index);");
    }

    /// <summary>
    /// A table's ulongs padded with zeros to a power of two (a span's length is not read as the
    /// table's: hash tables are powers of two already, the other tables carry their count). The
    /// compiler stores each constant table as a field of <c>&lt;PrivateImplementationDetails&gt;</c>
    /// typed by a struct per distinct size, and the runtime loads that class with every field and
    /// every size's type on the first read of any table: sizes that are powers of two share those
    /// types (docs/benchmarks.md, "Results at 168a928, e695304 and 361aff6").
    /// </summary>
    internal static List<string> PadTable(List<string> ulongs)
    {
        if (ulongs.Count == 0) return ulongs;
        for (int size = PowerOfTwo(ulongs.Count); ulongs.Count < size;) ulongs.Add("0");
        return ulongs;
    }

    /// <summary>
    /// A <c>u8</c> literal's text padded with zero bytes to one less than a power of two: the
    /// compiler adds a zero byte after a <c>u8</c> literal's data, so its field's size is the power
    /// of two, shared with the tables' (<see cref="PadTable"/>). The slots give each text's bounds.
    /// </summary>
    internal static string PadText(string text) =>
        text.Length == 0 ? text : text + new string('\0', PowerOfTwo(text.Length + 1) - text.Length - 1);

    private static int PowerOfTwo(int atLeast)
    {
        int size = 1;
        while (size < atLeast) size *= 2;
        return size;
    }

    /// <summary>Two ints per <c>ulong</c>, the first in the low half (so a little-endian read of the ulongs gives the ints in order).</summary>
    internal static IEnumerable<string> Pack(IReadOnlyList<int> values)
    {
        for (int i = 0; i < values.Count; i += 2)
        {
            ulong low = (uint)values[i];
            ulong high = i + 1 < values.Count ? (uint)values[i + 1] : 0u;
            yield return (low | (high << 32)).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// A precomputed open-addressing hash table of (hash, index + 1) pairs, placed with linear
    /// probing at hash &amp; (size - 1) (index + 1 = 0: empty); size is a power of two at least 1.5
    /// times the number of entries. A probe reads one pair (a cache line holds eight) and confirms a
    /// matching hash against the fact itself, so no key or name text is stored twice. Must agree
    /// with the generated <c>__IndexOf</c> and <c>FindByName</c>.
    /// </summary>
    internal static int[] HashTable(IReadOnlyList<uint> hashes)
    {
        int size = 8;
        while (size < hashes.Count + (hashes.Count + 1) / 2) size *= 2;
        var table = new int[2 * size];
        for (int i = 0; i < hashes.Count; i++)
        {
            int slot = (int)(hashes[i] & (uint)(size - 1));
            while (table[2 * slot + 1] != 0) slot = (slot + 1) & (size - 1);
            table[2 * slot] = unchecked((int)hashes[i]);
            table[2 * slot + 1] = i + 1;
        }
        return table;
    }

    private static bool HasNameLookup(TypeSpec type) => type.NameField is not null || type.AliasesField is not null;

    /// <summary>The internal method behind an inverse navigation property, named after the reference field.</summary>
    private static string InverseMethod(string fieldProperty) => "By_" + fieldProperty;

    // ---------------------------------------------------------------- root

    private static string EmitRoot(EmitContext ctx, CoreSpec core)
    {
        SourceWriter w = Begin();
        using (w.Block($"namespace {ctx.Namespace}"))
        {
            Summary(w, ctx.Schema.Doc ?? "The dataset: every collection.");
            w.WriteLine(GeneratedCode);
            using (w.Block($"public static partial class {ctx.Schema.Root}"))
            {
                Summary(w, "The names of the collections, in schema order.");
                w.WriteLine($"public static {IReadOnlyList}<string> CollectionNames {{ get; }} = TypedDatasetRuntime.List(new string[] {{ {string.Join(", ", core.Collections.Select(c => CSharpText.Literal(ctx.Type(c.TypeName).Collection)))} }});");
                foreach (CollectionIndexSpec c in core.Collections)
                {
                    TypeSpec type = ctx.Type(c.TypeName);
                    w.WriteLine();
                    SummaryXml(w, $"Every {type.Name} fact (<see cref=\"global::{ctx.Namespace}.{type.Collection}.All\"/>).");
                    w.WriteLine($"public static {IReadOnlyList}<global::{ctx.Namespace}.{type.Name}> {type.Collection} => global::{ctx.Namespace}.{type.Collection}.All;");
                }
            }
        }
        return w.ToString();
    }

    // ---------------------------------------------------------------- data files

    public static string EmitFile(FileEmitSpec file)
    {
        var ctx = new EmitContext(file.Namespace, file.Schema);
        SourceWriter w = Begin(nullableWarnings: false);
        w.WriteLine($"// Facts from {CSharpText.Xml(file.DisplayPath, 200)}");
        w.WriteLine();
        using (w.Block($"namespace {ctx.Namespace}"))
        {
            bool first = true;
            foreach (CollectionSliceSpec slice in file.Slices)
            {
                if (!first) w.WriteLine();
                first = false;
                TypeSpec type = ctx.Type(slice.TypeName);
                if (file.ExtensionMembers) EmitExtensionSlice(w, ctx, type, file, slice);
                else EmitPropertySlice(w, ctx, type, file, slice);
            }
        }
        return w.ToString();
    }

    /// <summary>The default layout: the file's facts as static properties of the collection class, and their loaders.</summary>
    private static void EmitPropertySlice(SourceWriter w, EmitContext ctx, TypeSpec type, FileEmitSpec file, CollectionSliceSpec slice)
    {
        string record = $"global::{ctx.Namespace}.{type.Name}";
        string offset = $"Base_{file.FileId}";
        using (w.Block($"partial class {type.Collection}"))
        {
            for (int i = 0; i < slice.Facts.Count; i++)
            {
                FactSpec fact = slice.Facts[i];
                FactDocs(w, ctx, type, fact);
                w.WriteLine($"public static {record} {fact.MemberName} => __Item({offset} + {i.ToString(CultureInfo.InvariantCulture)});");
                w.WriteLine();
            }
            const int per = FactsPerClass;
            int chunks = (slice.Facts.Count + per - 1) / per;
            for (int c = 0; c < chunks; c++)
            {
                if (c > 0) w.WriteLine();
                string name = "Load_" + file.FileId + "_" + c.ToString(CultureInfo.InvariantCulture);
                EmitDataLoader(w, ctx, type, slice, "private", name, "s_items", offset, c * per, Math.Min(slice.Facts.Count, (c + 1) * per));
            }
        }
    }

    /// <summary>
    /// TypedDatasetFactMembers=Extensions (C# 14): per chunk of <see cref="FactsPerClass"/> facts of
    /// the file, the facts as static extension members of the collection (<c>Events.X</c> as with
    /// properties) and their loaders, in a static class of the chunk's own, or, for a partly filled
    /// chunk, in one of the collection's shared classes (<see cref="SharedClass"/>). The collection
    /// class then has no member per fact: the runtime loads it, and then one class of a few hundred
    /// members, on the first access, instead of a class with a getter per fact
    /// (docs/architecture.md, "Fact members").
    /// </summary>
    private static void EmitExtensionSlice(SourceWriter w, EmitContext ctx, TypeSpec type, FileEmitSpec file, CollectionSliceSpec slice)
    {
        string record = $"global::{ctx.Namespace}.{type.Name}";
        string collection = $"global::{ctx.Namespace}.{type.Collection}";
        string offset = $"{collection}.Base_{file.FileId}";
        int classes = (slice.Facts.Count + FactsPerClass - 1) / FactsPerClass;
        for (int k = 0; k < classes; k++)
        {
            if (k > 0) w.WriteLine();
            int from = k * FactsPerClass, to = Math.Min(slice.Facts.Count, from + FactsPerClass);
            string range = $"{type.Name} facts {(from + 1).ToString(CultureInfo.InvariantCulture)} to {to.ToString(CultureInfo.InvariantCulture)} of {file.DisplayPath}";
            // A full chunk has a class of its own; a partly filled one is part of a class that chunks
            // of other files share (declared with the collection), and its helpers carry its name.
            string? shared = SharedClass(type, file.FileId, k, slice.Facts.Count, slice.SharedClasses);
            string suffix = shared is null ? "" : "_" + file.FileId + "_" + k.ToString(CultureInfo.InvariantCulture);
            if (shared is null)
            {
                Summary(w, $"{range}: members of {type.Collection} (written {type.Collection}.Member) and the code that builds them.");
                MembersClassAttributes(w);
            }
            else
            {
                w.WriteLine($"// {CSharpText.Xml(range)}: in a class shared with other files' facts.");
            }
            using (w.Block(shared is null ? $"public static class {MembersClass(type, file.FileId, k)}" : $"public static partial class {shared}"))
            {
                using (w.Block($"extension({collection})"))
                {
                    for (int i = from; i < to; i++)
                    {
                        if (i > from) w.WriteLine();
                        FactSpec fact = slice.Facts[i];
                        FactDocs(w, ctx, type, fact);
                        w.WriteLine($"public static {record} {fact.MemberName} => __Fact{suffix}({i.ToString(CultureInfo.InvariantCulture)});");
                    }
                }
                w.WriteLine();
                // The i-th fact of the file: one small method, so a member is a call with a constant.
                w.WriteLine($"private static {record} __Fact{suffix}(int i) => {collection}.s_items[{offset} + i] ?? Load{suffix}({offset} + i);");
                w.WriteLine();
                // A named fact is built through its own class: no dispatch method, which would make
                // the JIT load the classes of every chunk it can call. The loader takes the lock
                // itself (the collection's dispatch calls it holding it already: the lock is
                // re-entrant), so a chunk is two methods, not three: with ReadyToRun every method a
                // chunk adds is an import cell that the runtime relocates when it loads the image.
                EmitDataLoader(w, ctx, type, slice, "internal", "Load" + suffix, $"{collection}.s_items", offset, from, to, $"{collection}.s_lock", record);
            }
        }
    }

    /// <summary>A class of extension members is hidden from IntelliSense: users write <c>Books.Earthsea</c>.</summary>
    private static void MembersClassAttributes(SourceWriter w)
    {
        w.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.WriteLine(GeneratedCode);
    }

    /// <summary>The class of <see cref="FactsPerClass"/> facts' extension members and loaders (TypedDatasetFactMembers=Extensions).</summary>
    private static string MembersClass(TypeSpec type, string fileId, int number) =>
        $"{type.Collection}__{fileId}_{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// How many classes a collection's partly filled chunks share (TypedDatasetFactMembers=Extensions),
    /// from its number of facts in each file: a power of two that gives about
    /// <see cref="FactsPerClass"/> / 2 to <see cref="FactsPerClass"/> facts per class, or 0 when
    /// every chunk is full. Under the JIT the runtime hashes every type of an IL assembly when it
    /// loads it, and each class brings three (the class and the compiler's two for its extension
    /// block): a data file of 20 facts with a class of its own made 5,000 classes at 100,000 facts,
    /// most of the first access (docs/benchmarks.md, "The shape of the first access"). A power of
    /// two changes seldom as facts are added, and every data file's source depends on it.
    /// </summary>
    public static int SharedClassCount(IEnumerable<int> factsPerFile)
    {
        long partial = factsPerFile.Sum(count => (long)(count % FactsPerClass));
        if (partial == 0) return 0;
        int classes = 1;
        while (classes < (partial + FactsPerClass - 1) / FactsPerClass) classes *= 2;
        return classes;
    }

    /// <summary>
    /// The class that holds chunk <paramref name="number"/> of a file's facts of a collection when
    /// the chunk has fewer than <see cref="FactsPerClass"/> facts: one of the collection's
    /// <paramref name="sharedClasses"/>, chosen by a hash of the file and the chunk, so that it
    /// depends on nothing else; null for a full chunk, which has a class of its own.
    /// </summary>
    private static string? SharedClass(TypeSpec type, string fileId, int number, int factsInFile, int sharedClasses)
    {
        if (sharedClasses == 0 || factsInFile - number * FactsPerClass >= FactsPerClass) return null;
        uint which = Names.KeyHash(fileId + "/" + number.ToString(CultureInfo.InvariantCulture)) & (uint)(sharedClasses - 1);
        return $"{type.Collection}__Shared{which.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The loader of facts [<paramref name="from"/>, <paramref name="to"/>) of a file's facts: a
    /// method that builds the fact at a given index, and only that fact, from the chunk's data
    /// (<see cref="FactData"/>). With ReadyToRun the literal is fixed up on the loader's first call.
    /// </summary>
    private static void EmitDataLoader(SourceWriter w, EmitContext ctx, TypeSpec type, CollectionSliceSpec slice, string access, string name, string itemsExpression, string offset, int from, int to, string? lockExpression = null, string? record = null)
    {
        // Without a lock (the default layout: only the collection's dispatch calls it, under its
        // lock), a loader stores the fact; with one (extension members), it also takes the lock,
        // skips a fact built meanwhile, and returns the fact.
        using (w.Block(lockExpression is null ? $"{access} static void {name}(int index)" : $"{access} static {record} {name}(int index)"))
        {
            using (lockExpression is null ? null : w.Block($"lock ({lockExpression})"))
            {
                using (lockExpression is null ? null : w.Block($"if ({itemsExpression}[index] is null)"))
                {
                    // The data inline, not in a const: a constant's value would be stored a second
                    // time, in the metadata's blob heap.
                    w.WriteLine("string data =");
                    w.WriteLine($"    {FactData.Chunk(ctx.Type, ctx.Schema.Enums, type, slice.Facts, from, to)};");
                    w.WriteLine($"int at = global::{ctx.Namespace}.TypedDatasetReaders.Start(data, index - ({offset} + {from.ToString(CultureInfo.InvariantCulture)}));");
                    w.WriteLine($"{itemsExpression}[index] = global::{ctx.Namespace}.TypedDatasetReaders.Read{type.Name}(data, ref at);");
                }
                if (lockExpression is not null) w.WriteLine($"return {itemsExpression}[index]!;");
            }
        }
    }

    /// <summary>The IntelliSense text of a fact: its values, then its evidence.</summary>
    private static void FactDocs(SourceWriter w, EmitContext ctx, TypeSpec type, FactSpec fact)
    {
        w.WriteLine("/// <summary>");
        string? title = null;
        if (type.NameField is not null)
        {
            int i = IndexOf(type, type.NameField);
            if (i >= 0 && fact.Values[i].Kind == ValueKind.String) title = fact.Values[i].Text;
        }
        w.WriteLine($"/// <para>{type.Name} <c>{CSharpText.Xml(fact.Key)}</c>{(title is null ? "" : ": <b>" + CSharpText.Xml(title, 200) + "</b>")}</para>");
        EvidenceSpec? ev = ctx.Schema.Evidence;
        var evidence = new List<string>();
        for (int i = 0; i < type.Fields.Count; i++)
        {
            FieldSpec field = type.Fields[i];
            ValueSpec value = fact.Values[i];
            if (ev is not null && field.Kind == FieldKind.Value && field.Target == ev.QuoteType)
            {
                foreach (ValueSpec quote in value.Kind == ValueKind.List ? value.Items : new[] { value }.ToImmutableEquatableArray())
                {
                    if (quote.Kind == ValueKind.Object) evidence.Add(Evidence(ctx, ev, quote));
                }
                continue;
            }
            if (field.YamlName == type.NameField) continue;
            string? shown = Show(value);
            if (shown is null) continue;
            w.WriteLine($"/// <para>{CSharpText.Xml(field.YamlName, 80)}: {CSharpText.Xml(shown, 300)}</para>");
        }
        foreach (string e in evidence) w.WriteLine($"/// <para>Evidence: {e}</para>");
        w.WriteLine("/// </summary>");
    }

    private static string Evidence(EmitContext ctx, EvidenceSpec ev, ValueSpec quote)
    {
        TypeSpec quoteType = ctx.Type(ev.QuoteType);
        string text = Text(quoteType, quote, ev.TextField) ?? "";
        string source = Text(quoteType, quote, ev.QuoteSourceField) ?? "?";
        string paragraph = Text(quoteType, quote, ev.ParagraphField) ?? "?";
        return $"“{CSharpText.Xml(text, 400)}” ({CSharpText.Xml(source, 80)}, paragraph {CSharpText.Xml(paragraph, 12)})";
    }

    private static string? Text(TypeSpec type, ValueSpec value, string field)
    {
        int i = IndexOf(type, field);
        return i >= 0 && i < value.Items.Count && value.Items[i].Kind != ValueKind.Null ? value.Items[i].Text : null;
    }

    private static int IndexOf(TypeSpec type, string yamlName)
    {
        for (int i = 0; i < type.Fields.Count; i++)
        {
            if (type.Fields[i].YamlName == yamlName) return i;
        }
        return -1;
    }

    /// <summary>A short human rendering of a value for docs, or null to leave it out.</summary>
    private static string? Show(ValueSpec value) => value.Kind switch
    {
        ValueKind.Null => null,
        ValueKind.List when value.Items.Count == 0 => null,
        ValueKind.List when value.Items.All(i => i.Kind != ValueKind.Object) => string.Join(", ", value.Items.Select(i => i.Text)),
        ValueKind.List => $"{value.Items.Count} item(s)",
        ValueKind.Object => string.Join("; ", value.Items.Select(Show).Where(s => s is not null)),
        _ => value.Text,
    };

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// The header of a generated file. Every file has nullable annotations; the data files
    /// (<paramref name="nullableWarnings"/> false) are compiled without the nullable analysis,
    /// whose only work there is a constructor call per fact: it was 15 % of a 100,000-fact build
    /// (docs/architecture.md, "Data files without nullable analysis"). The tests compile them
    /// with the warnings on.
    /// </summary>
    private static SourceWriter Begin(bool nullableWarnings = true)
    {
        var w = new SourceWriter();
        w.WriteLine("// <auto-generated/>");
        w.WriteLine($"// Generated by {GeneratorName} {GeneratorVersion} from YAML. Do not edit: edit the YAML and rebuild.");
        if (nullableWarnings)
        {
            w.WriteLine("#nullable enable");
        }
        else
        {
            w.WriteLine("#nullable enable annotations");
            w.WriteLine(NoNullableWarnings);
        }
        w.WriteLine();
        return w;
    }

    /// <summary>A summary from data (schema docs): escaped.</summary>
    private static void Summary(SourceWriter w, string text) => w.WriteLine($"/// <summary>{CSharpText.Xml(text, 2000)}</summary>");

    /// <summary>A summary written by the generator, which may hold XML tags; data inside it is escaped by the caller.</summary>
    private static void SummaryXml(SourceWriter w, string xml) => w.WriteLine($"/// <summary>{xml}</summary>");

    private static string Param(string propertyName) => "@" + char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);

    private static string Backing(FieldSpec field) => Backing(field.PropertyName);

    /// <summary>The field behind a record's property: <c>_aliases</c> for <c>Aliases</c>.</summary>
    private static string Backing(string propertyName) => "_" + char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);

    /// <summary>Lookups over the schema for one emit call.</summary>
    private sealed class EmitContext
    {
        private readonly Dictionary<string, TypeSpec> _types;

        public EmitContext(string ns, SchemaSpec schema)
        {
            Namespace = ns;
            Schema = schema;
            _types = schema.Types.ToDictionary(t => t.Name, System.StringComparer.Ordinal);
        }

        public string Namespace { get; }

        public SchemaSpec Schema { get; }

        public TypeSpec Type(string name) => _types[name];

        public IEnumerable<(TypeSpec Owner, FieldSpec Field, string Name)> InversesOf(TypeSpec target)
        {
            if (!target.IsEntity) yield break;
            foreach (TypeSpec owner in Schema.Types.Where(t => t.IsEntity))
            {
                foreach (FieldSpec f in owner.Fields.Where(f => f.Kind == FieldKind.Reference && f.Target == target.Name))
                {
                    yield return (owner, f, f.Inverse ?? owner.Collection + "By" + f.PropertyName);
                }
            }
        }

        public string ElementType(FieldSpec f) => f.Kind switch
        {
            FieldKind.String => "string",
            FieldKind.Integer => "int",
            FieldKind.Decimal => "decimal",
            FieldKind.Boolean => "bool",
            FieldKind.Date => $"global::{Namespace}.PartialDate",
            _ => $"global::{Namespace}.{f.Target}",
        };

        public string PropertyType(FieldSpec f) =>
            f.IsList ? $"{IReadOnlyList}<{ElementType(f)}>" : ElementType(f) + (f.IsOptional ? "?" : "");

        public string ParameterType(FieldSpec f)
        {
            if (StoredAsInt(f)) return "int";
            string element = f.Kind == FieldKind.Reference ? "string" : ElementType(f);
            return f.IsList ? element + "[]" : element + (f.IsOptional ? "?" : "");
        }
    }
}
