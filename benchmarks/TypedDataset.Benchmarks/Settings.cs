using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;

namespace TypedDataset.Benchmarks;

/// <summary>
/// What to run, from the command line (host) or environment variables (inherited by the processes
/// BenchmarkDotNet starts). Every size list can be overridden, e.g.
/// <c>TYPEDDATASET_BENCH_GENERATOR_SIZES=100,1000</c>.
/// </summary>
public static class Settings
{
    public const string ModeVariable = "TYPEDDATASET_BENCH_MODE";

    /// <summary>"quick" (smoke check) or "full".</summary>
    public static bool Quick => string.Equals(Environment.GetEnvironmentVariable(ModeVariable), "quick", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<int> GeneratorSizes => Sizes("TYPEDDATASET_BENCH_GENERATOR_SIZES", Quick ? new[] { 100, 1_000 } : new[] { 100, 1_000, 10_000, 100_000 });

    public static IReadOnlyList<int> BuildSizes => Sizes("TYPEDDATASET_BENCH_BUILD_SIZES", Quick ? new[] { 1_000 } : new[] { 1_000, 10_000, 100_000 });

    public static IReadOnlyList<int> StartupSizes => Sizes("TYPEDDATASET_BENCH_STARTUP_SIZES", Quick ? new[] { 1_000 } : new[] { 1_000, 10_000, 100_000 });

    public static IReadOnlyList<int> LookupSizes => Sizes("TYPEDDATASET_BENCH_LOOKUP_SIZES", Quick ? new[] { 1_000 } : new[] { 1_000, 100_000 });

    /// <summary>Measured builds per project and size, after one warm-up build.</summary>
    public static int BuildRuns => Count("TYPEDDATASET_BENCH_BUILD_RUNS", Quick ? 1 : 3);

    /// <summary>Measured fresh processes per variant and size, after one warm-up run.</summary>
    public static int StartupRuns => Count("TYPEDDATASET_BENCH_STARTUP_RUNS", Quick ? 3 : 7);

    /// <summary>Where the temporary projects live (outside the repository, so no Directory.Build.props applies).</summary>
    public static string WorkDirectory =>
        Environment.GetEnvironmentVariable("TYPEDDATASET_BENCH_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "typeddataset-bench");

    /// <summary>Where reports are written (BenchmarkDotNet's artifacts folder, gitignored).</summary>
    public static string ResultsDirectory => Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts", "results");

    public static string RepositoryRoot { get; } = typeof(Settings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private static IReadOnlyList<int> Sizes(string variable, int[] defaults)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text)) return defaults;
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s.Replace("_", ""), CultureInfo.InvariantCulture)).ToArray();
    }

    private static int Count(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : fallback;
}
