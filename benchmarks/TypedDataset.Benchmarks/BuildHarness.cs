using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using TypedDataset.Benchmarks.Synthetic;

namespace TypedDataset.Benchmarks;

/// <summary>
/// Build time: <c>dotnet build --no-incremental</c> (a full rebuild, Release, warm compiler server)
/// of the same facts through the generator (in both fact member layouts: properties, and C# 14
/// extension members) and as hand-written C#, alternated, after one warm-up build of each; medians
/// and their ratio. Also the size of the code each compiles and facts about
/// the assemblies: file size and the largest IL method body.
/// </summary>
public static class BuildHarness
{
    public sealed record Row(
        int Facts,
        bool GeneratedOk,
        string? Failure,
        double[] GeneratedSeconds,
        double[] HandwrittenSeconds,
        long YamlBytes,
        long GeneratedSourceBytes,
        int GeneratedSources,
        int GeneratorDiagnostics,
        long HandwrittenSourceBytes,
        AssemblyStats? Generated,
        AssemblyStats? Handwritten,
        double[] ExtensionSeconds,
        AssemblyStats? Extension)
    {
        public double GeneratedMedian => Stats.Median(GeneratedSeconds);

        public double HandwrittenMedian => Stats.Median(HandwrittenSeconds);

        public double Ratio => GeneratedMedian / HandwrittenMedian;

        public double ExtensionMedian => Stats.Median(ExtensionSeconds);

        public double ExtensionRatio => ExtensionMedian / HandwrittenMedian;
    }

    public static IReadOnlyList<Row> Run(IReadOnlyList<int> sizes, int runs)
    {
        var rows = new List<Row>();
        foreach (int facts in sizes)
        {
            Console.WriteLine($"[build] {facts:N0} facts: writing projects ...");
            SyntheticDataset data = SyntheticDataset.Create(facts);
            Workspace ws = Workspace.For(facts).Write(data);

            long yamlBytes = Directory.EnumerateFiles(Path.Combine(ws.Directory, "generated", "facts")).Sum(f => new FileInfo(f).Length);
            long handBytes = Directory.EnumerateFiles(Path.Combine(ws.Directory, "handwritten", "src")).Sum(f => new FileInfo(f).Length);

            Console.WriteLine($"[build] {facts:N0} facts: generator in memory (size of the emitted code) ...");
            var (sources, diagnostics) = GeneratorInputs.Create(data).RunOnce();
            long generatedBytes = sources.Sum(s => (long)Encoding.UTF8.GetByteCount(s.SourceText.ToString()));
            int generatorDiagnostics = diagnostics.Count(d => d.Severity >= DiagnosticSeverity.Warning);

            foreach (string project in new[] { ws.GeneratedProject, ws.GeneratedExtensionsProject, ws.HandwrittenProject })
            {
                ProcessResult restore = ProcessRunner.Dotnet($"restore \"{project}\" -nologo -v:q", ws.Directory, TimeSpan.FromMinutes(10));
                if (restore.ExitCode != 0) throw new InvalidOperationException($"restore failed:\n{restore.Tail()}");
            }

            var gen = new List<double>();
            var hand = new List<double>();
            var ext = new List<double>();
            string? failure = null;
            for (int run = -1; run < runs && failure is null; run++)
            {
                string label = run < 0 ? "warm-up" : $"run {run + 1}/{runs}";
                ProcessResult g = Build(ws.GeneratedProject, ws.Directory);
                Console.WriteLine($"[build] {facts:N0} facts, {label}: generated {g.Elapsed.TotalSeconds:F1} s (exit {g.ExitCode})");
                if (g.ExitCode != 0)
                {
                    failure = $"exit code {g.ExitCode}: {g.Tail(15)}";
                    break;
                }
                ProcessResult e = Build(ws.GeneratedExtensionsProject, ws.Directory);
                Console.WriteLine($"[build] {facts:N0} facts, {label}: generated, extension members {e.Elapsed.TotalSeconds:F1} s (exit {e.ExitCode})");
                if (e.ExitCode != 0)
                {
                    failure = $"extension members: exit code {e.ExitCode}: {e.Tail(15)}";
                    break;
                }
                ProcessResult h = Build(ws.HandwrittenProject, ws.Directory);
                Console.WriteLine($"[build] {facts:N0} facts, {label}: hand-written {h.Elapsed.TotalSeconds:F1} s (exit {h.ExitCode})");
                if (h.ExitCode != 0) throw new InvalidOperationException($"The hand-written project failed to build:\n{h.Tail()}");
                if (run < 0) continue;
                gen.Add(g.Elapsed.TotalSeconds);
                ext.Add(e.Elapsed.TotalSeconds);
                hand.Add(h.Elapsed.TotalSeconds);
            }

            rows.Add(new Row(facts, failure is null, failure, gen.ToArray(), hand.ToArray(), yamlBytes, generatedBytes, sources.Count,
                generatorDiagnostics, handBytes,
                failure is null ? AssemblyStats.Read(ws.GeneratedDll) : null,
                AssemblyStats.Read(ws.HandwrittenDll),
                ext.ToArray(),
                failure is null ? AssemblyStats.Read(ws.GeneratedExtensionsDll) : null));
        }
        return rows;
    }

    private static ProcessResult Build(string project, string directory) =>
        ProcessRunner.Dotnet($"build \"{project}\" -c {Workspace.Configuration} --no-restore --no-incremental -nologo -v:q -nodeReuse:false", directory, TimeSpan.FromMinutes(30));

    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var t = new MarkdownTable("facts", "generated build (s)", "hand-written build (s)", "ratio",
            "generated, extension members (s)", "ratio", "YAML", "emitted C#", "hand-written C#",
            "generated dll", "hand-written dll", "largest IL method: generated", "largest IL method: hand-written", "methods > 8 KB IL (gen / hand)");
        foreach (Row r in rows)
        {
            t.Add(r.Facts.ToString("N0"),
                r.GeneratedOk ? $"{r.GeneratedMedian:F2} ({string.Join(", ", r.GeneratedSeconds.Select(s => s.ToString("F2")))})" : "FAILED: " + r.Failure,
                $"{r.HandwrittenMedian:F2} ({string.Join(", ", r.HandwrittenSeconds.Select(s => s.ToString("F2")))})",
                r.GeneratedOk ? $"{r.Ratio:F2}×" : "-",
                r.GeneratedOk ? $"{r.ExtensionMedian:F2} ({string.Join(", ", r.ExtensionSeconds.Select(s => s.ToString("F2")))})" : "-",
                r.GeneratedOk ? $"{r.ExtensionRatio:F2}×" : "-",
                Bytes(r.YamlBytes),
                $"{Bytes(r.GeneratedSourceBytes)} in {r.GeneratedSources} files",
                Bytes(r.HandwrittenSourceBytes),
                r.Generated is null ? "-" : Bytes(r.Generated.FileBytes),
                r.Handwritten is null ? "-" : Bytes(r.Handwritten.FileBytes),
                r.Generated is null ? "-" : $"{r.Generated.MaxIlBytes:N0} B ({r.Generated.MaxIlMethod})",
                r.Handwritten is null ? "-" : $"{r.Handwritten.MaxIlBytes:N0} B ({r.Handwritten.MaxIlMethod})",
                $"{r.Generated?.MethodsOver8K.ToString() ?? "-"} / {r.Handwritten?.MethodsOver8K.ToString() ?? "-"}");
        }
        return t.ToString();
    }

    public static string Bytes(long bytes) => bytes >= 1 << 20 ? $"{bytes / 1048576.0:F1} MiB" : $"{bytes / 1024.0:F0} KiB";
}
