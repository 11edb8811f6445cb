using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TypedDataset.Benchmarks.Synthetic;
using TypedDataset.Generator;

namespace TypedDataset.Benchmarks;

/// <summary>
/// The generator's inputs as the compiler gives them (same approach as the tests' GeneratorHarness):
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
        Options = new OptionsProvider(texts.Select(t => t.Path));
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

    public sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly DictionaryOptions DataFile = new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.TypedDatasetKind"] = "Data" });

        private readonly HashSet<string> _paths;

        public OptionsProvider(IEnumerable<string> paths)
        {
            _paths = new HashSet<string>(paths, StringComparer.Ordinal);
            GlobalOptions = new DictionaryOptions(new Dictionary<string, string>
            {
                ["build_property.TypedDatasetNamespace"] = Namespace,
                ["build_property.ProjectDir"] = ProjectDir,
            });
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        // Every path the benchmark hands over is a data file; an edited file keeps its path.
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            _paths.Contains(textFile.Path) ? DataFile : DictionaryOptions.Empty;
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> _values;

        public DictionaryOptions(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
