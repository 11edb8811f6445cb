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
/// portable one for netstandard2.0 and the word-at-a-time one under NETCOREAPP), and every key must
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
      fields:
        n: integer
""";

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
    public void Table_places_every_key_at_its_hash_or_after_it()
    {
        (string text, int[] offsets, int[] table) = TypedDataset.Generator.Emitting.DatasetEmitter.KeyTable(Keys);
        Assert.Equal(string.Concat(Keys), text);
        int size = table.Length / 2;
        Assert.True(size >= 2 * Keys.Length && (size & (size - 1)) == 0, $"table size {size}");
        var seen = new HashSet<int>();
        for (int slot = 0; slot < size; slot++)
        {
            int entry = table[2 * slot + 1];
            if (entry == 0) { Assert.Equal(0, table[2 * slot]); continue; }
            string key = text.Substring(offsets[entry - 1], offsets[entry] - offsets[entry - 1]);
            Assert.Equal(Keys[entry - 1], key);
            Assert.Equal(Names.KeyHash(key), (uint)table[2 * slot]);
            // Linear probing: no empty slot between the home slot and this one.
            for (int s = (int)(Names.KeyHash(key) & (uint)(size - 1)); s != slot; s = (s + 1) & (size - 1)) Assert.NotEqual(0, table[2 * s + 1]);
            Assert.True(seen.Add(entry));
        }
        Assert.Equal(Keys.Length, seen.Count);
    }

    private static Assembly Compile(bool netCore)
    {
        string data = "Entries:\n" + string.Concat(Keys.Select((k, i) => $"  - id: \"{k}\"\n    n: {i}\n"));
        var harness = new GeneratorHarness { Namespace = "Keys.Data", PreprocessorSymbols = netCore ? new[] { "NETCOREAPP" } : Array.Empty<string>() };
        GeneratorResult result = harness.Run(TestFile.Data("schema.yaml", Schema), TestFile.Data("entries.yaml", data));
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        return result.Load();
    }
}
