using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests;

/// <summary>The generated code for the sample dataset: snapshots, warning-free compilation, run-time behaviour.</summary>
public class GeneratedCodeTests
{
    private static GeneratorResult RunSample() => new GeneratorHarness { SourceTextsFound = true }.Run(Samples.LibraryWithTexts);

    [Fact]
    public void Sample_generates_expected_sources()
    {
        Snapshot.Verify(RunSample());
    }

    [Fact]
    public void Sample_reports_no_diagnostics_and_compiles_without_warnings()
    {
        GeneratorResult result = RunSample();
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assert.Empty(result.CompileDiagnostics.Select(GeneratorResult.Format));
    }

    [Fact]
    public void Data_files_skip_the_nullable_analysis_and_the_tests_turn_it_back_on()
    {
        GeneratorResult result = RunSample();
        var dataFiles = result.Sources.Where(s => s.HintName.StartsWith("Data.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(dataFiles);
        Assert.All(dataFiles, s => Assert.Contains("\n#nullable enable annotations\n#nullable disable warnings\n", s.Text, StringComparison.Ordinal));
        Assert.All(result.Sources.Except(dataFiles), s => Assert.Contains("\n#nullable enable\n", s.Text, StringComparison.Ordinal));

        // A nullable mistake in a data file: the build would not see it, the tests' compilation does.
        SyntaxTree tree = result.Compilation.SyntaxTrees.First(t => t.FilePath.EndsWith(dataFiles[0].HintName, StringComparison.Ordinal));
        string text = tree.GetText().ToString();
        string broken = text + "\nnamespace Probe { internal static class Nulls { internal static string Text() => null; } }\n";
        var compilation = result.Compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(broken)));
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Id == "CS8603");
        Assert.Contains(GeneratorResult.WithNullableWarnings(compilation).GetDiagnostics(), d => d.Id == "CS8603");
    }

    [Fact]
    public void Facts_are_typed_and_hold_the_yaml_values()
    {
        Assembly assembly = RunSample().Load();
        object earthsea = Static(assembly, "Sample.Facts.Books", "Earthsea");
        Assert.Equal("A Wizard of Earthsea", Get(earthsea, "Title"));
        Assert.Equal(183, Get(earthsea, "Pages"));
        Assert.Equal(true, Get(earthsea, "InPrint"));
        Assert.Equal("Novel", Get(earthsea, "Genre")!.ToString());
        object price = Get(earthsea, "Price")!;
        Assert.Equal(9.99m, Get(price, "Amount"));
        Assert.Equal(new[] { "fantasy", "coming of age" }, ((IEnumerable<string>)Get(earthsea, "Tags")!).ToArray());

        object author = Get(earthsea, "Author")!;
        Assert.Equal("ursula-le-guin", Get(author, "Id"));
        Assert.Equal("1929-10-21", Get(author, "Born")!.ToString());
        object borges = Static(assembly, "Sample.Facts.Authors", "JorgeLuisBorges");
        Assert.Equal("1899-08", Get(borges, "Born")!.ToString());
        Assert.Equal("Month", Get(Get(borges, "Born")!, "Precision")!.ToString());
    }

    [Fact]
    public void References_cycles_and_inverse_navigation_resolve()
    {
        Assembly assembly = RunSample().Load();
        object leGuin = Static(assembly, "Sample.Facts.Authors", "UrsulaLeGuin");
        object favorite = Get(leGuin, "FavoriteBook")!;
        Assert.Same(Static(assembly, "Sample.Facts.Books", "Earthsea"), favorite);
        Assert.Same(leGuin, Get(favorite, "Author")); // a cycle: author → book → author

        var books = ((IEnumerable)Get(leGuin, "Books")!).Cast<object>().Select(b => Get(b, "Id")).ToArray();
        Assert.Equal(new object?[] { "earthsea", "dispossessed" }, books);
        var admirers = ((IEnumerable)Get(favorite, "Admirers")!).Cast<object>().ToArray();
        Assert.Single(admirers);
        var related = ((IEnumerable)Get(favorite, "Related")!).Cast<object>().Select(b => Get(b, "Title")).ToArray();
        Assert.Equal(new object?[] { "The Dispossessed" }, related);
        Assert.Contains("Id = ursula-le-guin", leGuin.ToString()); // printing does not follow the cycle
    }

    [Fact]
    public void Collections_offer_all_get_tryget_and_case_insensitive_name_lookup()
    {
        Assembly assembly = RunSample().Load();
        Type books = assembly.GetType("Sample.Facts.Books")!;
        var all = ((IEnumerable)books.GetProperty("All")!.GetValue(null)!).Cast<object>().Select(b => Get(b, "Id")).ToArray();
        Assert.Equal(new object?[] { "earthsea", "dispossessed", "ficciones" }, all); // file order
        Assert.Equal(3, books.GetField("Count")!.GetValue(null));
        Assert.Equal("Ficciones", Get(books.GetMethod("Get")!.Invoke(null, new object[] { "ficciones" })!, "Title"));
        var missing = Assert.Throws<TargetInvocationException>(() => books.GetMethod("Get")!.Invoke(null, new object[] { "nope" }));
        Assert.IsType<KeyNotFoundException>(missing.InnerException);
        var nullKey = Assert.Throws<TargetInvocationException>(() => books.GetMethod("Get")!.Invoke(null, new object?[] { null }));
        Assert.IsType<KeyNotFoundException>(nullKey.InnerException);

        Type authors = assembly.GetType("Sample.Facts.Authors")!;
        MethodInfo find = authors.GetMethod("FindByName")!;
        Assert.Single((IEnumerable<object>)find.Invoke(null, new object[] { "  le guin " })!);
        Assert.Single((IEnumerable<object>)find.Invoke(null, new object[] { "JORGE LUIS BORGES" })!);
        Assert.Empty((IEnumerable<object>)find.Invoke(null, new object[] { "Tolkien" })!);

        Type root = assembly.GetType("Sample.Facts.Library")!;
        Assert.Equal(new[] { "Authors", "Books", "Sources" }, (IEnumerable<string>)root.GetProperty("CollectionNames")!.GetValue(null)!);
    }

    [Fact]
    public void Records_are_immutable_and_lists_are_read_only()
    {
        Assembly assembly = RunSample().Load();
        Type book = assembly.GetType("Sample.Facts.Book")!;
        Assert.True(book.IsSealed);
        Assert.All(book.GetProperties(), p => Assert.Null(p.SetMethod));
        // Every field is readonly but the private caches of the read-only lists, made on first read.
        FieldInfo[] fields = book.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        FieldInfo[] caches = fields.Where(f => !f.IsInitOnly).ToArray();
        Assert.Equal(new[] { "_citedInList", "_relatedList", "_tagsList" }, caches.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(caches, f => Assert.True(f.IsPrivate && f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>), f.Name));
        object earthsea = Static(assembly, "Sample.Facts.Books", "Earthsea");
        object tags = Get(earthsea, "Tags")!;
        Assert.IsNotType<string[]>(tags);
        Assert.True(((IList<string>)tags).IsReadOnly);
        Assert.Equal(new[] { "fantasy", "coming of age" }, (IEnumerable<string>)tags);

        // A list is made once: every read, from any thread, returns the same instance.
        object fresh = Static(assembly, "Sample.Facts.Books", "Dispossessed");
        var seen = new System.Collections.Concurrent.ConcurrentBag<object>();
        using var start = new System.Threading.Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(_ => new System.Threading.Thread(() =>
        {
            start.SignalAndWait();
            seen.Add(Get(fresh, "Related")!);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Single(seen.Distinct(ReferenceEqualityComparer.Instance));
        Assert.Same(tags, Get(earthsea, "Tags"));
        Assert.Empty(book.GetConstructors()); // no public constructor: facts come from the dataset only
    }

    [Fact]
    public void A_lookups_list_is_built_once_whatever_the_threads_and_cannot_be_changed()
    {
        Assembly assembly = RunSample().Load();
        MethodInfo find = assembly.GetType("Sample.Facts.Authors")!.GetMethod("FindByName")!;
        object leGuin = Static(assembly, "Sample.Facts.Authors", "UrsulaLeGuin");
        // First calls race: a name lookup of one entry (in a different case and spacing on each
        // thread) and an inverse navigation.
        string[] spellings = { "Le Guin", "le guin", " LE GUIN ", "le Guin", "LE guin", "Le GUIN", "lE gUIN", "\tle guin" };
        var names = new System.Collections.Concurrent.ConcurrentBag<object>();
        var books = new System.Collections.Concurrent.ConcurrentBag<object>();
        using var start = new System.Threading.Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(i => new System.Threading.Thread(() =>
        {
            start.SignalAndWait();
            names.Add(find.Invoke(null, new object[] { spellings[i] })!);
            books.Add(Get(leGuin, "Books")!);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        object found = Assert.Single(names.Distinct(ReferenceEqualityComparer.Instance));
        object written = Assert.Single(books.Distinct(ReferenceEqualityComparer.Instance));
        Assert.Same(leGuin, Assert.Single((IReadOnlyList<object>)found));
        Assert.Equal(new[] { "earthsea", "dispossessed" }, ((IReadOnlyList<object>)written).Select(b => (string)Get(b, "Id")!));
        // Read-only: neither an array nor a list type that a cast could change.
        Assert.All(new[] { found, written }, list =>
        {
            Assert.IsNotAssignableFrom<Array>(list);
            Assert.IsNotAssignableFrom<System.Collections.IList>(list);
            Assert.DoesNotContain(list.GetType().GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>));
        });
    }

    [Fact]
    public void The_oldest_supported_CSharp_compiles_and_reads_the_facts()
    {
        // C# 9 (TDS901 asks for it): the facts' reader and the readers of the types use nothing newer.
        GeneratorResult result = new GeneratorHarness { SourceTextsFound = true, LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9 }
            .Run(Samples.LibraryWithTexts);
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assert.Empty(result.CompileDiagnostics.Select(GeneratorResult.Format));
        Assembly assembly = result.Load();
        object earthsea = assembly.GetType("Sample.Facts.Books")!.GetProperty("Earthsea")!.GetValue(null)!;
        Assert.Equal("A Wizard of Earthsea", Get(earthsea, "Title"));
        Assert.Equal(9.99m, Get(Get(earthsea, "Price")!, "Amount"));
        Assert.Equal(new[] { "fantasy", "coming of age" }, ((IEnumerable<string>)Get(earthsea, "Tags")!).ToArray());
        Assert.Equal("\u201CA Wizard of Earthsea\u201D (1968)", Get(((IReadOnlyList<object>)Get(earthsea, "CitedIn")!)[0], "Quote"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Lookups_work_in_a_project_that_checks_arithmetic_overflow(bool utf8Tables)
    {
        // The hashes and packed tables truncate and wrap on purpose: the generated code says so
        // (unchecked), so <CheckForOverflowUnderflow> in the dataset project changes nothing.
        GeneratorResult result = new GeneratorHarness
        {
            SourceTextsFound = true,
            OverflowChecks = true,
            LanguageVersion = utf8Tables ? Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest : Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10,
        }.Run(Samples.LibraryWithTexts);
        Assert.Empty(result.CompileDiagnostics.Select(GeneratorResult.Format));
        Assert.Equal(utf8Tables, result.Sources.Any(s => s.Text.Contains("u8;", StringComparison.Ordinal)));
        Assembly assembly = result.Load();
        Type books = assembly.GetType("Sample.Facts.Books")!;
        foreach (string key in new[] { "earthsea", "dispossessed", "ficciones" })
        {
            Assert.Equal(key, Get(books.GetMethod("Get")!.Invoke(null, new object[] { key })!, "Id"));
        }
        foreach (string miss in new[] { "", "e", "earthse", "earthseaa", "EARTHSEA", "ficcionez" })
        {
            Assert.False((bool)books.GetMethod("TryGet")!.Invoke(null, new object?[] { miss, null })!, miss);
        }
        Type authors = assembly.GetType("Sample.Facts.Authors")!;
        var found = (IReadOnlyList<object>)authors.GetMethod("FindByName")!.Invoke(null, new object[] { " ursula k. le guin " })!;
        Assert.Equal("ursula-le-guin", Get(found[0], "Id"));
        Assert.Empty((IReadOnlyList<object>)authors.GetMethod("FindByName")!.Invoke(null, new object[] { "nobody" })!);
        var all = (IReadOnlyList<object>)books.GetProperty("All")!.GetValue(null)!;
        Assert.Throws<ArgumentOutOfRangeException>(() => all[-1]);
    }

    [Fact]
    public void Output_is_identical_whatever_the_order_of_the_files()
    {
        var harness = new GeneratorHarness { SourceTextsFound = true };
        var forward = harness.Run(Samples.LibraryWithTexts).Sources;
        var backward = harness.Run(Samples.LibraryWithTexts.Reverse().ToArray()).Sources;
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Concurrent_first_access_builds_each_fact_exactly_once()
    {
        Assembly assembly = RunSample().Load();
        Type books = assembly.GetType("Sample.Facts.Books")!;
        PropertyInfo all = books.GetProperty("All")!;
        var seen = new System.Collections.Concurrent.ConcurrentBag<object>();
        using var start = new System.Threading.Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(_ => new System.Threading.Thread(() =>
        {
            start.SignalAndWait();
            foreach (object book in (IEnumerable)all.GetValue(null)!) seen.Add(book);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(24, seen.Count);
        Assert.Equal(3, seen.Distinct(ReferenceEqualityComparer.Instance).Count()); // one instance per fact
    }

    [Fact]
    public void Lookup_by_key_allocates_nothing()
    {
        // The probe is compiled together with the generated code, so it calls TryGet directly.
        const string probe = """
            /// <summary>Test probe.</summary>
            public static class Probe
            {
                /// <summary>Bytes allocated by 2,000 lookups.</summary>
                public static long AllocatedByLookups()
                {
                    Sample.Facts.Books.TryGet("ficciones", out _); // warm up: builds the facts, JIT-compiles
                    Sample.Facts.Books.TryGet("nope", out _);
                    long before = System.GC.GetAllocatedBytesForCurrentThread();
                    int found = 0;
                    for (int i = 0; i < 1000; i++)
                    {
                        if (Sample.Facts.Books.TryGet("ficciones", out var book) && book.Title.Length > 0) found++;
                        if (Sample.Facts.Books.TryGet("nope", out _)) found--;
                    }
                    long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
                    return found == 1000 ? allocated : -1;
                }
            }
            """;
        GeneratorResult result = new GeneratorHarness { SourceTextsFound = true }.Run(Samples.LibraryWithTexts, probe);
        Assembly assembly = result.Load();
        long allocated = (long)assembly.GetType("Probe")!.GetMethod("AllocatedByLookups")!.Invoke(null, null)!;
        Assert.Equal(0, allocated);
    }

    internal static object Static(Assembly assembly, string type, string member) =>
        assembly.GetType(type)!.GetProperty(member, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    internal static object? Get(object instance, string property) => instance.GetType().GetProperty(property)!.GetValue(instance);
}
