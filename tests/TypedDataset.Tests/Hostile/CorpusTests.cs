using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests.Hostile;

/// <summary>
/// A corpus of nasty YAML files (Hostile/Corpus/*.yaml, byte-exact: CRLF, BOMs, invalid UTF-8, NUL),
/// each with <c>name.expected.txt</c>: the diagnostics located in it (<c>TDSxxx line:col</c>, 1-based,
/// sorted), diagnostics elsewhere (<c>file TDSxxx line:col</c>) and the fact members generated per
/// collection (<c>facts Items: A, B</c>), so that no fact is silently lost. A data file
/// runs with the small schema and one good maker; a <c>schema-*.yaml</c> file runs alone, as the
/// schema. Every case also asserts: no generator exception, every location inside the file (and
/// consistent with the offset), no invisible characters in messages or generated code, and
/// warning-free compilation of the output. <c>TYPEDDATASET_ACCEPT=1</c> writes the expected files
/// (review the diff before committing).
/// </summary>
public class CorpusTests
{
    public static string Folder() => typeof(CorpusTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "CorpusDirectory").Value!;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Folder(), "*.yaml").Select(f => Path.GetFileName(f)).OrderBy(n => n, StringComparer.Ordinal)) data.Add(file);
        return data;
    }

    [Fact]
    public void Corpus_is_large_and_every_file_has_expectations()
    {
        string[] yaml = Directory.GetFiles(Folder(), "*.yaml");
        Assert.True(yaml.Length >= 60, $"only {yaml.Length} corpus files");
        Assert.All(yaml, y => Assert.True(File.Exists(Path.ChangeExtension(y, ".expected.txt")), "missing " + Path.ChangeExtension(y, ".expected.txt")));
        Assert.All(Directory.GetFiles(Folder(), "*.expected.txt"),
            e => Assert.True(File.Exists(e.Replace(".expected.txt", ".yaml")), "expectation without a corpus file: " + e));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_file(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder(), name));
        bool isSchema = name.StartsWith("schema-", StringComparison.Ordinal);
        var file = TestFile.Data(name, Hostile.Decode(bytes));
        TestFile[] files = isSchema
            ? new[] { file }
            : new[] { TestFile.Data("schema.yaml", Hostile.Schema), TestFile.Data("makers.yaml", Hostile.GoodMaker), file };

        GeneratorResult result = Hostile.Run(files);

        string actual = Canonical(result, name, isSchema);
        string expectedPath = Path.Combine(Folder(), Path.ChangeExtension(name, ".expected.txt"));
        string[] existing = File.Exists(expectedPath) ? File.ReadAllLines(expectedPath) : Array.Empty<string>();
        string expected = string.Join("\n", existing.Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)));
        if (expected != actual && Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1")
        {
            IEnumerable<string> comments = existing.Where(l => l.StartsWith("#", StringComparison.Ordinal));
            File.WriteAllText(expectedPath, string.Join("\n", comments.Append(actual)) + "\n", new UTF8Encoding(false));
            expected = actual;
        }
        Assert.True(expected == actual, $"{name}: expected\n{expected}\nbut got\n{actual}\n\nDiagnostics:\n{Hostile.Describe(result)}");

        Hostile.AssertLocatedInInputs(result, files);
        Hostile.AssertCompiles(result);
        Hostile.AssertCleanSources(result);
        foreach (Diagnostic d in result.GeneratorDiagnostics)
        {
            string message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(message.IndexOfAny(Hostile.ForbiddenInSource) < 0 && !message.Contains('\n'),
                "A diagnostic message holds an invisible or line-breaking character: " + GeneratorResult.Format(d).Replace("\n", "\\n"));
        }

    }

    private static string Canonical(GeneratorResult result, string name, bool isSchema)
    {
        var lines = new List<string>(Hostile.Positions(result, name));
        foreach (Diagnostic d in result.GeneratorDiagnostics.Where(d => d.Location.GetLineSpan().Path != GeneratorHarness.Rooted(name)))
        {
            LinePosition p = d.Location.GetLineSpan().StartLinePosition;
            string where = d.Location == Location.None ? "(none)" : d.Location.GetLineSpan().Path.Replace(GeneratorHarness.ProjectDir, "");
            lines.Add($"{where} {d.Id} {p.Line + 1}:{p.Character + 1}");
        }
        string[] collections = isSchema ? new[] { "Items" } : new[] { "Items", "Makers" };
        foreach (string collection in collections)
        {
            lines.Add($"facts {collection}: {string.Join(", ", Hostile.FactMembers(result, collection, isSchema ? "Sample.Facts" : "Sample.Facts"))}");
        }
        return string.Join("\n", lines);
    }
}
