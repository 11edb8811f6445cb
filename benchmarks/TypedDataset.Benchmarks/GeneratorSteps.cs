using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedDataset.Benchmarks.Synthetic;
using TypedDataset.Generator;
using TypedDataset.Testing;

namespace TypedDataset.Benchmarks;

/// <summary>
/// Where a generator run spends its time, step by step (Roslyn's step tracking: elapsed time and
/// run reason of every named pipeline step), for a full run and for an incremental run after the
/// same one-file edit as <see cref="GeneratorBenchmarks"/>. Not a statistical benchmark: one
/// measured run after warm-up runs, to show which step to change.
/// </summary>
public static class GeneratorSteps
{
    public static string Markdown(int facts)
    {
        var inputs = GeneratorInputs.Create(SyntheticDataset.Create(facts));
        GeneratorDriver Create() => CSharpGeneratorDriver.Create(
            new[] { new DatasetGenerator().AsSourceGenerator() }, inputs.Texts, GeneratorInputs.ParseOptions, inputs.Options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        for (int i = 0; i < 2; i++) Create().RunGenerators(inputs.Compilation);
        var stopwatch = Stopwatch.StartNew();
        GeneratorDriver driver = Create().RunGenerators(inputs.Compilation);
        TimeSpan fullTime = stopwatch.Elapsed;
        GeneratorRunResult full = driver.GetRunResult().Results.Single();

        AdditionalText current = inputs.Texts[1 + (inputs.Texts.Length - 1) / 2];
        AdditionalText other = new InMemoryText(current.Path, GeneratorBenchmarks.EditOneValue(current.GetText()!.ToString()));
        TimeSpan incrementalTime = TimeSpan.Zero;
        for (int i = 0; i < 4; i++)
        {
            stopwatch.Restart();
            driver = driver.ReplaceAdditionalText(current, other).RunGenerators(inputs.Compilation);
            incrementalTime = stopwatch.Elapsed;
            (current, other) = (other, current);
        }
        GeneratorRunResult incremental = driver.GetRunResult().Results.Single();

        var t = new MarkdownTable("step", "full run: runs, time", "incremental run: runs, time", "incremental run: output reasons");
        Dictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> fullSteps = Steps(full), incrementalSteps = Steps(incremental);
        foreach (string name in fullSteps.Keys.Union(incrementalSteps.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            t.Add(name, Cell(fullSteps.GetValueOrDefault(name)), Cell(incrementalSteps.GetValueOrDefault(name)),
                incrementalSteps.TryGetValue(name, out var steps)
                    ? string.Join(", ", steps.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Key} {g.Count()}"))
                    : "-");
        }
        return $"{facts:N0} facts: full run {fullTime.TotalMilliseconds:F0} ms, incremental run {incrementalTime.TotalMilliseconds:F0} ms " +
            "(wall time with step tracking on; the steps' times do not add up to it: the driver's own work, such as comparing outputs, is not in any step).\n\n" + t;
    }

    private static Dictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> Steps(GeneratorRunResult result) =>
        result.TrackedSteps.Where(s => s.Key.StartsWith("TypedDataset", StringComparison.Ordinal))
            .Concat(result.TrackedOutputSteps)
            .GroupBy(s => s.Key)
            .ToDictionary(g => g.Key, g => g.First().Value);

    private static string Cell(ImmutableArray<IncrementalGeneratorRunStep> steps) =>
        steps.IsDefault ? "-" : $"{steps.Length}, {steps.Sum(s => s.ElapsedTime.TotalMilliseconds):F1} ms";
}
