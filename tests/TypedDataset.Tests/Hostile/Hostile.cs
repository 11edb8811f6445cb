using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests.Hostile;

/// <summary>
/// Shared checks for hostile inputs: the generator must not throw (no CS8784/CS8785 "generator
/// failed" diagnostic, no exception from the driver), every diagnostic must point inside an input
/// file, and whatever it generates must compile without warnings.
/// </summary>
internal static class Hostile
{
    /// <summary>The small schema of <see cref="DiagnosticTests"/>: Items (with a Size value, a Maker reference) and Makers.</summary>
    public const string Schema = DiagnosticTests.Schema;

    public const string GoodMaker = "Makers:\n  - id: acme\n    name: ACME\n";

    /// <summary>Ids that have no location in an input file by design.</summary>
    private static readonly string[] Unlocated = { "TDS101", "TDS901", "TDS902" };

    /// <summary>Decodes bytes the way the compiler gives an additional file to a generator (BOM detection, UTF-8, invalid bytes → U+FFFD).</summary>
    public static string Decode(byte[] bytes) => SourceText.From(bytes, bytes.Length).ToString();

    /// <summary>Runs the generator, asserting it neither throws nor reports a generator failure.</summary>
    public static GeneratorResult Run(IEnumerable<TestFile> files, GeneratorHarness? harness = null)
    {
        harness ??= new GeneratorHarness();
        List<TestFile> list = files.ToList();
        CSharpCompilation compilation = harness.CreateCompilation();
        GeneratorDriver driver;
        Compilation output;
        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            driver = harness.CreateDriver(list, trackSteps: false)
                .RunGeneratorsAndUpdateCompilation(compilation, out output, out diagnostics, CancellationToken.None);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException("The generator driver threw: " + ex);
        }
        var result = new GeneratorResult(driver, (CSharpCompilation)output, diagnostics);
        AssertNoGeneratorFailure(result);
        return result;
    }

    public static GeneratorResult Run(params TestFile[] files) => Run((IEnumerable<TestFile>)files);

    /// <summary>Runs the small schema, a good maker and one data file.</summary>
    public static GeneratorResult RunData(string data, GeneratorHarness? harness = null) =>
        Run(new[] { TestFile.Data("schema.yaml", Schema), TestFile.Data("makers.yaml", GoodMaker), TestFile.Data("data.yaml", data) }, harness);

    public static void AssertNoGeneratorFailure(GeneratorResult result)
    {
        foreach (GeneratorRunResult r in result.RunResult.Results)
        {
            Assert.True(r.Exception is null, "The generator threw: " + r.Exception);
        }
        var failures = result.GeneratorDiagnostics.Where(d => d.Id is "CS8784" or "CS8785" or "AD0001" or "TDS999").ToList();
        Assert.True(failures.Count == 0, "Generator failure:\n" + string.Join("\n", failures.Select(GeneratorResult.Format)));
    }

    /// <summary>Every diagnostic is in an input file, inside its text (or is one of the few file-less ids).</summary>
    public static void AssertLocatedInInputs(GeneratorResult result, IEnumerable<TestFile> files)
    {
        var texts = files.ToDictionary(f => GeneratorHarness.Rooted(f.Path), f => SourceText.From(f.Text));
        foreach (Diagnostic d in result.GeneratorDiagnostics)
        {
            if (Unlocated.Contains(d.Id) && d.Location == Location.None) continue;
            string shown = GeneratorResult.Format(d);
            Assert.True(d.Location.Kind == LocationKind.ExternalFile, "Not located in an input file: " + shown);
            FileLinePositionSpan span = d.Location.GetLineSpan();
            Assert.True(texts.TryGetValue(span.Path, out SourceText? text), "Located in an unknown file: " + shown);
            TextSpan source = d.Location.SourceSpan;
            Assert.True(source.Start >= 0 && source.End <= text!.Length, $"Span {source} outside the file ({text.Length} chars): {shown}");
            // The line/column Roslyn shows must be the line/column of the offset in the text.
            LinePosition expected = text.Lines.GetLinePosition(source.Start);
            Assert.True(expected == span.StartLinePosition,
                $"Start {span.StartLinePosition} is not where offset {source.Start} is ({expected}): {shown}");
            LinePosition expectedEnd = text.Lines.GetLinePosition(source.End);
            Assert.True(expectedEnd == span.EndLinePosition,
                $"End {span.EndLinePosition} is not where offset {source.End} is ({expectedEnd}): {shown}");
        }
    }

    public static void AssertCompiles(GeneratorResult result)
    {
        var errors = result.CompileDiagnostics.Take(10).Select(GeneratorResult.Format).ToList();
        Assert.True(errors.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", errors));
    }

    /// <summary>Characters that must never appear raw in generated C#: bidi controls, zero-width and invisible format characters, line separators.</summary>
    public static readonly char[] ForbiddenInSource =
    {
        '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C',
        '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD',
        '\u2028', '\u2029', '\u0085', '\u000B', '\u000C', '\0', '\r',
    };

    /// <summary>
    /// Asserts the generated text holds no forbidden character and nothing invisible: no control
    /// character but '\n', no format (bidi, zero-width), separator, surrogate, private-use or unassigned character.
    /// </summary>
    public static void AssertCleanSources(GeneratorResult result)
    {
        foreach ((string hint, string text) in result.Sources)
        {
            int bad = text.IndexOfAny(ForbiddenInSource);
            Assert.True(bad < 0, $"{hint} holds U+{(bad < 0 ? 0 : (int)text[bad]):X4} at {bad}: {(bad < 0 ? "" : text.Substring(Math.Max(0, bad - 40), Math.Min(80, text.Length - Math.Max(0, bad - 40))))}");
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n' || (c >= ' ' && c <= '~')) continue;
                System.Globalization.UnicodeCategory category = char.GetUnicodeCategory(c);
                bool invisible = category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                    or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
                    or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse
                    or System.Globalization.UnicodeCategory.OtherNotAssigned;
                Assert.False(invisible, $"{hint} holds U+{(int)c:X4} ({category}) at {i}");
            }
        }
    }

    /// <summary>The emitter's own conditional paths (.NET-only APIs, spans over constant tables) and its nullable-off tables; never data.</summary>
    private static readonly string[] EmitterDirectives = { "#if NETCOREAPP", "#if NET7_0_OR_GREATER", "#else", "#endif", "#nullable disable", "#nullable restore" };

    /// <summary>The first directives of a data file: annotations on, the nullable analysis off.</summary>
    private static readonly string[] DataFileHeader = { "#nullable enable annotations", "#nullable disable warnings" };

    /// <summary>
    /// Parses the generated sources: no declaration or directive came from data (only the emitter's own
    /// types, the single <c>#nullable enable</c> (or, in a data file, <c>#nullable enable annotations</c>
    /// and <c>#nullable disable warnings</c>) and the emitter's fixed <c>#if NETCOREAPP</c> /
    /// <c>#if NET7_0_OR_GREATER</c> paths and nullable-off constant tables), and the docs are
    /// well-formed XML (checked by compiling).
    /// </summary>
    public static void AssertNoInjectedSyntax(GeneratorResult result)
    {
        foreach ((string hint, string text) in result.Sources)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(text).GetRoot();
            var directives = root.DescendantTrivia(descendIntoTrivia: true)
                .Where(t => t.IsDirective).Select(t => t.ToString().Trim()).ToList();
            int header = directives.Take(2).SequenceEqual(DataFileHeader) ? 2 : directives.FirstOrDefault() == "#nullable enable" ? 1 : 0;
            bool ok = header > 0 && directives.Skip(header).All(d => EmitterDirectives.Contains(d));
            Assert.True(ok, $"{hint}: directives {string.Join(", ", directives)}");
            var injected = root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>()
                .Select(t => t.Identifier.Text).Where(n => n is "Injected" or "X").ToList();
            Assert.True(injected.Count == 0, $"{hint}: injected types {string.Join(", ", injected)}");
        }
    }

    /// <summary>"TDS001 3:11" lines (1-based) for the diagnostics located in <paramref name="path"/>.</summary>
    public static IEnumerable<string> Positions(GeneratorResult result, string path) => result.GeneratorDiagnostics
        .Where(d => d.Location.GetLineSpan().Path == GeneratorHarness.Rooted(path))
        .Select(d => (d.Id, Span: d.Location.GetLineSpan().StartLinePosition))
        .OrderBy(d => d.Span.Line).ThenBy(d => d.Span.Character).ThenBy(d => d.Id, StringComparer.Ordinal)
        .Select(d => $"{d.Id} {d.Span.Line + 1}:{d.Span.Character + 1}");

    public static string Describe(GeneratorResult result) =>
        string.Join("\n", result.GeneratorDiagnostics.Select(GeneratorResult.Format));

    /// <summary>The fact members generated in a collection class (its static properties except All), by compilation symbols.</summary>
    public static IReadOnlyList<string> FactMembers(GeneratorResult result, string collection, string ns = "Sample.Facts")
    {
        INamedTypeSymbol? type = result.Compilation.GetTypeByMetadataName(ns + "." + collection);
        if (type is null) return Array.Empty<string>();
        return type.GetMembers().OfType<IPropertySymbol>().Where(p => p.IsStatic && p.DeclaredAccessibility == Accessibility.Public && p.Name != "All")
            .Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    public static object? Get(object target, string property) =>
        target.GetType().GetProperty(property)!.GetValue(target);

    public static object Static(System.Reflection.Assembly assembly, string type, string property) =>
        assembly.GetType(type, throwOnError: true)!.GetProperty(property)!.GetValue(null)!;

    /// <summary>
    /// A YAML double-quoted scalar for <paramref name="value"/>: \uXXXX escapes for everything outside
    /// printable ASCII, except surrogates, which are written raw (YAML has no escape for a lone surrogate).
    /// </summary>
    public static string YamlQuoted(string value)
    {
        var b = new StringBuilder("\"");
        foreach (char c in value)
        {
            if (c == '"') b.Append("\\\"");
            else if (c == '\\') b.Append("\\\\");
            else if (char.IsSurrogate(c)) b.Append(c);
            else if (c < ' ' || c > '~') b.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else b.Append(c);
        }
        return b.Append('"').ToString();
    }
}
