using System.Globalization;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Emitting;

// The lookups file of a collection: {Collection}.Lookups.g.cs (FindByName and the inverse navigations).
internal static partial class DatasetEmitter
{
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
}
