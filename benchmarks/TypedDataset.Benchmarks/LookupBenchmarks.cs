using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace TypedDataset.Benchmarks;

/// <summary>
/// Lookups on a warm dataset (built by the generator from the synthetic YAML, Release): by key in
/// Events (40 % of the facts) and by alias in People (case-insensitive), through the generated API
/// and through a Dictionary / FrozenDictionary built from the same records. The loops live in the
/// probe assembly (<see cref="Templates.ProbeSource"/>), compiled against the dataset like user code;
/// each invocation does 1,024 lookups of fresh key strings, so times and allocations are per lookup.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public class LookupBenchmarks
{
    private const int Batch = 1024;

    private Func<int> _generatedGet = null!, _generatedTryGet = null!, _dictionary = null!, _frozen = null!;
    private Func<int> _generatedName = null!, _dictionaryName = null!, _frozenName = null!;

    [ParamsSource(nameof(Sizes))]
    public int Facts { get; set; }

    public static IEnumerable<int> Sizes => Settings.LookupSizes;

    [GlobalSetup]
    public void Setup()
    {
        string dll = Workspace.For(Facts).ProbeDll;
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: run the 'lookup' command (it prepares the workspace) rather than BenchmarkDotNet directly.");
        Type probe = Assembly.LoadFrom(dll).GetType("Probe", throwOnError: true)!;
        probe.GetMethod("Setup")!.Invoke(null, null);
        Func<int> Bind(string name) => probe.GetMethod(name)!.CreateDelegate<Func<int>>();
        _generatedGet = Bind("GeneratedGet");
        _generatedTryGet = Bind("GeneratedTryGet");
        _dictionary = Bind("Dictionary");
        _frozen = Bind("FrozenDictionary");
        _generatedName = Bind("GeneratedFindByName");
        _dictionaryName = Bind("DictionaryByName");
        _frozenName = Bind("FrozenDictionaryByName");
    }

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("ById")]
    public int Generated_Get() => _generatedGet();

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("ById")]
    public int Generated_TryGet() => _generatedTryGet();

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("ById")]
    public int Dictionary_Indexer() => _dictionary();

    [Benchmark(OperationsPerInvoke = Batch, Baseline = true), BenchmarkCategory("ById")]
    public int FrozenDictionary_Indexer() => _frozen();

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("ByAlias")]
    public int Generated_FindByName() => _generatedName();

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("ByAlias")]
    public int Dictionary_IgnoreCase() => _dictionaryName();

    [Benchmark(OperationsPerInvoke = Batch, Baseline = true), BenchmarkCategory("ByAlias")]
    public int FrozenDictionary_IgnoreCase() => _frozenName();
}
