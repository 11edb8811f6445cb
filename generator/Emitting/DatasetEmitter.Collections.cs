using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Emitting;

// A collection file: {Collection}.g.cs (storage, key lookup, the chunks' dispatch and the packed tables).
internal static partial class DatasetEmitter
{
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
}
