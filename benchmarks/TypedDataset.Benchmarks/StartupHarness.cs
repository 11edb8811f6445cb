using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TypedDataset.Benchmarks;

/// <summary>
/// Time to first fact in a fresh process: each variant is a small console app (Release, default
/// runtime settings: tiered JIT, no ReadyToRun of the dataset) started with <c>dotnet app.dll variant</c>.
/// The app measures with a Stopwatch from the first line of Main to holding the fact, so runtime
/// start-up is excluded; the process's wall time (which includes it) is shown beside. Variants are
/// interleaved, after one warm-up round (disk cache). The generated app is also published with
/// NativeAOT (net8.0, the same YAML) and its executable measured the same way
/// (<c>TYPEDDATASET_BENCH_AOT=0</c> skips that: the publish takes minutes at 100,000 facts).
/// The generated app is measured also over the library built with
/// <c>TypedDatasetFactMembers=Extensions</c>, and both are published with ReadyToRun and measured
/// again (<c>TYPEDDATASET_BENCH_R2R=0</c> skips those publishes).
/// </summary>
public static class StartupHarness
{
    public static readonly (string App, string Variant, string Description)[] Variants =
    {
        ("Generated", "none", "floor: Main returns a constant"),
        ("Generated", "typeload", "generated: only load the `Events` class (`typeof(Events).TypeHandle`), no fact"),
        ("Generated", "property", "generated: named property `Events.X`"),
        ("Generated", "get", "generated: `Events.Get(key)`"),
        ("Generated", "name", "generated: `People.FindByName(alias)`"),
        ("Handwritten", "property", "hand-written C#: named property"),
        ("Handwritten", "dictionary", "hand-written C# + Dictionary built at start-up"),
        ("Handwritten", "frozen", "hand-written C# + FrozenDictionary built at start-up"),
        ("Yaml", "yaml", "YamlDotNet: embedded YAML deserialized at start-up + Dictionary"),
        (Workspace.OneFactApp, "property", "reference: one hand-written fact in a library of its own, built on first access (the floor of any library)"),
        (Workspace.ExtensionsApp, "typeload", "generated, extension members: only load the `Events` class, no fact"),
        (Workspace.ExtensionsApp, "property", "generated, extension members: named member `Events.X`"),
        (Workspace.ExtensionsApp, "get", "generated, extension members: `Events.Get(key)`"),
        (Workspace.ExtensionsApp, "name", "generated, extension members: `People.FindByName(alias)`"),
        ("Generated" + R2R, "property", "generated, ReadyToRun: named property `Events.X`"),
        ("Generated" + R2R, "get", "generated, ReadyToRun: `Events.Get(key)`"),
        ("Generated" + R2R, "name", "generated, ReadyToRun: `People.FindByName(alias)`"),
        (Workspace.ExtensionsApp + R2R, "property", "generated, extension members, ReadyToRun: named member `Events.X`"),
        (Workspace.ExtensionsApp + R2R, "get", "generated, extension members, ReadyToRun: `Events.Get(key)`"),
        (Workspace.ExtensionsApp + R2R, "name", "generated, extension members, ReadyToRun: `People.FindByName(alias)`"),
        (Workspace.OneFactApp + R2R, "property", "reference, ReadyToRun: one hand-written fact in a library of its own"),
        (Workspace.AotApp, "property", "generated, NativeAOT: named property `Events.X`"),
        (Workspace.AotApp, "get", "generated, NativeAOT: `Events.Get(key)`"),
        (Workspace.AotApp, "name", "generated, NativeAOT: `People.FindByName(alias)`"),
    };

    /// <summary>The suffix of an app published with ReadyToRun (<c>TYPEDDATASET_BENCH_R2R=0</c> skips them).</summary>
    public const string R2R = "+R2R";

    private static bool ReadyToRun => Environment.GetEnvironmentVariable("TYPEDDATASET_BENCH_R2R") != "0";

    /// <summary>Whether to publish and measure the NativeAOT app (<c>TYPEDDATASET_BENCH_AOT=0</c> skips it: minutes per size).</summary>
    private static bool Aot => Environment.GetEnvironmentVariable("TYPEDDATASET_BENCH_AOT") != "0";

    public sealed record Row(int Facts, string App, string Variant, string Description, double[] Microseconds, double[] WallMilliseconds,
        double[] JitMicroseconds, double[] JitMethods, double[] JitIlBytes, double[] MajorFaults, string? Failure)
    {
        public double JitMedian => Stats.Median(JitMicroseconds);

        public double Median => Stats.Median(Microseconds);

        public double Min => Microseconds.Length == 0 ? double.NaN : Microseconds.Min();

        public double WallMedian => Stats.Median(WallMilliseconds);
    }

    public static IReadOnlyList<Row> Run(IReadOnlyList<int> sizes, int runs)
    {
        var rows = new List<Row>();
        foreach (int facts in sizes)
        {
            Workspace ws = Workspace.Prepare(facts);
            var variants = Variants.Where(v => (Aot || v.App != Workspace.AotApp) && (ReadyToRun || !v.App.EndsWith(R2R, StringComparison.Ordinal))).ToList();
            var r2rDlls = new Dictionary<string, string>();
            var r2rFailures = new Dictionary<string, string>();
            foreach (string app in variants.Select(v => v.App).Where(a => a.EndsWith(R2R, StringComparison.Ordinal)).Distinct())
            {
                try { r2rDlls[app] = ws.PublishReadyToRun(app.Substring(0, app.Length - R2R.Length)); }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException) { r2rFailures[app] = e.Message.Split('\n')[0]; }
            }
            string? aotExe = null;
            string? aotFailure = null;
            if (Aot)
            {
                try { aotExe = ws.PublishAot(); }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException) { aotFailure = e.Message.Split('\n')[0]; }
            }
            var us = variants.ToDictionary(v => v, _ => new List<double>());
            var wall = variants.ToDictionary(v => v, _ => new List<double>());
            var jit = variants.ToDictionary(v => v, _ => new List<double>());
            var jitMethods = variants.ToDictionary(v => v, _ => new List<double>());
            var jitIl = variants.ToDictionary(v => v, _ => new List<double>());
            var majorFaults = variants.ToDictionary(v => v, _ => new List<double>());
            var failures = new Dictionary<(string, string, string), string>();
            if (aotFailure is not null)
            {
                foreach (var v in variants.Where(v => v.App == Workspace.AotApp)) failures[v] = aotFailure;
            }
            foreach (var v in variants.Where(v => r2rFailures.ContainsKey(v.App))) failures[v] = r2rFailures[v.App];
            for (int run = -1; run < runs; run++)
            {
                foreach (var v in variants)
                {
                    if (failures.ContainsKey(v)) continue;
                    ProcessResult r = v.App == Workspace.AotApp
                        ? ProcessRunner.Run(aotExe!, v.Variant, ws.Directory, TimeSpan.FromMinutes(10))
                        : ProcessRunner.Dotnet($"\"{(r2rDlls.TryGetValue(v.App, out string? r2r) ? r2r : ws.AppDll(v.App))}\" {v.Variant}", ws.Directory, TimeSpan.FromMinutes(10));
                    string? elapsed = Value(r.Output, "elapsed_us");
                    bool found = r.Output.Contains("fact=", StringComparison.Ordinal) && (v.Variant is "none" or "name" or "typeload" || r.Output.Contains(ws.Probe.Key, StringComparison.Ordinal));
                    if (r.ExitCode != 0 || elapsed is null || !found)
                    {
                        failures[v] = $"exit code {r.ExitCode}: {r.Tail(5)}";
                        Console.WriteLine($"[startup] {facts:N0} {v.App}/{v.Variant} FAILED: {failures[v]}");
                        continue;
                    }
                    if (run >= 0)
                    {
                        us[v].Add(double.Parse(elapsed, CultureInfo.InvariantCulture));
                        wall[v].Add(r.Elapsed.TotalMilliseconds);
                        jit[v].Add(double.Parse(Value(r.Output, "jit_us") ?? "NaN", CultureInfo.InvariantCulture));
                        jitMethods[v].Add(double.Parse(Value(r.Output, "jit_methods") ?? "NaN", CultureInfo.InvariantCulture));
                        jitIl[v].Add(double.Parse(Value(r.Output, "jit_il_bytes") ?? "NaN", CultureInfo.InvariantCulture));
                        if (double.TryParse(Value(r.Output, "major_faults"), NumberStyles.Integer, CultureInfo.InvariantCulture, out double faults)) majorFaults[v].Add(faults);
                    }
                }
                Console.WriteLine($"[startup] {facts:N0} facts: round {(run < 0 ? "warm-up" : (run + 1).ToString(CultureInfo.InvariantCulture))} done");
            }
            foreach (var v in variants)
            {
                rows.Add(new Row(facts, v.App, v.Variant, v.Description, us[v].ToArray(), wall[v].ToArray(),
                    jit[v].ToArray(), jitMethods[v].ToArray(), jitIl[v].ToArray(), majorFaults[v].ToArray(), failures.GetValueOrDefault(v)));
            }
        }
        return rows;
    }

    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var t = new MarkdownTable("facts", "variant", "first fact, median (µs)", "min (µs)", "of which JIT (µs)", "methods JIT-compiled (IL bytes)",
            "vs generated `Get`", "process wall time, median (ms)", "runs with disk reads (major page faults, whole process)");
        foreach (IGrouping<int, Row> size in rows.GroupBy(r => r.Facts))
        {
            double get = size.Single(r => r.App == "Generated" && r.Variant == "get").Median;
            foreach (Row r in size)
            {
                t.Add(r.Facts.ToString("N0"), r.Description,
                    r.Failure is null ? Format(r.Median) : "FAILED: " + r.Failure,
                    r.Failure is null ? Format(r.Min) : "-",
                    r.Failure is null ? Format(r.JitMedian) : "-",
                    r.Failure is null ? $"{Stats.Median(r.JitMethods):N0} ({Stats.Median(r.JitIlBytes):N0})" : "-",
                    r.Failure is null && !double.IsNaN(get) && r.Variant != "none" ? Ratio(r.Median / get) : "-",
                    r.Failure is null ? r.WallMedian.ToString("F0", CultureInfo.InvariantCulture) : "-",
                    r.Failure is null && r.MajorFaults.Length > 0 ? $"{r.MajorFaults.Count(f => f > 0)} of {r.MajorFaults.Length}" : "-");
            }
        }
        return t.ToString();
    }

    /// <summary>The value of a "name=value" line of the app's output.</summary>
    private static string? Value(string output, string name) => output.Split('\n').Select(l => l.Trim())
        .FirstOrDefault(l => l.StartsWith(name + "=", StringComparison.Ordinal))?.Substring(name.Length + 1);

    private static string Ratio(double ratio) => ratio.ToString(ratio < 0.1 ? "F4" : "F2", CultureInfo.InvariantCulture) + "×";

    private static string Format(double us) => us.ToString(us < 100 ? "F1" : "N0", CultureInfo.InvariantCulture);
}
