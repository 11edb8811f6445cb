using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace TypedDataset.Tests.Infrastructure;

/// <summary>
/// A small snapshot helper following Verify's conventions, so switching to Verify.SourceGenerators
/// is a drop-in: one <c>{Class}.{Method}#{HintName}.verified.cs</c> per generated source and
/// <c>{Class}.{Method}.verified.txt</c> for diagnostics, committed; on mismatch a
/// <c>*.received.*</c> file is written beside it (gitignored) and the test fails with a diff.
/// Set <c>TYPEDDATASET_ACCEPT=1</c> to accept received output (never on CI). A verified file that
/// the test no longer produces also fails the test.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "TYPEDDATASET_ACCEPT";

    public static string Directory => typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "SnapshotDirectory").Value!;

    private static bool Accept => Environment.GetEnvironmentVariable(AcceptVariable) == "1"
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Verifies the generated sources and the diagnostics of one run.</summary>
    public static void Verify(GeneratorResult result, [CallerFilePath] string callerFile = "", [CallerMemberName] string method = "")
    {
        string prefix = Path.GetFileNameWithoutExtension(callerFile) + "." + method;
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string hint, string text) in result.Sources)
        {
            expected[$"{prefix}#{hint.Replace(".g.cs", ".g")}.verified.cs"] = text;
        }
        string diagnostics = string.Join("\n", result.GeneratorDiagnostics.Select(GeneratorResult.Format).OrderBy(s => s, StringComparer.Ordinal));
        if (diagnostics.Length > 0) expected[$"{prefix}.verified.txt"] = diagnostics + "\n";
        VerifyFiles(prefix, expected);
    }

    public static void VerifyFiles(string prefix, IReadOnlyDictionary<string, string> expected)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var failures = new List<string>();
        foreach ((string name, string rawText) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            string text = Normalize(rawText);
            string verifiedPath = Path.Combine(Directory, name);
            string receivedPath = ReceivedPath(verifiedPath);
            string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
            if (verified == text)
            {
                if (File.Exists(receivedPath)) File.Delete(receivedPath);
                continue;
            }
            if (Accept)
            {
                File.WriteAllText(verifiedPath, text, new UTF8Encoding(false));
                if (File.Exists(receivedPath)) File.Delete(receivedPath);
                continue;
            }
            File.WriteAllText(receivedPath, text, new UTF8Encoding(false));
            failures.Add(verified is null
                ? $"New snapshot {name}: no verified file yet; review {Path.GetFileName(receivedPath)} and accept with {AcceptVariable}=1."
                : $"Snapshot {name} differs (received written to {Path.GetFileName(receivedPath)}):\n{Diff(verified, text)}");
        }
        // The set of files must match too: a verified file that is no longer produced is a failure.
        foreach (string stale in System.IO.Directory.GetFiles(Directory, prefix + "*.verified.*")
                     .Select(p => Path.GetFileName(p))
                     .Where(n => IsSameTest(n, prefix) && !expected.ContainsKey(n)))
        {
            if (Accept) File.Delete(Path.Combine(Directory, stale));
            else failures.Add($"Snapshot {stale} is verified but was not produced; delete it or accept with {AcceptVariable}=1.");
        }
        if (failures.Count > 0) throw new Xunit.Sdk.XunitException(string.Join("\n\n", failures));
    }

    private static bool IsSameTest(string fileName, string prefix) =>
        fileName.StartsWith(prefix + "#", StringComparison.Ordinal) || fileName.StartsWith(prefix + ".verified.", StringComparison.Ordinal);

    private static string ReceivedPath(string verifiedPath) => verifiedPath.Replace(".verified.", ".received.");

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    /// <summary>A readable line diff ('-' verified, '+' received) with a little context.</summary>
    public static string Diff(string verified, string received)
    {
        DiffPaneModel model = new InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(verified, received, ignoreWhitespace: false);
        var builder = new StringBuilder();
        var lines = model.Lines;
        int shown = 0;
        for (int i = 0; i < lines.Count && shown < 80; i++)
        {
            bool near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(lines.Count, i + 3) - Math.Max(0, i - 2))
                .Any(j => lines[j].Type != ChangeType.Unchanged);
            if (!near) continue;
            string mark = lines[i].Type switch { ChangeType.Inserted => "+ ", ChangeType.Deleted => "- ", _ => "  " };
            builder.Append(mark).Append(lines[i].Position?.ToString() ?? "").Append('\t').AppendLine(lines[i].Text);
            shown++;
        }
        return builder.ToString();
    }
}
