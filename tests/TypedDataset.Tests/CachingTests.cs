using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedDataset.Generator;
using TypedDataset.Testing;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests;

/// <summary>
/// Incrementality: editing one data file re-parses and re-emits only that file; the pipeline
/// models hold no Roslyn symbols, syntax or compilations.
/// </summary>
public class CachingTests
{
    private static readonly GeneratorHarness Harness = new() { SourceTextsFound = true };

    private sealed record Run(GeneratorDriver Driver, CSharpCompilation Compilation, IReadOnlyList<AdditionalText> Texts);

    private static Run FirstRun(GeneratorHarness? harness = null)
    {
        harness ??= Harness;
        CSharpCompilation compilation = harness.CreateCompilation();
        GeneratorDriver driver = harness.CreateDriver(Samples.LibraryWithTexts, out var texts).RunGenerators(compilation);
        return new Run(driver, compilation, texts);
    }

    /// <summary>Replaces one additional text (the very instance the driver holds) and runs again.</summary>
    private static GeneratorRunResult Edit(Run run, string file, Func<string, string> change)
    {
        AdditionalText old = run.Texts.Single(t => t.Path.EndsWith(file, StringComparison.Ordinal));
        var edited = new InMemoryText(old.Path, change(old.GetText()!.ToString()));
        return run.Driver.ReplaceAdditionalText(old, edited).RunGenerators(run.Compilation).GetRunResult().Results.Single();
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void Rerun_without_changes_is_fully_cached()
    {
        Run run = FirstRun();
        GeneratorRunResult second = run.Driver.RunGenerators(run.Compilation).GetRunResult().Results.Single();
        Assert.All(Reasons(second, TrackingNames.Parse), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Editing_one_data_file_reparses_and_reemits_only_that_file()
    {
        GeneratorRunResult result = Edit(FirstRun(), "books.yaml", t => t.Replace("title: Ficciones", "title: Ficciones (1944)"));

        // Parse: one step per data file; only books.yaml ran again.
        var parse = result.TrackedSteps[TrackingNames.Parse].ToList();
        Assert.Equal(3, parse.Count);
        var byFile = parse.Select(s => s.Outputs.Single())
            .ToDictionary(o => System.IO.Path.GetFileName(((TypedDataset.Generator.Model.ParsedFile)o.Value).Path), o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, byFile["schema.yaml"]);
        Assert.Equal(IncrementalStepRunReason.Cached, byFile["authors.yaml"]);
        Assert.Equal(IncrementalStepRunReason.Modified, byFile["books.yaml"]);

        // Typing: one step per file; only books.yaml is typed again (the schema did not change).
        var typed = result.TrackedSteps[TrackingNames.Type].Select(s => s.Outputs.Single())
            .ToDictionary(o => System.IO.Path.GetFileName(((TypedDataset.Generator.Model.TypedFile)o.Value).Path), o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, typed["authors.yaml"]);
        Assert.Equal(IncrementalStepRunReason.Modified, typed["books.yaml"]);
        Assert.All(Reasons(result, TrackingNames.Schema), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));

        // Per-file outputs: authors.yaml is unchanged, books.yaml modified.
        var files = result.TrackedSteps[TrackingNames.FileOutputs].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Modified }, files.Select(o => o.Reason));

        // The core (types, collections, root) does not depend on a title: unchanged.
        Assert.All(Reasons(result, TrackingNames.Core), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.Contains("Ficciones (1944)", result.GeneratedSources.Single(s => s.HintName.StartsWith("Data.books_")).SourceText.ToString());

        // A book's title is its name: only the Books indexes are built (and emitted) again; the
        // other collections' indexes are not even recomputed.
        var lookups = result.TrackedSteps[TrackingNames.LookupOutputs].SelectMany(s => s.Outputs)
            .ToDictionary(o => ((TypedDataset.Generator.Model.LookupResult)o.Value).Spec!.Collection, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, lookups["Authors"]);
        Assert.Equal(IncrementalStepRunReason.Modified, lookups["Books"]);
        Assert.Equal(IncrementalStepRunReason.Cached, lookups["Sources"]);
        Assert.Contains("Ficciones (1944)", result.GeneratedSources.Single(s => s.HintName == "Books.Lookups.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Editing_a_value_that_no_index_holds_builds_no_lookup_again()
    {
        GeneratorRunResult result = Edit(FirstRun(), "books.yaml", t => t.Replace("pages: 183", "pages: 184"));
        // What the indexes are built from (names, references, keys) did not change, so no index is built.
        Assert.All(Reasons(result, TrackingNames.LookupInputs), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(Reasons(result, TrackingNames.LookupOutputs), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Contains(result.TrackedSteps[TrackingNames.FileOutputs].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Editing_a_reference_rebuilds_the_inverse_of_that_collection_only()
    {
        Run run = FirstRun();
        GeneratorRunResult before = run.Driver.GetRunResult().Results.Single();
        GeneratorRunResult result = Edit(run, "books.yaml", t => t.Replace("author: jorge-luis-borges", "author: ursula-le-guin"));
        var lookups = result.TrackedSteps[TrackingNames.LookupOutputs].SelectMany(s => s.Outputs)
            .ToDictionary(o => ((TypedDataset.Generator.Model.LookupResult)o.Value).Spec!.Collection, o => (o.Reason, Spec: ((TypedDataset.Generator.Model.LookupResult)o.Value).Spec!));
        Assert.Equal(IncrementalStepRunReason.Modified, lookups["Books"].Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, lookups["Authors"].Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, lookups["Sources"].Reason);
        // The inverse (author -> books) moved a book from one author to the other.
        string Lookups(GeneratorRunResult r) => r.GeneratedSources.Single(s => s.HintName == "Books.Lookups.g.cs").SourceText.ToString();
        Assert.NotEqual(Lookups(before), Lookups(result));
        Assert.Equal(new[] { 0, 3, 3 }, lookups["Books"].Spec.Inverses.Single(i => i.Field == "Author").Starts);
    }

    [Fact]
    public void Adding_a_fact_changes_the_core_counts_but_not_the_other_files()
    {
        GeneratorRunResult result = Edit(FirstRun(), "books.yaml",
            t => t.Replace("Sources:", "  - id: aleph\n    title: The Aleph\n    author: jorge-luis-borges\n    genre: short stories\n    in_print: true\n\nSources:"));
        var files = result.TrackedSteps[TrackingNames.FileOutputs].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(IncrementalStepRunReason.Unchanged, files[0].Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, files[1].Reason);
        Assert.All(Reasons(result, TrackingNames.Core), r => Assert.Equal(IncrementalStepRunReason.Modified, r));
    }

    [Fact]
    public void With_extension_members_adding_a_fact_leaves_the_other_files_unchanged()
    {
        // Partly filled chunks of facts share classes chosen by a hash of their file (and a count
        // that is a power of two): adding a fact does not move another file's facts.
        var harness = new GeneratorHarness { SourceTextsFound = true, FactMembers = "Extensions", LanguageVersion = LanguageVersion.CSharp14 };
        GeneratorRunResult result = Edit(FirstRun(harness), "books.yaml",
            t => t.Replace("Sources:", "  - id: aleph\n    title: The Aleph\n    author: jorge-luis-borges\n    genre: short stories\n    in_print: true\n\nSources:"));
        var files = result.TrackedSteps[TrackingNames.FileOutputs].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(IncrementalStepRunReason.Unchanged, files[0].Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, files[1].Reason);
        Assert.Contains("partial class Books__Shared0", result.GeneratedSources.Single(s => s.HintName.StartsWith("Data.books_", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pipeline_models_hold_no_roslyn_objects()
    {
        GeneratorRunResult result = FirstRun().Driver.GetRunResult().Results.Single();
        string[] steps = { TrackingNames.Parse, TrackingNames.Schema, TrackingNames.Type, TrackingNames.Validate, TrackingNames.Config, TrackingNames.SourceTexts };
        foreach (string step in steps)
        {
            foreach (object? value in result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value))
            {
                AssertNoRoslynObjects(value, new HashSet<object>(ReferenceEqualityComparer.Instance), step);
            }
        }
    }

    private static void AssertNoRoslynObjects(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        if (!seen.Add(value)) return;
        Type type = value.GetType();
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or AdditionalText or Location,
            $"{path} holds a {type.Name}");
        Assert.False(type.Namespace?.StartsWith("YamlDotNet", StringComparison.Ordinal) == true, $"{path} holds a YamlDotNet {type.Name}");
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items) AssertNoRoslynObjects(item, seen, $"{path}[{i++}]");
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), seen, $"{path}.{field.Name}");
        }
    }
}
