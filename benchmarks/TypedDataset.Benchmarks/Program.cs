using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using TypedDataset.Benchmarks.Synthetic;

namespace TypedDataset.Benchmarks;

/// <summary>
/// Entry point. Commands (see docs/benchmarks.md):
/// <list type="bullet">
/// <item><c>all</c>: everything, full sizes (about 30 minutes on 2 cores); <c>quick</c>: everything, small sizes and few iterations.</item>
/// <item><c>generator</c>, <c>build</c>, <c>startup</c>, <c>lookup</c>: one part (add <c>--quick</c> for small sizes).</item>
/// <item><c>data N DIR</c>: write the synthetic dataset of N facts (YAML) under DIR, to look at.</item>
/// <item>anything else: BenchmarkDotNet's own command line (BenchmarkSwitcher), e.g. <c>--list flat</c> or <c>--filter *Lookup*</c>.</item>
/// </list>
/// Results: BenchmarkDotNet.Artifacts/ (BenchmarkDotNet's reports) and BenchmarkDotNet.Artifacts/results/summary.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string command = args.Length > 0 ? args[0].ToLowerInvariant() : "help";
        string[] rest = args.Skip(1).ToArray();
        bool quick = command == "quick" || rest.Contains("--quick");
        rest = rest.Where(a => a != "--quick").ToArray();
        Environment.SetEnvironmentVariable(Settings.ModeVariable, quick ? "quick" : "full");

        switch (command)
        {
            case "all":
            case "quick":
                return RunAll(quick, new[] { "generator", "build", "startup", "lookup" });
            case "generator":
            case "build":
            case "startup":
            case "lookup":
                return RunAll(quick, new[] { command });
            case "data":
                int facts = int.Parse(rest[0], CultureInfo.InvariantCulture);
                SyntheticDataset.Create(facts).WriteYaml(rest[1]);
                Console.WriteLine($"Wrote {facts:N0} facts under {Path.GetFullPath(rest[1])}/facts");
                return 0;
            case "help":
            case "--help":
            case "-h":
                Console.WriteLine("usage: dotnet run -c Release --project benchmarks/TypedDataset.Benchmarks -- all | quick | generator | build | startup | lookup [--quick] | data N DIR | <BenchmarkDotNet arguments>");
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, Config(quick, lookups: false));
                return 0;
        }
    }

    private static int RunAll(bool quick, string[] parts)
    {
        var total = Stopwatch.StartNew();
        Directory.CreateDirectory(Settings.ResultsDirectory);
        var report = new StringBuilder();
        report.Append("# TypedDataset benchmark summary\n\n");
        report.Append($"- mode: {(quick ? "quick (smoke check: small sizes, few iterations; numbers are indicative only)" : "full")}\n");
        report.Append($"- date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm}\n");
        report.Append($"- machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}\n");
        report.Append($"- work directory: {Settings.WorkDirectory}\n\n");

        Summary? generator = null, lookup = null;
        IReadOnlyList<BuildHarness.Row>? build = null;
        IReadOnlyList<StartupHarness.Row>? startup = null;
        int failures = 0;

        if (parts.Contains("generator"))
        {
            Console.WriteLine($"== Generator (BenchmarkDotNet), sizes {string.Join(", ", Settings.GeneratorSizes)}");
            generator = BenchmarkRunner.Run<GeneratorBenchmarks>(Config(quick, lookups: false));
            failures += generator.Reports.Count(r => !r.Success);
            report.Append("## Generator: full run and incremental run after a one-file edit\n\n").Append(GeneratorTable(generator)).Append('\n');
            foreach (int facts in Settings.GeneratorSizes.Where(f => f >= 1_000).OrderByDescending(f => f).Take(2).Reverse())
            {
                Console.WriteLine($"== Generator steps at {facts:N0} facts");
                report.Append("### Where the generator's time goes\n\n").Append(GeneratorSteps.Markdown(facts)).Append('\n');
            }
        }
        if (parts.Contains("build"))
        {
            Console.WriteLine($"== Build, sizes {string.Join(", ", Settings.BuildSizes)}, {Settings.BuildRuns} run(s) after a warm-up");
            build = BuildHarness.Run(Settings.BuildSizes, Settings.BuildRuns);
            failures += build.Count(r => !r.GeneratedOk);
            string table = BuildHarness.Markdown(build);
            File.WriteAllText(Path.Combine(Settings.ResultsDirectory, "build.md"), table);
            report.Append("## Build: `dotnet build --no-incremental` through the generator vs the same records hand-written\n\n").Append(table).Append('\n');
        }
        if (parts.Contains("startup"))
        {
            Console.WriteLine($"== Time to first fact, sizes {string.Join(", ", Settings.StartupSizes)}, {Settings.StartupRuns} run(s) after a warm-up");
            startup = StartupHarness.Run(Settings.StartupSizes, Settings.StartupRuns);
            failures += startup.Count(r => r.Failure is not null);
            string table = StartupHarness.Markdown(startup);
            File.WriteAllText(Path.Combine(Settings.ResultsDirectory, "startup.md"), table);
            report.Append("## Time to first fact in a fresh process (from the first line of Main)\n\n").Append(table).Append('\n');
        }
        if (parts.Contains("lookup"))
        {
            Console.WriteLine($"== Lookups (BenchmarkDotNet), sizes {string.Join(", ", Settings.LookupSizes)}");
            foreach (int facts in Settings.LookupSizes) Workspace.Prepare(facts);
            lookup = BenchmarkRunner.Run<LookupBenchmarks>(Config(quick, lookups: true));
            failures += lookup.Reports.Count(r => !r.Success);
            report.Append("## Lookups (per lookup, warm)\n\n").Append(LookupTable(lookup)).Append('\n');
        }

        report.Append("## Goals\n\n").Append(Goals(quick, generator, build, startup, lookup)).Append('\n');
        report.Append($"Total time: {total.Elapsed.TotalMinutes:F1} min.\n");
        string path = Path.Combine(Settings.ResultsDirectory, "summary.md");
        File.WriteAllText(path, report.ToString());
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"Written to {path}");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// BenchmarkDotNet configuration. Full: one launch, few iterations (a full generator run at
    /// 100,000 facts takes seconds, so the default's dozens of iterations would take hours).
    /// Quick: a dry run of the generator (one cold invocation) and a short run of the lookups.
    /// </summary>
    private static IConfig Config(bool quick, bool lookups)
    {
        Job job = quick
            ? (lookups ? Job.ShortRun.WithWarmupCount(2).WithIterationCount(3) : Job.Dry)
            : lookups
                ? Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10)
                : Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5);
        return DefaultConfig.Instance
            .AddJob(job.WithId(quick ? "Quick" : lookups ? "Lookups" : "Generator"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts"));
    }

    private static IEnumerable<(string Method, int Facts, double MedianNs, double MeanNs, long? Allocated)> Results(Summary summary) =>
        summary.Reports.Where(r => r.Success && r.ResultStatistics is not null).Select(r => (
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            Convert.ToInt32(r.BenchmarkCase.Parameters["Facts"], CultureInfo.InvariantCulture),
            r.ResultStatistics!.Median,
            r.ResultStatistics!.Mean,
            r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase)));

    private static string GeneratorTable(Summary summary)
    {
        var t = new MarkdownTable("facts", "full run (median)", "allocated", "incremental, one file edited (median)", "allocated", "full / incremental");
        var results = Results(summary).ToList();
        foreach (int facts in results.Select(r => r.Facts).Distinct().OrderBy(f => f))
        {
            var full = results.FirstOrDefault(r => r.Facts == facts && r.Method == nameof(GeneratorBenchmarks.FullRun));
            var incremental = results.FirstOrDefault(r => r.Facts == facts && r.Method == nameof(GeneratorBenchmarks.IncrementalRun_EditOneFile));
            t.Add(facts.ToString("N0"), Time(full.MedianNs), Alloc(full.Allocated), Time(incremental.MedianNs), Alloc(incremental.Allocated),
                full.MedianNs > 0 && incremental.MedianNs > 0 ? $"{full.MedianNs / incremental.MedianNs:F1}×" : "-");
        }
        return t.ToString();
    }

    private static string LookupTable(Summary summary)
    {
        var t = new MarkdownTable("facts", "lookup", "median (ns)", "mean (ns)", "allocated per lookup");
        foreach (var r in Results(summary).OrderBy(r => r.Facts))
        {
            t.Add(r.Facts.ToString("N0"), r.Method, r.MedianNs.ToString("F1"), r.MeanNs.ToString("F1"), r.Allocated is long a ? $"{a} B" : "?");
        }
        return t.ToString();
    }

    private static string Goals(bool quick, Summary? generator, IReadOnlyList<BuildHarness.Row>? build, IReadOnlyList<StartupHarness.Row>? startup, Summary? lookup)
    {
        var t = new MarkdownTable("goal", "measured", "met?");
        string Yes(bool ok) => ok ? "yes" : "**NO**";
        if (generator is not null)
        {
            var results = Results(generator).ToList();
            int at = results.Select(r => r.Facts).Where(f => f <= 10_000).DefaultIfEmpty(0).Max();
            var full = results.FirstOrDefault(r => r.Facts == at && r.Method == nameof(GeneratorBenchmarks.FullRun));
            var inc = results.FirstOrDefault(r => r.Facts == at && r.Method == nameof(GeneratorBenchmarks.IncrementalRun_EditOneFile));
            if (full.MedianNs > 0 && inc.MedianNs > 0)
            {
                double ratio = full.MedianNs / inc.MedianNs;
                t.Add($"incremental run after a one-file edit ≥ 10× cheaper than a full run (at {at:N0} facts{(at == 10_000 ? "" : "; goal is at 10,000")})",
                    $"full {Time(full.MedianNs)}, incremental {Time(inc.MedianNs)}: {ratio:F1}×", Yes(ratio >= 10));
            }
        }
        if (build is not null && build.Count > 0)
        {
            BuildHarness.Row big = build.OrderBy(r => r.Facts).Last();
            t.Add($"the build completes at {big.Facts:N0} facts, no stack overflow", big.GeneratedOk ? "built" : "failed: " + big.Failure, Yes(big.GeneratedOk));
            if (big.Generated is not null)
            {
                t.Add($"no method near 60,000 IL bytes at {big.Facts:N0} facts (met when below 30,000)", $"largest {big.Generated.MaxIlBytes:N0} B ({big.Generated.MaxIlMethod})", Yes(big.Generated.MaxIlBytes < 30_000));
                t.Add($"build ≤ 1.5× hand-written at {big.Facts:N0} facts", $"{big.GeneratedMedian:F1} s vs {big.HandwrittenMedian:F1} s: {big.Ratio:F2}×", Yes(big.Ratio <= 1.5));
                t.Add($"build ≤ 1.5× hand-written at {big.Facts:N0} facts (extension members)", $"{big.ExtensionMedian:F1} s vs {big.HandwrittenMedian:F1} s: {big.ExtensionRatio:F2}×", Yes(big.ExtensionRatio <= 1.5));
            }
        }
        if (startup is not null && startup.Count > 0)
        {
            int at = startup.Max(r => r.Facts);
            var size = startup.Where(r => r.Facts == at).ToList();
            StartupHarness.Row get = size.Single(r => r.App == "Generated" && r.Variant == "get");
            StartupHarness.Row property = size.Single(r => r.App == "Generated" && r.Variant == "property");
            StartupHarness.Row yaml = size.Single(r => r.App == "Yaml");
            bool ran = size.All(r => r.Failure is null);
            t.Add($"every first-fact app runs at {at:N0} facts (no stack overflow)", ran ? "all exited 0" : "failures: " + string.Join("; ", size.Where(r => r.Failure is not null).Select(r => r.Variant)), Yes(ran));
            double worst = Math.Max(get.Median, property.Median);
            t.Add($"first access < 1 ms after process start at {at:N0} facts (JIT, the runtime's defaults)", $"`Get` {get.Median / 1000:F2} ms, named property {property.Median / 1000:F2} ms", Yes(worst < 1000));
            foreach ((string app, string label) in new[]
            {
                (Workspace.ExtensionsApp, "JIT, extension members"),
                ("Generated" + StartupHarness.R2R, "ReadyToRun"),
                (Workspace.ExtensionsApp + StartupHarness.R2R, "ReadyToRun, extension members"),
            })
            {
                var pair = size.Where(r => r.App == app && r.Variant is "get" or "property" && r.Failure is null).ToList();
                if (pair.Count != 2) continue;
                t.Add($"first access < 1 ms after process start at {at:N0} facts ({label})",
                    string.Join(", ", pair.Select(r => $"{(r.Variant == "get" ? "`Get`" : "named member")} {r.Median / 1000:F2} ms")), Yes(pair.Max(r => r.Median) < 1000));
            }
            var aot = size.Where(r => r.App == Workspace.AotApp && r.Variant is "get" or "property" && r.Failure is null).ToList();
            if (aot.Count == 2)
            {
                double aotWorst = aot.Max(r => r.Median);
                t.Add($"first access < 1 ms after process start at {at:N0} facts (NativeAOT)",
                    string.Join(", ", aot.Select(r => $"{(r.Variant == "get" ? "`Get`" : "named property")} {r.Median / 1000:F3} ms")), Yes(aotWorst < 1000));
            }
            double ratio = yaml.Median / worst;
            t.Add($"first access ≥ 100× faster than YamlDotNet at {at:N0} facts", $"YamlDotNet {yaml.Median / 1000:F1} ms: {ratio:F0}×", Yes(ratio >= 100));
        }
        if (lookup is not null)
        {
            var results = Results(lookup).ToList();
            foreach (int facts in results.Select(r => r.Facts).Distinct().OrderBy(f => f))
            {
                var gen = results.FirstOrDefault(r => r.Facts == facts && r.Method == nameof(LookupBenchmarks.Generated_Get));
                var frozen = results.FirstOrDefault(r => r.Facts == facts && r.Method == nameof(LookupBenchmarks.FrozenDictionary_Indexer));
                if (gen.MedianNs > 0 && frozen.MedianNs > 0)
                {
                    t.Add($"lookup by id no slower than FrozenDictionary ({facts:N0} facts; within 5 %, the run-to-run noise)", $"{gen.MedianNs:F1} ns vs {frozen.MedianNs:F1} ns ({gen.MedianNs / frozen.MedianNs:F2}×)", Yes(gen.MedianNs <= frozen.MedianNs * 1.05));
                }
            }
            var allocating = results.Where(r => r.Method.StartsWith("Generated", StringComparison.Ordinal) && r.Allocated is > 0).ToList();
            t.Add("generated lookups allocate nothing", allocating.Count == 0 ? "0 B for every lookup" : string.Join(", ", allocating.Select(r => $"{r.Method} {r.Allocated} B")), Yes(allocating.Count == 0));
        }
        string note = quick ? "Quick mode: the sizes are smaller than the goals name; run `all` for the real check.\n\n" : "";
        return note + t;
    }

    private static string Time(double ns) => ns <= 0 ? "-" : ns >= 1e9 ? $"{ns / 1e9:F2} s" : ns >= 1e6 ? $"{ns / 1e6:F1} ms" : $"{ns / 1e3:F1} µs";

    private static string Alloc(long? bytes) => bytes is long b ? BuildHarness.Bytes(b) : "?";
}
