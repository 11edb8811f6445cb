using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TypedDataset.Generator;
using TypedDataset.Testing;

namespace TypedDataset.Tests.Infrastructure;

/// <summary>An in-memory file given to the generator: a YAML data/schema file or a source text.</summary>
public sealed record TestFile(string Path, string Text, string Kind = "Data")
{
    public static TestFile Data(string path, string text) => new(path, text);

    public static TestFile Source(string path, string text) => new(path, text, "SourceText");
}

/// <summary>Runs the generator the way the compiler does, with additional files and MSBuild options.</summary>
public sealed class GeneratorHarness
{
    public const string ProjectDir = "/project/";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(System.IO.Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                && string.Equals(System.IO.Path.GetDirectoryName(p), RuntimeDirectory, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    /// <summary>The shared framework only: the test assembly and its dependencies are not given to the dataset.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    private static string RuntimeDirectory => System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    public string Namespace { get; init; } = "Sample.Facts";

    public bool SourceTextsFound { get; init; }

    /// <summary>The TypedDatasetFactMembers property (null: not set).</summary>
    public string? FactMembers { get; init; }

    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    public CSharpCompilation CreateCompilation(string code = "") => CSharpCompilation.Create(
        "Sample.Dataset",
        code.Length == 0 ? Array.Empty<SyntaxTree>() : new[] { CSharpSyntaxTree.ParseText(code, ParseOptions) },
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999, checkOverflow: OverflowChecks));

    /// <summary>Compile with arithmetic overflow checks on (CheckForOverflowUnderflow), as a user's project may.</summary>
    public bool OverflowChecks { get; init; }

    /// <summary>Symbols defined when compiling the output (e.g. NETCOREAPP, to take the generated code's .NET-only paths).</summary>
    public IReadOnlyList<string> PreprocessorSymbols { get; init; } = Array.Empty<string>();

    public CSharpParseOptions ParseOptions => new(LanguageVersion, DocumentationMode.Diagnose, preprocessorSymbols: PreprocessorSymbols);

    public GeneratorDriver CreateDriver(IEnumerable<TestFile> files, bool trackSteps = true) => CreateDriver(files, out _, trackSteps);

    /// <summary>Creates a driver and returns the additional-text instances it holds (to replace them in caching tests).</summary>
    public GeneratorDriver CreateDriver(IEnumerable<TestFile> files, out ImmutableArray<AdditionalText> texts, bool trackSteps = true)
    {
        List<TestFile> list = files.ToList();
        texts = list.Select(f => (AdditionalText)new InMemoryText(Rooted(f.Path), f.Text)).ToImmutableArray();
        return CSharpGeneratorDriver.Create(
            new[] { new DatasetGenerator().AsSourceGenerator() },
            texts,
            ParseOptions,
            new InMemoryOptions(Properties(), list.ToDictionary(f => Rooted(f.Path), f => f.Kind).GetValueOrDefault),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
    }

    public static string Rooted(string path) => path.StartsWith("/", StringComparison.Ordinal) ? path : ProjectDir + path;

    /// <summary>Runs the generator once and compiles its output.</summary>
    public GeneratorResult Run(params TestFile[] files) => Run((IEnumerable<TestFile>)files);

    public GeneratorResult Run(IEnumerable<TestFile> files, string code = "")
    {
        CSharpCompilation compilation = CreateCompilation(code);
        GeneratorDriver driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics, CancellationToken.None);
        return new GeneratorResult(driver, (CSharpCompilation)output, diagnostics);
    }

    /// <summary>The MSBuild properties the generator's props file passes, as this harness sets them.</summary>
    private IReadOnlyDictionary<string, string> Properties()
    {
        var properties = new Dictionary<string, string>
        {
            ["TypedDatasetNamespace"] = Namespace,
            ["ProjectDir"] = ProjectDir,
        };
        if (SourceTextsFound) properties["TypedDatasetSourceTextsFound"] = "true";
        if (FactMembers is not null) properties["TypedDatasetFactMembers"] = FactMembers;
        return properties;
    }
}

public sealed record GeneratorResult(GeneratorDriver Driver, CSharpCompilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorDriverRunResult RunResult => Driver.GetRunResult();

    /// <summary>Generated sources by hint name, in hint-name order.</summary>
    public IReadOnlyList<(string HintName, string Text)> Sources => RunResult.Results
        .SelectMany(r => r.GeneratedSources)
        .Select(s => (s.HintName, s.SourceText.ToString()))
        .OrderBy(s => s.HintName, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// Compiler diagnostics of the generated code (warnings are errors here), with the nullable
    /// analysis on in every file (<see cref="WithNullableWarnings"/>).
    /// </summary>
    public IReadOnlyList<Diagnostic> CompileDiagnostics => WithNullableWarnings(Compilation).GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToList();

    /// <summary>
    /// The compilation with the data files' <c>#nullable disable warnings</c> turned into
    /// <c>#nullable enable warnings</c> (same line, so positions do not move): the build skips the
    /// nullable analysis of the facts' constructor calls, and the tests check that it would find
    /// nothing there.
    /// </summary>
    public static CSharpCompilation WithNullableWarnings(CSharpCompilation compilation)
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SourceText text = tree.GetText();
            foreach (TextLine line in text.Lines.Take(8)) // the header
            {
                if (line.ToString() != Generator.Emitting.DatasetEmitter.NoNullableWarnings) continue;
                SourceText strict = text.WithChanges(new TextChange(line.Span, "#nullable enable warnings"));
                compilation = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(strict));
                break;
            }
        }
        return compilation;
    }

    /// <summary>One line per diagnostic: "TDS207 Error path(3,9)-(3,20): message".</summary>
    public static string Format(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        string where = d.Location == Location.None ? "(no location)"
            : $"{span.Path.Replace(GeneratorHarness.ProjectDir, "")}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
        return $"{d.Id} {d.Severity} {where}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>Loads the compiled dataset into a collectible context, for run-time assertions.</summary>
    public System.Reflection.Assembly Load()
    {
        using var stream = new MemoryStream();
        var emit = Compilation.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException(string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format)));
        }
        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext("dataset-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return context.LoadFromStream(stream);
    }
}
