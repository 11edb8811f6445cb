using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using TypedDataset.Benchmarks.Synthetic;
using TypedDataset.Testing;

namespace TypedDataset.Benchmarks;

/// <summary>
/// The source generator alone (no C# compilation of its output), in memory, as the IDE and the
/// compiler run it: a full run on a new driver, and an incremental run after editing one data file
/// (a string value of one fact, so no fact count changes). Each incremental invocation edits the
/// same file back and forth on the driver the previous invocation returned, so every measured run
/// is a real one-file edit.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private GeneratorInputs _inputs = null!;
    private GeneratorDriver _driver = null!;
    private AdditionalText _current = null!;
    private AdditionalText _other = null!;

    [ParamsSource(nameof(Sizes))]
    public int Facts { get; set; }

    public static IEnumerable<int> Sizes => Settings.GeneratorSizes;

    [GlobalSetup(Target = nameof(FullRun))]
    public void SetupFull() => _inputs = GeneratorInputs.Create(SyntheticDataset.Create(Facts));

    [GlobalSetup(Target = nameof(IncrementalRun_EditOneFile))]
    public void SetupIncremental()
    {
        SetupFull();
        _driver = _inputs.CreateDriver().RunGenerators(_inputs.Compilation);
        // A data file in the middle (index 0 is the schema).
        _current = _inputs.Texts[1 + (_inputs.Texts.Length - 1) / 2];
        _other = new InMemoryText(_current.Path, EditOneValue(_current.GetText()!.ToString()));
    }

    /// <summary>Prefixes the first title of the file: the file's output changes, nothing else does.</summary>
    public static string EditOneValue(string yaml)
    {
        const string title = "    title: \"";
        int at = yaml.IndexOf(title, System.StringComparison.Ordinal);
        return yaml.Substring(0, at + title.Length) + "(edited) " + yaml.Substring(at + title.Length);
    }

    [Benchmark]
    public GeneratorDriver FullRun() => _inputs.CreateDriver().RunGenerators(_inputs.Compilation);

    [Benchmark]
    public GeneratorDriver IncrementalRun_EditOneFile()
    {
        _driver = _driver.ReplaceAdditionalText(_current, _other).RunGenerators(_inputs.Compilation);
        (_current, _other) = (_other, _current);
        return _driver;
    }
}
