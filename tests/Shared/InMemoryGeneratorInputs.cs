using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// Compiled into the generator tests and the benchmarks (linked from both project files), so that
// both hand the generator its inputs the way the compiler does, from memory.
namespace TypedDataset.Testing;

/// <summary>An additional text held in memory, as the compiler hands a <c>TypedDatasetFile</c> to the generator.</summary>
internal sealed class InMemoryText : AdditionalText
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

/// <summary>
/// MSBuild properties (<c>build_property.*</c>, from the generator's props file) and each additional
/// text's <c>TypedDatasetKind</c> metadata, as the compiler passes them to a generator.
/// </summary>
internal sealed class InMemoryOptions : AnalyzerConfigOptionsProvider
{
    private readonly Func<string, string?> _kindOf;

    /// <param name="properties">MSBuild properties by name, without the <c>build_property.</c> prefix.</param>
    /// <param name="kindOf">The <c>TypedDatasetKind</c> of the additional text at a path, or null for none.</param>
    public InMemoryOptions(IReadOnlyDictionary<string, string> properties, Func<string, string?> kindOf)
    {
        var global = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> property in properties) global["build_property." + property.Key] = property.Value;
        GlobalOptions = new Values(global);
        _kindOf = kindOf;
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _kindOf(textFile.Path) is { } kind
        ? new Values(new Dictionary<string, string>(StringComparer.Ordinal) { ["build_metadata.AdditionalFiles.TypedDatasetKind"] = kind })
        : Values.Empty;

    private sealed class Values : AnalyzerConfigOptions
    {
        public static readonly Values Empty = new(new Dictionary<string, string>(StringComparer.Ordinal));

        private readonly Dictionary<string, string> _values;

        public Values(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
