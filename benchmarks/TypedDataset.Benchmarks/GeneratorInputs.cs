using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedDataset.Benchmarks.Synthetic;
using TypedDataset.Generator;
using TypedDataset.Testing;

namespace TypedDataset.Benchmarks;

/// <summary>
/// The generator's inputs as the compiler gives them (<c>tests/Shared</c>, as in the tests' GeneratorHarness):
/// additional texts marked <c>TypedDatasetKind=Data</c>, the namespace as an MSBuild property, and an
/// empty compilation over the shared framework.
/// </summary>
public sealed class GeneratorInputs
{
    public const string ProjectDir = "/project/";
    public const string Namespace = "Synthetic.Generated";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        string runtime = System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(System.IO.Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && string.Equals(System.IO.Path.GetDirectoryName(p), runtime, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    private GeneratorInputs(ImmutableArray<AdditionalText> texts)
    {
        Texts = texts;
        // Every path the benchmark hands over is a data file; an edited file keeps its path.
        var paths = new HashSet<string>(texts.Select(t => t.Path), StringComparer.Ordinal);
        Options = new InMemoryOptions(
            new Dictionary<string, string> { ["TypedDatasetNamespace"] = Namespace, ["ProjectDir"] = ProjectDir },
            path => paths.Contains(path) ? "Data" : null);
        Compilation = CSharpCompilation.Create("Synthetic.Generated", Array.Empty<SyntaxTree>(), s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release));
    }

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Parse);

    public ImmutableArray<AdditionalText> Texts { get; }

    public AnalyzerConfigOptionsProvider Options { get; }

    public CSharpCompilation Compilation { get; }

    public static GeneratorInputs Create(SyntheticDataset data) =>
        new(data.YamlFiles().Select(f => (AdditionalText)new InMemoryText(ProjectDir + f.Path, f.Text)).ToImmutableArray());

    public GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        new[] { new DatasetGenerator().AsSourceGenerator() },
        Texts,
        ParseOptions,
        Options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>Runs the generator once; returns the generated sources and the generator's diagnostics.</summary>
    public (IReadOnlyList<GeneratedSourceResult> Sources, ImmutableArray<Diagnostic> Diagnostics) RunOnce()
    {
        GeneratorRunResult result = CreateDriver().RunGenerators(Compilation).GetRunResult().Results.Single();
        if (result.Exception is not null) throw new InvalidOperationException("The generator threw.", result.Exception);
        return (result.GeneratedSources, result.Diagnostics);
    }
}
