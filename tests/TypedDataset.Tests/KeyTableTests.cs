using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using TypedDataset.Generator.Common;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests;

/// <summary>
/// The precomputed key table behind <c>Get</c>/<c>TryGet</c>: the hash the generator computes at
/// build time must be the one the generated code computes at run time (on both of its paths: the
/// portable one for netstandard2.0 and the word-at-a-time one, over span tables, on .NET), and every key must
/// be found, whatever its length (every remainder of four), its characters, or its neighbours in
/// the table; anything else must not be.
/// </summary>
public class KeyTableTests
{
    private const string Schema = """
schema:
  root: Keys
  types:
    Entry:
      collection: Entries
      key: id
      name: name
      aliases: aliases
      fields:
        n: integer
        name: string?
        aliases: string[]
""";

    /// <summary>Names and aliases of a few entries: non-ASCII, case partners of I, S and K, one shared alias.</summary>
    private static readonly Dictionary<int, string[]> NamesOf = new()
    {
        [0] = new[] { "Ümit Özdağ", "Özdağ" },
        [1] = new[] { "Istanbul Kebab", "ıstanbul" },
        [2] = new[] { "Kelvin Sisk", "shared" },
        [3] = new[] { "Straße", "SHARED" },
        [4] = new[] { "  padded  " },
        [5] = new[] { "İzmir" },
    };

    /// <summary>Keys (ASCII, TDS209) of every length from 1 to 13 (prefixes of one another), and enough of them to make probe chains.</summary>
    private static readonly string[] Keys =
        Enumerable.Range(1, 13).Select(n => "abcdefghijklm".Substring(0, n))
            .Concat(new[] { "cafe-creme", "x_y.z", "UPPER-case", "a1", "a2", "b", "ba", "ab1" })
            .Concat(Enumerable.Range(0, 300).Select(i => "k-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();

    private static readonly string[] Misses =
    {
        "", "A", "ABC", "abcdefghijklmn", "abc ", " abc", "abcdefghijklM", "abcdefghijkl\0", "café-crème", "cafe-creme\0", "upper-case",
        "k-300", "k-1000", "k-", "k-01", "日本", "日本語語", "ab2", "abcd\u200b",
    };

    [Fact]
    public void Run_time_hash_equals_the_generators_on_both_paths()
    {
        var random = new Random(20261122);
        var samples = Keys.Concat(Misses).Concat(Enumerable.Range(0, 500).Select(_ =>
        {
            var text = new StringBuilder();
            int length = random.Next(0, 40);
            for (int i = 0; i < length; i++) text.Append((char)random.Next(1, 0x10000));
            return text.ToString();
        })).ToList();
        foreach (bool netCore in new[] { false, true })
        {
            MethodInfo keyHash = Compile(netCore).GetType("Keys.Data.TypedDatasetRuntime")!.GetMethod("KeyHash", BindingFlags.Public | BindingFlags.Static)!;
            foreach (string sample in samples)
            {
                Assert.Equal(Names.KeyHash(sample), (uint)keyHash.Invoke(null, new object[] { sample })!);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_key_is_found_and_nothing_else(bool netCore)
    {
        Type entries = Compile(netCore).GetType("Keys.Data.Entries")!;
        MethodInfo tryGet = entries.GetMethod("TryGet")!;
        MethodInfo get = entries.GetMethod("Get")!;
        for (int i = 0; i < Keys.Length; i++)
        {
            object?[] args = { Keys[i], null };
            Assert.True((bool)tryGet.Invoke(null, args)!, "not found: " + Keys[i]);
            Assert.Equal(i, (int)GeneratedCodeTests.Get(args[1]!, "N")!);
            Assert.Same(args[1], get.Invoke(null, new object[] { Keys[i] }));
            // A fresh copy of the key (not the interned literal) is found too.
            Assert.True((bool)tryGet.Invoke(null, new object?[] { new string(Keys[i].ToCharArray()), null })!);
        }
        foreach (string miss in Misses)
        {
            object?[] args = { miss, null };
            Assert.False((bool)tryGet.Invoke(null, args)!, "found: " + miss);
            Assert.Null(args[1]);
        }
        Assert.False((bool)tryGet.Invoke(null, new object?[] { null, null })!);
    }

    [Fact]
    public void Constant_tables_have_power_of_two_sizes_so_they_share_the_compilers_size_types()
    {
        // Every constant table and u8 text is a field of <PrivateImplementationDetails> typed by a
        // struct per distinct size, all loaded on the first read of any table: padded sizes share them.
        Assembly assembly = Compile(netCore: true);
        Type details = assembly.GetTypes().Single(t => t.Name == "<PrivateImplementationDetails>");
        Type[] sizeTypes = details.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public);
        Assert.NotEmpty(sizeTypes);
        foreach (Type sizeType in sizeTypes)
        {
            int size = System.Runtime.InteropServices.Marshal.SizeOf(sizeType);
            Assert.True((size & (size - 1)) == 0, $"{sizeType.Name}: {size} bytes is not a power of two");
        }
        Assert.True(sizeTypes.Length < details.GetFields(BindingFlags.NonPublic | BindingFlags.Static).Length, "the tables should share size types");
    }

    [Fact]
    public void With_CSharp_11_on_NET_8_the_portable_path_is_emitted_and_every_key_is_found()
    {
        // The data tables' helpers pass `in` to .NET 8's `ref readonly` parameters, which C# 11
        // rejects (CS9058): with C# 11 the keys are confirmed against the facts, as on netstandard2.0.
        var harness = new GeneratorHarness
        {
            Namespace = "Keys.Data",
            PreprocessorSymbols = new[] { "NETCOREAPP", "NET7_0_OR_GREATER" },
            LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp11,
        };
        GeneratorResult result = harness.Run(TestFile.Data("schema.yaml", Schema), TestFile.Data("entries.yaml", EntriesYaml(Keys)));
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assert.Empty(result.CompileDiagnostics.Select(GeneratorResult.Format));
        Assert.DoesNotContain(result.Sources, s => s.Text.Contains("u8;", StringComparison.Ordinal) || s.Text.Contains("Unsafe.", StringComparison.Ordinal));
        MethodInfo tryGet = result.Load().GetType("Keys.Data.Entries")!.GetMethod("TryGet")!;
        for (int i = 0; i < Keys.Length; i++)
        {
            object?[] args = { new string(Keys[i].ToCharArray()), null };
            Assert.True((bool)tryGet.Invoke(null, args)!, "not found: " + Keys[i]);
            Assert.Equal(i, (int)GeneratedCodeTests.Get(args[1]!, "N")!);
        }
        foreach (string miss in Misses) Assert.False((bool)tryGet.Invoke(null, new object?[] { miss, null })!, "found: " + miss);
    }

    [Fact]
    public void Name_hash_is_equal_for_every_pair_that_OrdinalIgnoreCase_equates()
    {
        // The generator may run on another runtime than the dataset (Visual Studio's .NET Framework
        // compiler, an older or newer .NET): the name hash must not depend on Unicode case tables.
        var random = new Random(7);
        string alphabet = "aAiIıİsSſkKKåÅßẞéÉöÖçÇğĞσΣςёЁ 0-'";
        for (int n = 0; n < 20_000; n++)
        {
            var a = new StringBuilder();
            int length = random.Next(0, 12);
            for (int i = 0; i < length; i++) a.Append(alphabet[random.Next(alphabet.Length)]);
            string text = a.ToString();
            foreach (string other in new[] { text.ToUpperInvariant(), text.ToLowerInvariant(), Flip(text, random) })
            {
                if (string.Equals(text, other, StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Equal(Names.NameHash(text, 0, text.Length), Names.NameHash(other, 0, other.Length));
                }
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Names_are_found_ignoring_case_and_surrounding_space(bool netCore)
    {
        Assembly assembly = Compile(netCore);
        MethodInfo nameHash = assembly.GetType("Keys.Data.TypedDatasetRuntime")!.GetMethod("NameHash", BindingFlags.Public | BindingFlags.Static)!;
        // Mostly ASCII, with the letters the fold treats specially and the edges of the a-z range
        // ('`', '{', '@', '['), so the four-at-a-time fold on .NET is checked against the generator's.
        var random = new Random(11);
        const string alphabet = "aAzZiIsSkK`{@[09 -'ıſKéß";
        var samples = NamesOf.Values.SelectMany(n => n).Concat(Misses).Concat(Enumerable.Range(0, 3000).Select(_ =>
            new string(Enumerable.Range(0, random.Next(0, 21)).Select(_ => alphabet[random.Next(random.Next(2) == 0 ? 20 : alphabet.Length)]).ToArray())));
        foreach (string sample in samples)
        {
            Assert.Equal(Names.NameHash(sample, 0, sample.Length), (uint)nameHash.Invoke(null, new object[] { sample, 0, sample.Length })!);
        }
        MethodInfo find = assembly.GetType("Keys.Data.Entries")!.GetMethod("FindByName")!;
        int[] Found(string text) => ((System.Collections.IEnumerable)find.Invoke(null, new object?[] { text })!)
            .Cast<object>().Select(e => (int)GeneratedCodeTests.Get(e, "N")!).ToArray();
        foreach ((int index, string[] names) in NamesOf)
        {
            foreach (string name in names.Where(n => n != "shared" && n != "SHARED"))
            {
                Assert.Equal(new[] { index }, Found(name));
                Assert.Equal(new[] { index }, Found(name.ToUpperInvariant()));
                Assert.Equal(new[] { index }, Found(name.ToLowerInvariant()));
                Assert.Equal(new[] { index }, Found(" \t" + name.Trim() + "\n "));
            }
        }
        // Spellings that equal a name only under the run time's OrdinalIgnoreCase (long s, dotless i,
        // the Kelvin sign, sharp s): found exactly when .NET's own comparison says so, on both paths
        // (with UTF-8 names an ASCII name is first compared as ASCII, then against the fact).
        foreach (string probe in new[] { "Kelvin ſisk", "KELVIN ſıSK", "Kelvin Sisk", "ıstanbul kebab", "ISTANBUL KEBAB", "straße", "STRASSE", "İzmir", "izmir", "özdağ", "ÖZDAĞ" })
        {
            int[] expected = NamesOf.Where(n => n.Value.Any(name => string.Equals(name.Trim(), probe, StringComparison.OrdinalIgnoreCase))).Select(n => n.Key).ToArray();
            Assert.Equal(expected, Found(probe));
        }
        Assert.Equal(new[] { 2, 3 }, Found("Shared")); // one alias, two entries, in file order
        Assert.Same(find.Invoke(null, new object?[] { "shared" }), find.Invoke(null, new object?[] { "SHARED" })); // built once
        Assert.Equal(new[] { 4 }, Found("padded"));
        Assert.Empty(Found("pad"));
        Assert.Empty(Found("Ümit Özdağ2"));
        Assert.Empty(Found(""));
        Assert.Empty(Found("   "));
        Assert.Empty((System.Collections.IEnumerable)find.Invoke(null, new object?[] { null })!);

        // A non-ASCII alias is confirmed against the fact: through its array, without making its
        // Aliases list (made on the first read of Aliases).
        object ozdag = ((System.Collections.IEnumerable)find.Invoke(null, new object?[] { "özdağ" })!).Cast<object>().Single();
        Assert.Equal(0, (int)GeneratedCodeTests.Get(ozdag, "N")!);
        Assert.Null(ozdag.GetType().GetField("_aliasesList", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(ozdag));
    }

    private static string Flip(string text, Random random)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (random.Next(2) == 0) chars[i] = char.IsUpper(chars[i]) ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
        }
        return new string(chars);
    }

    [Fact]
    public void Utf8_table_slots_point_at_their_keys_utf16_bytes()
    {
        int[] table = TypedDataset.Generator.Emitting.DatasetEmitter.Utf8KeyTable(Keys, null);
        byte[] text = System.Text.Encoding.Unicode.GetBytes(string.Concat(Keys));
        int[] pairs = TypedDataset.Generator.Emitting.DatasetEmitter.HashTable(Keys.Select(Names.KeyHash).ToArray());
        Assert.Equal(pairs.Length * 2, table.Length);
        for (int slot = 0; slot < table.Length / 4; slot++)
        {
            Assert.Equal(pairs[2 * slot], table[4 * slot]);
            Assert.Equal(pairs[2 * slot + 1], table[4 * slot + 1]);
            int entry = table[4 * slot + 1];
            if (entry > 0) Assert.Equal(Keys[entry - 1], System.Text.Encoding.Unicode.GetString(text, table[4 * slot + 2], table[4 * slot + 3]));
        }
    }

    [Fact]
    public void Table_places_every_key_at_its_hash_or_after_it()
    {
        uint[] hashes = Keys.Select(Names.KeyHash).ToArray();
        int[] table = TypedDataset.Generator.Emitting.DatasetEmitter.HashTable(hashes);
        int size = table.Length / 2;
        Assert.True(size * 2 >= 3 * Keys.Length && (size & (size - 1)) == 0, $"table size {size}");
        var seen = new HashSet<int>();
        for (int slot = 0; slot < size; slot++)
        {
            int entry = table[2 * slot + 1];
            if (entry == 0) { Assert.Equal(0, table[2 * slot]); continue; }
            Assert.Equal(hashes[entry - 1], (uint)table[2 * slot]);
            // Linear probing: no empty slot between the home slot and this one.
            for (int s = (int)(hashes[entry - 1] & (uint)(size - 1)); s != slot; s = (s + 1) & (size - 1)) Assert.NotEqual(0, table[2 * s + 1]);
            Assert.True(seen.Add(entry));
        }
        Assert.Equal(Keys.Length, seen.Count);
    }

    /// <summary>Keys of 18 and 20 characters that share a long prefix and differ in their last four characters (with the length), like the synthetic benchmark's.</summary>
    private static readonly string[] WindowKeys = Enumerable.Range(0, 400)
        .Select(i => "ev-2017-03-" + (i % 28 + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "-" + Syllables(i))
        .ToArray();

    private static string Syllables(int i)
    {
        const string consonants = "bdfgkl", vowels = "aeiou";
        var text = new StringBuilder();
        for (int n = i < 200 ? i + 30 : i * 37 + 900; n > 0; n /= 30) text.Append(consonants[n % 30 / 5]).Append(vowels[n % 5]);
        return text.ToString();
    }

    [Fact]
    public void A_window_is_chosen_only_where_it_tells_the_keys_apart()
    {
        string[] Numbered(Func<int, string> key) => Enumerable.Range(0, 100).Select(key).ToArray();
        string Two(int i) => i.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

        // A shared prefix: the last four characters.
        Assert.Equal(new KeyWindow(0, FromEnd: true, Words: 1, MinLength: 18, MaxLength: 20), KeyWindow.Choose(WindowKeys));
        // A shared suffix, lengths differing: the first four (for keys of one length, a window from
        // the end is the same window and is found first).
        Assert.Equal(new KeyWindow(0, FromEnd: false, Words: 1, MinLength: 12, MaxLength: 13), KeyWindow.Choose(Numbered(i => Two(i) + "-same-tail" + (i % 2 == 0 ? "" : "s"))));
        Assert.Equal(new KeyWindow(8, FromEnd: true, Words: 1, MinLength: 12, MaxLength: 12), KeyWindow.Choose(Numbered(i => Two(i) + "-same-tail")));
        // Only eight characters tell them apart (no four-character window holds both digits).
        Assert.Equal(new KeyWindow(2, FromEnd: true, Words: 2, MinLength: 10, MaxLength: 10), KeyWindow.Choose(Numbered(i => Two(i)[0] + "xxxxx" + Two(i)[1] + "yyy")));
        // Keys that differ only where no window reaches, and keys too short: the whole key is hashed.
        Assert.Null(KeyWindow.Choose(Numbered(i => new string('a', 30) + Two(i) + new string('b', 30))));
        Assert.Null(KeyWindow.Choose(new[] { "abc", "abcd-1", "abcd-2" }));
        Assert.Null(KeyWindow.Choose(Array.Empty<string>()));
        // One key in 20 sharing its window with another is tolerated; more is not.
        // (Keys from `unique` on repeat the ends of keys 50 lower and differ only in the middle.)
        string[] Sharing(int unique) => Numbered(i => Two(i < unique ? i : i - 50) + new string('-', 28) + (i < unique ? "a" : "b") + new string('-', 28) + Two(i < unique ? i : i - 50));
        Assert.Equal(new KeyWindow(0, FromEnd: true, Words: 1, MinLength: 61, MaxLength: 61), KeyWindow.Choose(Sharing(95)));
        Assert.Null(KeyWindow.Choose(Sharing(94)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Window_hashes_at_run_time_equal_the_generators(bool netCore)
    {
        Type runtime = Compile(netCore, WindowKeys).GetType("Keys.Data.TypedDatasetRuntime")!;
        var random = new Random(20261122);
        foreach (int words in new[] { 1, 2 })
        {
            MethodInfo hash = runtime.GetMethod("WindowHash" + (4 * words).ToString(System.Globalization.CultureInfo.InvariantCulture), BindingFlags.Public | BindingFlags.Static)!;
            for (int n = 0; n < 500; n++)
            {
                var text = new StringBuilder();
                int length = random.Next(4 * words, 40);
                for (int i = 0; i < length; i++) text.Append((char)random.Next(1, 0x10000));
                string key = text.ToString();
                int offset = random.Next(0, length - 4 * words + 1);
                var window = new KeyWindow(offset, FromEnd: false, words, 0, 0);
                Assert.Equal(Names.WindowHash(key, window), (uint)hash.Invoke(null, new object[] { key, offset })!);
                Assert.Equal(Names.WindowHash(key, window), Names.WindowHash(key, new KeyWindow(length - offset - 4 * words, FromEnd: true, words, 0, 0)));
            }
        }
    }

    [Fact]
    public void Keys_told_apart_by_a_window_are_found_and_nothing_else()
    {
        Assembly assembly = Compile(netCore: true, WindowKeys, expectedLookup: "TypedDatasetRuntime.WindowHash4(key, key.Length - 4)");
        MethodInfo tryGet = assembly.GetType("Keys.Data.Entries")!.GetMethod("TryGet")!;
        for (int i = 0; i < WindowKeys.Length; i++)
        {
            object?[] args = { new string(WindowKeys[i].ToCharArray()), null };
            Assert.True((bool)tryGet.Invoke(null, args)!, "not found: " + WindowKeys[i]);
            Assert.Equal(i, (int)GeneratedCodeTests.Get(args[1]!, "N")!);
        }
        string first = WindowKeys[0], last = WindowKeys[^1];
        var misses = new[]
        {
            "", "ev-", first.Substring(0, first.Length - 1), first + "a", "x" + first.Substring(1), // same window, another key
            "ev-2017-03-01-" + first.Substring(first.Length - 4), last.ToUpperInvariant(), new string('e', 40), first.Substring(4),
        };
        foreach (string miss in misses.Where(m => !WindowKeys.Contains(m)))
        {
            Assert.False((bool)tryGet.Invoke(null, new object?[] { miss, null })!, "found: " + miss);
        }
        Assert.False((bool)tryGet.Invoke(null, new object?[] { null, null })!);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(7, true)]
    [InlineData(1000, true)]
    [InlineData(7, false)]
    [InlineData(1000, false)]
    public void Constant_tables_packed_two_ints_per_ulong_read_back_as_the_same_ints(int count, bool netCore)
    {
        var random = new Random(count);
        int[] ints = Enumerable.Range(0, count).Select(i => i % 3 == 0 ? random.Next(int.MinValue, int.MaxValue) : i - 2).ToArray();
        ulong[] packed = TypedDataset.Generator.Emitting.DatasetEmitter.Pack(ints)
            .Select(v => ulong.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal((count + 1) / 2, packed.Length);

        // Read back through the generated run-time's Int (over a span on .NET 7+, an array before).
        const string Probe = """
            namespace Keys.Data
            {
                /// <summary>Reads a packed table back.</summary>
                public static class PackProbe
                {
                    /// <summary>Every int of the table.</summary>
                    public static int[] Read(ulong[] packed, int count)
                    {
                        var result = new int[count];
                        for (int i = 0; i < result.Length; i++) result[i] = TypedDatasetRuntime.Int(packed, i);
                        return result;
                    }
                }
            }
            """;
        MethodInfo read = WithProbe(netCore, Probe).GetType("Keys.Data.PackProbe")!.GetMethod("Read")!;
        Assert.Equal(ints, (int[])read.Invoke(null, new object[] { packed, count })!);
    }

    [Fact]
    public void The_hand_written_comparisons_agree_with_the_base_library()
    {
        const string Probe = """
            namespace Keys.Data
            {
                /// <summary>Calls the run-time comparisons.</summary>
                public static class CompareProbe
                {
                    /// <summary>AsciiEqualsIgnoreCase over text[1..].</summary>
                    public static bool EqualsIgnoreCase(byte[] bytes, string text) => TypedDatasetRuntime.AsciiEqualsIgnoreCase(bytes, "#" + text, 1);

                    /// <summary>IsAscii over text[1..].</summary>
                    public static bool IsAscii(string text) => TypedDatasetRuntime.IsAscii("#" + text, 1, text.Length);

                    /// <summary>KeyEquals over UTF-16 bytes starting at an odd offset (unaligned reads).</summary>
                    public static bool KeyEquals(byte[] utf16, string key)
                    {
                        var shifted = new byte[utf16.Length + 1];
                        utf16.CopyTo(shifted, 1);
                        return TypedDatasetRuntime.KeyEquals(new System.ReadOnlySpan<byte>(shifted, 1, utf16.Length), key);
                    }
                }
            }
            """;
        Type probe = WithProbe(netCore: true, Probe).GetType("Keys.Data.CompareProbe")!;
        var equalsIgnoreCase = probe.GetMethod("EqualsIgnoreCase")!.CreateDelegate<Func<byte[], string, bool>>();
        var isAscii = probe.GetMethod("IsAscii")!.CreateDelegate<Func<string, bool>>();
        var keyEquals = probe.GetMethod("KeyEquals")!.CreateDelegate<Func<byte[], string, bool>>();

        // Every length up to 40 (the 8- and 4-character steps and the tail), a change at every
        // position: the same letter in the other case, a neighbour, the non-ASCII look-alikes.
        var random = new Random(42);
        const string Alphabet = "abcxyzABCXYZ019-_@[`{";
        char[] others = { '\u0131', '\u017F', '\u212A', '\u00E9', '\u0100', '\u2028', (char)('a' + 0x100), (char)('A' + 0x80) };
        for (int length = 0; length <= 40; length++)
        {
            string ascii = new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(ascii);
            var texts = new List<string> { ascii, ascii.ToUpperInvariant(), ascii.ToLowerInvariant() };
            for (int i = 0; i < length; i++)
            {
                foreach (char c in others.Append((char)(ascii[i] ^ 0x20)).Append((char)(ascii[i] + 1)).Append((char)(ascii[i] - 1)))
                {
                    texts.Add(ascii.Substring(0, i) + c + ascii.Substring(i + 1));
                }
            }
            foreach (string text in texts)
            {
                Assert.Equal(System.Text.Ascii.EqualsIgnoreCase(bytes, text), equalsIgnoreCase(bytes, text));
                Assert.Equal(System.Text.Ascii.IsValid(text), isAscii(text));
                // The key compare: ordinal, over the key's UTF-16 bytes (so a character differing
                // only in its high byte differs), and a text one character shorter or longer never equals.
                Assert.Equal(string.Equals(ascii, text, StringComparison.Ordinal), keyEquals(System.Text.Encoding.Unicode.GetBytes(ascii), text));
                Assert.Equal(string.Equals(text, ascii, StringComparison.Ordinal), keyEquals(System.Text.Encoding.Unicode.GetBytes(text), ascii));
                if (text.Length > 0) Assert.False(keyEquals(System.Text.Encoding.Unicode.GetBytes(text.Substring(1)), text));
                Assert.False(keyEquals(System.Text.Encoding.Unicode.GetBytes(text + "a"), text));
            }
        }
    }

    /// <summary>The harness for the .NET 8 + C# 12 path (netCore) or the netstandard2.0 + C# 10 one.</summary>
    private static GeneratorHarness Harness(bool netCore) => new()
    {
        Namespace = "Keys.Data",
        PreprocessorSymbols = netCore ? new[] { "NETCOREAPP", "NET7_0_OR_GREATER" } : Array.Empty<string>(),
        LanguageVersion = netCore ? Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest : Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10,
    };

    /// <summary>A one-entry dataset compiled with <paramref name="probe"/> (code that calls the generated run-time helpers), loaded.</summary>
    private static Assembly WithProbe(bool netCore, string probe) =>
        Harness(netCore).Run(new[] { TestFile.Data("schema.yaml", Schema), TestFile.Data("entries.yaml", "Entries:\n  - id: \"a\"\n    n: 1\n") }, probe).Load();

    /// <summary>One entry per key, N its position, with the names and aliases of <see cref="NamesOf"/>.</summary>
    private static string EntriesYaml(string[] keys) =>
        "Entries:\n" + string.Concat(keys.Select((k, i) => $"  - id: \"{k}\"\n    n: {i}\n"
            + (NamesOf.TryGetValue(i, out string[]? names) ? $"    name: \"{names[0]}\"\n    aliases: [{string.Join(", ", names.Skip(1).Select(a => "\"" + a + "\""))}]\n" : "")));

    private static Assembly Compile(bool netCore) => Compile(netCore, Keys, expectedLookup: netCore ? "TypedDatasetRuntime.KeyHash(key)" : null);

    private static Assembly Compile(bool netCore, string[] keys, string? expectedLookup = null)
    {
        // netCore: as for .NET 8 with C# 12+ (spans, UTF-16 key bytes, KeyEquals); otherwise C# 10
        // without .NET symbols, as for netstandard2.0 (int[] tables, keys confirmed by the fact).
        GeneratorResult result = Harness(netCore).Run(TestFile.Data("schema.yaml", Schema), TestFile.Data("entries.yaml", EntriesYaml(keys)));
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        string entries = result.Sources.Single(s => s.HintName == "Entries.g.cs").Text;
        Assert.Equal(netCore, entries.Contains("u8;", StringComparison.Ordinal));
        if (expectedLookup is not null) Assert.Contains(expectedLookup, entries, StringComparison.Ordinal);
        // Names: ASCII spellings as UTF-8 text on the .NET 8 path, confirmed by the facts otherwise.
        Assert.Equal(netCore, result.Sources.Single(s => s.HintName == "Entries.Lookups.g.cs").Text.Contains("TypedDatasetRuntime.AsciiEqualsIgnoreCase", StringComparison.Ordinal));
        return result.Load();
    }
}
