using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests;

/// <summary>
/// <c>TypedDatasetFactMembers=Extensions</c>: the facts as C# 14 static extension members of the
/// collection, in classes of 256, so the collection class has no member per fact. Users write the
/// same <c>Books.Earthsea</c>; these tests compile such code against the output.
/// </summary>
public class FactMemberLayoutTests
{
    /// <summary>Code written by a user of the dataset, in another namespace that imports the dataset's.</summary>
    private const string Consumer = """
        namespace Reader
        {
            using Sample.Facts;

            /// <summary>Reads facts through their named members.</summary>
            public static class Probe
            {
                /// <summary>A fact's title.</summary>
                public static string Earthsea => Books.Earthsea.Title;

                /// <summary>A fact of another file and collection.</summary>
                public static string Borges => Authors.JorgeLuisBorges.Name;

                /// <summary>The fact object.</summary>
                public static object Ficciones => Books.Ficciones;
            }
        }
        """;

    private static GeneratorResult Run(string? factMembers, LanguageVersion language = LanguageVersion.CSharp14, string code = Consumer) =>
        new GeneratorHarness { SourceTextsFound = true, FactMembers = factMembers, LanguageVersion = language }.Run(Samples.LibraryWithTexts, code);

    [Fact]
    public void Extension_members_generate_expected_sources()
    {
        GeneratorResult result = Run("Extensions", code: "");
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        // Only the data files and the collection classes (their dispatch) depend on the layout; one collection class shown.
        var changed = result.Sources
            .Where(s => s.HintName.StartsWith("Data.", StringComparison.Ordinal) || s.HintName == "Books.g.cs")
            .ToDictionary(s => $"{nameof(FactMemberLayoutTests)}.{nameof(Extension_members_generate_expected_sources)}#{s.HintName.Replace(".g.cs", ".g")}.verified.cs", s => s.Text);
        Assert.Equal(3, changed.Count);
        Snapshot.VerifyFiles($"{nameof(FactMemberLayoutTests)}.{nameof(Extension_members_generate_expected_sources)}", changed);
    }

    [Fact]
    public void Extension_members_read_as_the_properties_do_and_compile_without_warnings()
    {
        GeneratorResult result = Run("Extensions");
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assert.Empty(result.CompileDiagnostics.Select(GeneratorResult.Format));
        Type probe = result.Load().GetType("Reader.Probe")!;
        Assert.Equal("A Wizard of Earthsea", probe.GetProperty("Earthsea")!.GetValue(null));
        Assert.Equal("Jorge Luis Borges", probe.GetProperty("Borges")!.GetValue(null));

        // The same fact through Get: one instance, whichever way it is reached.
        object ficciones = probe.GetProperty("Ficciones")!.GetValue(null)!;
        Type books = ficciones.GetType().Assembly.GetType("Sample.Facts.Books")!;
        Assert.Same(ficciones, books.GetMethod("Get")!.Invoke(null, new object[] { "ficciones" }));
    }

    [Fact]
    public void With_extension_members_the_collection_class_has_no_member_per_fact()
    {
        Assembly extensions = Run("Extensions").Load();
        Assembly properties = Run(null).Load();
        static string[] Members(Assembly assembly) => assembly.GetType("Sample.Facts.Books")!
            .GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Select(m => m.Name).ToArray();

        Assert.Contains("Earthsea", Members(properties));
        Assert.DoesNotContain("Earthsea", Members(extensions));
        Assert.DoesNotContain("get_Earthsea", Members(extensions));
        Assert.DoesNotContain(Members(extensions), m => m.StartsWith("Load_", StringComparison.Ordinal));
        // The getter lives in a class of extension members, with its chunk's loader: books.yaml has
        // fewer than 256 books, so its chunk is in a class shared with other files' chunks.
        Type chunk = extensions.GetType("Sample.Facts.Books__Shared0")!;
        Assert.NotNull(chunk.GetMethod("get_Earthsea", BindingFlags.Public | BindingFlags.Static));
        Assert.NotNull(chunk.GetMethod("Load_books_9acff81a_0", BindingFlags.NonPublic | BindingFlags.Static));
    }

    [Theory]
    [InlineData(new int[0], 0)]
    [InlineData(new[] { 256, 512 }, 0)] // only full chunks: each has a class of its own
    [InlineData(new[] { 10 }, 1)]
    [InlineData(new[] { 300, 20 }, 1)] // 44 + 20 facts in partly filled chunks
    [InlineData(new[] { 200, 200 }, 2)]
    [InlineData(new[] { 200, 200, 200 }, 4)] // 600 facts: 3 classes' worth, rounded up to a power of two
    public void Partly_filled_chunks_share_a_power_of_two_of_classes(int[] factsPerFile, int expected) =>
        Assert.Equal(expected, TypedDataset.Generator.Emitting.DatasetEmitter.SharedClassCount(factsPerFile));

    [Fact]
    public void The_shared_class_count_at_the_benchmarks_100000_facts()
    {
        // The benchmark's shape: files of 100 facts over 5 collections, 40,000 events in 1,000 files
        // of 40: 157 classes' worth, 256 classes (about 156 facts each) instead of 1,000.
        Assert.Equal(256, TypedDataset.Generator.Emitting.DatasetEmitter.SharedClassCount(Enumerable.Repeat(40, 1000)));
    }

    [Theory]
    [InlineData("Properties")]
    [InlineData("properties")]
    [InlineData("")]
    [InlineData(null)]
    public void Properties_is_the_default_layout(string? value)
    {
        GeneratorResult result = Run(value, code: "");
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assert.Contains(result.Sources, s => s.Text.Contains("public static global::Sample.Facts.Book Earthsea => __Item(", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Sources, s => s.Text.Contains("extension(", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_layout_is_reported_at_the_schema_and_the_facts_stay_properties()
    {
        GeneratorResult result = Run("Extentions");
        Microsoft.CodeAnalysis.Diagnostic warning = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("TDS903", warning.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, warning.DefaultSeverity);
        Assert.Equal("/project/facts/schema.yaml", warning.Location.GetLineSpan().Path);
        Assert.Equal("TypedDatasetFactMembers is 'Extentions'; use Properties (the default) or Extensions. The facts are emitted as properties",
            warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.CompileDiagnostics.Select(GeneratorResult.Format));
        Assert.Equal("A Wizard of Earthsea", result.Load().GetType("Reader.Probe")!.GetProperty("Earthsea")!.GetValue(null));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp13)]
    [InlineData(LanguageVersion.CSharp11)]
    public void Extension_members_before_CSharp_14_are_reported_and_the_facts_stay_properties(LanguageVersion language)
    {
        GeneratorResult result = Run("Extensions", language);
        Microsoft.CodeAnalysis.Diagnostic warning = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("TDS904", warning.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, warning.DefaultSeverity);
        Assert.Equal("/project/facts/schema.yaml", warning.Location.GetLineSpan().Path);
        Assert.Contains("set <LangVersion>14</LangVersion>", warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.CompileDiagnostics.Select(GeneratorResult.Format));
        Assert.Equal("A Wizard of Earthsea", result.Load().GetType("Reader.Probe")!.GetProperty("Earthsea")!.GetValue(null));
    }

    /// <summary>A schema of one collection, and a data file of <paramref name="count"/> facts.</summary>
    private static TestFile[] Places(int count)
    {
        var data = new System.Text.StringBuilder("Places:\n");
        for (int i = 0; i < count; i++) data.Append("  - {id: p").Append(i).Append(", label: L}\n");
        return new[]
        {
            TestFile.Data("facts/schema.yaml", "schema:\n  root: Atlas\n  types:\n    Place:\n      collection: Places\n      key: id\n      fields:\n        label: string\n"),
            TestFile.Data("facts/places.yaml", data.ToString()),
        };
    }

    [Theory]
    [InlineData(null, 10_000, "10,000", "4")]
    [InlineData("Properties", 12_500, "12,500", "5")]
    public void A_collection_of_ten_thousand_facts_or_more_as_properties_is_reported_at_its_type(string? factMembers, int count, string shown, string milliseconds)
    {
        GeneratorResult result = new GeneratorHarness { FactMembers = factMembers }.Run(Places(count));
        Microsoft.CodeAnalysis.Diagnostic info = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("TDS905", info.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, info.DefaultSeverity);
        Microsoft.CodeAnalysis.FileLinePositionSpan at = info.Location.GetLineSpan();
        Assert.Equal("/project/facts/schema.yaml", at.Path);
        Assert.Equal((3, 4), (at.StartLinePosition.Line, at.StartLinePosition.Character));
        Assert.Equal($"Places has {shown} facts, each a property of the class Places: the first access to any of them makes the runtime load a class with {shown} members (about 0.4 µs each, so {milliseconds} ms). Set <TypedDatasetFactMembers>Extensions</TypedDatasetFactMembers> (C# 14) to put the facts in classes of a few hundred",
            info.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        // Only a hint: every fact is still generated.
        Assert.Contains(result.Sources, s => s.Text.Contains($"public static global::Sample.Facts.Place P{count - 1} =>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, 9_999, LanguageVersion.CSharp14)]
    [InlineData("Extensions", 10_000, LanguageVersion.CSharp14)]
    [InlineData("Extensions", 10_000, LanguageVersion.CSharp13)]
    public void Smaller_collections_and_extension_members_are_not_reported(string? factMembers, int count, LanguageVersion language)
    {
        GeneratorResult result = new GeneratorHarness { FactMembers = factMembers, LanguageVersion = language }.Run(Places(count));
        // Extensions before C# 14 is TDS904, which already says why the facts are properties.
        Assert.Equal(language < LanguageVersion.CSharp14 ? new[] { "TDS904" } : Array.Empty<string>(), result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.NotEmpty(result.Sources);
    }
}
