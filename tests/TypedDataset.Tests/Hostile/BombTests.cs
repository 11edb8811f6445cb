using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using TypedDataset.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedDataset.Tests.Hostile;

/// <summary>
/// Resource bombs: each finishes within a bound (see docs/diagnostics.md, "Limits", for the measured
/// times), reports TDS004 where a limit is hit, and runs on a thread with a 1 MB stack (the
/// Windows default) so that any recursion over the input would overflow here first.
/// </summary>
public class BombTests
{
    private readonly ITestOutputHelper _output;

    public BombTests(ITestOutputHelper output) => _output = output;

    /// <summary>Runs the generator on a 1 MB-stack thread; fails past <paramref name="seconds"/>.</summary>
    private GeneratorResult Bounded(string what, double seconds, params TestFile[] files)
    {
        GeneratorResult? result = null;
        Exception? error = null;
        var watch = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            try { result = Hostile.Run(files); }
            catch (Exception ex) { error = ex; }
        }, maxStackSize: 1024 * 1024);
        thread.Start();
        // A hang guard, not a speed test: the bound is several times the time measured on a loaded
        // 2-core machine (docs/diagnostics.md, Limits). Speed itself is measured by the benchmarks.
        bool finished = thread.Join(TimeSpan.FromSeconds(seconds * 6));
        watch.Stop();
        Assert.True(finished, $"{what}: still running after {seconds * 6:0} s (a hang, or a quadratic path)");
        if (error is not null) throw new Xunit.Sdk.XunitException($"{what}: {error}");
        _output.WriteLine($"{what}: {watch.Elapsed.TotalMilliseconds:0} ms (guard {seconds * 6:0} s)");
        return result!;
    }

    private GeneratorResult BoundedData(string what, double seconds, string data) =>
        Bounded(what, seconds, TestFile.Data("schema.yaml", Hostile.Schema), TestFile.Data("makers.yaml", Hostile.GoodMaker), TestFile.Data("data.yaml", data));

    [Fact]
    public void Billion_laughs_is_stopped_by_the_node_limit()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        yaml.Append("Items:\n  - id: boom\n    name: *a9\n");
        GeneratorResult result = BoundedData("billion laughs", 5, yaml.ToString());
        Assert.Equal(new[] { "TDS004" }, result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Contains("2,000,000", result.GeneratorDiagnostics[0].GetMessage());
        Assert.Equal(7, result.GeneratorDiagnostics[0].Location.GetLineSpan().StartLinePosition.Line + 1); // the alias that crosses the limit
        Hostile.AssertCompiles(result);
    }

    [Fact]
    public void Alias_expansion_just_under_the_limit_completes()
    {
        // 10^6 nodes once expanded (a list of a list of … of scalars), used as a value: wrong type, but it must not be slow.
        var yaml = new StringBuilder("Items:\n  - id: a\n    name: A\n    size: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 6; i++) yaml.Append($"  - id: b{i}\n    name: B\n    size: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        GeneratorResult result = BoundedData("aliases expanding to 1.1 million nodes", 10, yaml.ToString());
        Assert.Equal(6, result.GeneratorDiagnostics.Count(d => d.Id == "TDS204"));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "TDS004");
    }

    [Theory]
    [InlineData("flow sequences", "[", "]")]
    [InlineData("flow mappings", "{a: ", "}")]
    public void Flow_nesting_thousands_deep_is_stopped_by_the_depth_limit(string what, string open, string close)
    {
        string deep = "Items: " + string.Concat(Enumerable.Repeat(open, 5000)) + string.Concat(Enumerable.Repeat(close, 5000)) + "\n";
        GeneratorResult result = BoundedData("5000 nested " + what, 3, deep);
        Assert.Equal(new[] { "TDS004" }, result.GeneratorDiagnostics.Select(d => d.Id));
        Hostile.AssertCompiles(result);
    }

    [Fact]
    public void Block_nesting_thousands_deep_is_stopped_by_the_depth_limit()
    {
        // "- - - - … x": 5000 nested block lists on one line.
        string deep = "Items:\n  " + string.Concat(Enumerable.Repeat("- ", 5000)) + "x\n";
        GeneratorResult result = BoundedData("5000 nested block lists", 3, deep);
        Assert.Equal(new[] { "TDS004" }, result.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Nesting_just_under_the_limit_generates_fine()
    {
        // 62 levels of lists inside the fact's 'name' (top mapping 1, Items list 2, fact 3, …): a wrong value, reported normally.
        string deep = "Items:\n  - id: a\n    name: " + new string('[', 61) + "x" + new string(']', 61) + "\n";
        GeneratorResult result = BoundedData("61 nested lists", 3, deep);
        Assert.Equal(new[] { "TDS204" }, result.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void A_50_MB_scalar_is_refused_by_the_file_size_limit()
    {
        string huge = "Items:\n  - id: a\n    name: " + new string('x', 50 * 1024 * 1024) + "\n";
        GeneratorResult result = BoundedData("50 MB scalar", 3, huge);
        Assert.Equal(new[] { "TDS004 1:1" }, Hostile.Positions(result, "data.yaml"));
        Assert.Contains("16,777,216", result.GeneratorDiagnostics[0].GetMessage());
    }

    [Fact]
    public void A_4_MB_scalar_under_the_limit_round_trips()
    {
        string value = new string('x', 4 * 1024 * 1024);
        GeneratorResult result = BoundedData("4 MB scalar", 5, "Items:\n  - id: a\n    name: " + value + "\n");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal(value, Hostile.Get(Hostile.Static(result.Load(), "Sample.Facts.Items", "A"), "Name"));
    }

    [Fact]
    public void A_mapping_with_100_000_keys_is_handled_in_linear_time()
    {
        var yaml = new StringBuilder("Items:\n  - id: a\n    name: A\n");
        for (int i = 0; i < 100_000; i++) yaml.Append("    k").Append(i).Append(": v\n");
        GeneratorResult result = BoundedData("one fact with 100,000 unknown fields", 10, yaml.ToString());
        Assert.Equal(100_000, result.GeneratorDiagnostics.Count(d => d.Id == "TDS202"));
        Assert.Equal(100_000, result.GeneratorDiagnostics.Length);
    }

    [Fact]
    public void A_mapping_with_100_000_duplicate_keys_is_handled_in_linear_time()
    {
        var yaml = new StringBuilder("Items:\n  - id: a\n");
        for (int i = 0; i < 100_000; i++) yaml.Append("    name: v\n");
        GeneratorResult result = BoundedData("one fact with 100,000 duplicate keys", 10, yaml.ToString());
        Assert.Equal(99_999, result.GeneratorDiagnostics.Count(d => d.Id == "TDS002"));
    }

    [Fact]
    public void A_schema_type_with_10_000_fields_and_an_enum_with_10_000_values()
    {
        var schema = new StringBuilder("schema:\n  root: Shop\n  enums:\n    Big:\n      values: [");
        schema.Append(string.Join(", ", Enumerable.Range(0, 10_000).Select(i => "v" + i))).Append("]\n  types:\n    Item:\n      collection: Items\n      key: id\n      fields:\n");
        for (int i = 0; i < 10_000; i++) schema.Append("        f").Append(i).Append(": string?\n");
        var data = new StringBuilder("Items:\n  - id: a\n");
        for (int i = 0; i < 10_000; i++) data.Append("    f").Append(i).Append(": x\n");
        for (int i = 0; i < 10_000; i++) data.Append("    g").Append(i).Append(": x\n"); // unknown: each looks for a suggestion among 10,000 fields
        GeneratorResult result = Bounded("10,000 fields × 10,000 unknown keys", 10, TestFile.Data("schema.yaml", schema.ToString()), TestFile.Data("data.yaml", data.ToString()));
        Assert.Equal(10_000, result.GeneratorDiagnostics.Count(d => d.Id == "TDS202"));
    }

    [Fact]
    public void Ten_thousand_unknown_references_against_ten_thousand_keys_stay_fast()
    {
        var makers = new StringBuilder("Makers:\n");
        for (int i = 0; i < 10_000; i++) makers.Append("  - id: maker-").Append(i).Append("\n    name: M\n");
        var items = new StringBuilder("Items:\n");
        for (int i = 0; i < 10_000; i++) items.Append("  - id: item-").Append(i).Append("\n    name: I\n    maker: makr-").Append(i).Append('\n');
        GeneratorResult result = Bounded("10,000 typos × 10,000 keys", 10,
            TestFile.Data("schema.yaml", Hostile.Schema), TestFile.Data("makers.yaml", makers.ToString()), TestFile.Data("data.yaml", items.ToString()));
        Assert.Equal(10_000, result.GeneratorDiagnostics.Count(d => d.Id == "TDS207"));
        // Suggestions while the budget lasts (the first ones), then none: never slow.
        Assert.Contains("did you mean 'maker-0'?", result.GeneratorDiagnostics.First(d => d.Id == "TDS207").GetMessage());
    }

    [Fact]
    public void A_chain_of_30_000_references_to_a_broken_fact_is_excluded_in_linear_time()
    {
        // item-i's maker is maker-(i+1) … all the way to a maker with an error: every fact must be left out.
        string schema = Hostile.Schema + "\n        next: Maker?\n"; // the schema ends with Maker's fields
        var makers = new StringBuilder("Makers:\n");
        const int n = 30_000;
        for (int i = 0; i < n; i++) makers.Append("  - id: m").Append(i).Append("\n    name: M\n    next: m").Append(i + 1).Append('\n');
        makers.Append("  - id: m").Append(n).Append("\n    name: M\n    next: nowhere\n");
        GeneratorResult result = Bounded("30,000-long reference chain", 10, TestFile.Data("schema.yaml", schema), TestFile.Data("makers.yaml", makers.ToString()));
        Assert.Equal(new[] { "TDS207" }, result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.DoesNotContain(result.Sources, s => s.HintName.StartsWith("Data.", StringComparison.Ordinal));
        Hostile.AssertCompiles(result);
    }

    [Fact]
    public void A_chain_of_10_000_value_types_that_contains_itself_does_not_overflow_the_stack()
    {
        const int n = 10_000;
        var schema = new StringBuilder("schema:\n  root: Shop\n  values:\n");
        for (int i = 0; i < n; i++) schema.Append("    V").Append(i).Append(":\n      fields:\n        next: V").Append((i + 1) % n).Append('\n');
        GeneratorResult result = Bounded("10,000 value types in one cycle", 10, TestFile.Data("schema.yaml", schema.ToString()));
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("TDS108", d.Id));
        Assert.InRange(result.GeneratorDiagnostics.Length, 1, 20);
        Assert.Contains("V0.next.next.next.next.next.….next.next.next.next", result.GeneratorDiagnostics[0].GetMessage());
    }

    [Fact]
    public void A_long_acyclic_chain_of_value_types_generates()
    {
        const int n = 2_000;
        var schema = new StringBuilder("schema:\n  root: Shop\n  values:\n");
        for (int i = 0; i < n; i++) schema.Append("    V").Append(i).Append(":\n      fields:\n        next: V").Append(i + 1).Append('\n');
        schema.Append("    V").Append(n).Append(":\n      fields:\n        x: integer\n");
        GeneratorResult result = Bounded("2,000 value types in a chain", 10, TestFile.Data("schema.yaml", schema.ToString()));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains(result.Sources, s => s.HintName == "Shop.Types.g.cs");
    }

    [Fact]
    public void Many_small_data_files_are_linear()
    {
        var files = new System.Collections.Generic.List<TestFile> { TestFile.Data("schema.yaml", Hostile.Schema) };
        for (int f = 0; f < 500; f++)
        {
            var data = new StringBuilder("Makers:\n");
            for (int i = 0; i < 20; i++) data.Append("  - id: m").Append(f).Append('x').Append(i).Append("\n    name: M\n");
            files.Add(TestFile.Data($"data/part{f}.yaml", data.ToString()));
        }
        GeneratorResult result = Bounded("500 files × 20 facts", 10, files.ToArray());
        // 10,000 facts in one collection, as properties: only the TDS905 hint, no error or warning.
        Assert.Equal(new[] { "TDS905" }, result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Equal(500, result.Sources.Count(s => s.HintName.StartsWith("Data.", StringComparison.Ordinal)));
    }
}
