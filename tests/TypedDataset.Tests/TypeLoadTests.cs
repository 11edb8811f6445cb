using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Reflection;
using System.Threading;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests;

/// <summary>
/// Building a fact loads only what that fact needs. A collection class has one property per fact
/// (40,000 at 100,000 facts), and the runtime's type load of such a class costs milliseconds, so a
/// fact that refers to another collection must not load that collection's class until the
/// reference is read. Observed with the runtime's own type-load events (an
/// <see cref="EventListener"/> on the runtime event source, keyword TypeDiagnostic), not by
/// reading the generated text.
/// </summary>
public class TypeLoadTests
{
    private const string Schema = """
        schema:
          root: Atlas
          types:
            Place:
              collection: Places
              key: id
              fields:
                label: string
            Report:
              collection: Reports
              key: id
              fields:
                title: string
                places: Place[]
                first_place: Place?
        """;

    private const string Data = """
        Places:
          - id: mosul
            label: Mosul
          - id: erbil
            label: Erbil
        Reports:
          - id: r1
            title: First report
            places: [mosul, erbil]
            first_place: mosul
        """;

    [Fact]
    public void Building_a_fact_does_not_load_the_collection_class_its_references_point_to()
    {
        // A namespace of its own, so type names in the events cannot come from another test.
        string ns = "TypeLoad" + Guid.NewGuid().ToString("N");
        GeneratorResult result = new GeneratorHarness { Namespace = ns }
            .Run(TestFile.Data("facts/schema.yaml", Schema), TestFile.Data("facts/data.yaml", Data));
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assembly assembly = result.Load();

        using var listener = new TypeLoadListener();
        object report = assembly.GetType(ns + ".Reports")!.GetProperty("R1")!.GetValue(null)!;
        Assert.Equal("First report", report.GetType().GetProperty("Title")!.GetValue(report));
        listener.Flush();
        Assert.Contains(ns + ".Reports", listener.Loaded);
        Assert.DoesNotContain(ns + ".Places", listener.Loaded);

        // Reading the reference loads it (and shows that the listener sees these loads at all).
        var places = (IEnumerable)report.GetType().GetProperty("Places")!.GetValue(report)!;
        object mosul = places.Cast<object>().First();
        Assert.Equal("Mosul", mosul.GetType().GetProperty("Label")!.GetValue(mosul));
        listener.Flush();
        Assert.Contains(ns + ".Places", listener.Loaded);
    }

    [Theory]
    [InlineData("Properties")]
    [InlineData("Extensions")]
    public void The_first_fact_builds_only_itself_and_with_extension_members_loads_one_class_of_256(string layout)
    {
        string ns = "TypeLoad" + Guid.NewGuid().ToString("N");
        string places = "Places:\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"  - id: p{i}\n    label: Place {i}\n"));
        string probe = $$"""
            namespace Probe
            {
                using {{ns}};

                /// <summary>Reads facts as a user would.</summary>
                public static class Reader
                {
                    /// <summary>The 262nd place: with extension members in the file's second chunk (44 facts, in the shared class).</summary>
                    public static object Read() => Places.P261;

                    /// <summary>The 7th place, by key (the first class, its second group).</summary>
                    public static object Get() => Places.Get("p6");
                }
            }
            """;
        GeneratorResult result = new GeneratorHarness { Namespace = ns, FactMembers = layout, LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp14 }
            .Run(new[] { TestFile.Data("facts/schema.yaml", Schema), TestFile.Data("facts/places.yaml", places) }, probe);
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assembly assembly = result.Load();
        string[] memberClasses = MemberClasses(result, ns, "Places");
        // 300 facts: 256 in a class of their own, and 44 in the class that files' partly filled chunks share.
        if (layout == "Extensions")
        {
            Assert.Equal(2, memberClasses.Length);
            Assert.Equal(ns + ".Places__Shared0", memberClasses[0]);
            Assert.Matches(@"\.Places__places_[0-9a-f]{8}_0$", memberClasses[1]);
        }
        else Assert.Empty(memberClasses);

        using var listener = new TypeLoadListener();
        Type reader = assembly.GetType("Probe.Reader")!;
        object place = reader.GetMethod("Read")!.Invoke(null, null)!;
        Assert.Equal("Place 261", place.GetType().GetProperty("Label")!.GetValue(place));
        listener.Flush();
        Assert.Contains(ns + ".Places", listener.Loaded);
        Assert.Equal(memberClasses.Take(1), listener.Loaded.Where(n => n.StartsWith(ns + ".Places__", StringComparison.Ordinal)));
        // Only the fact was built from its chunk's data.
        var items = (object?[])assembly.GetType(ns + ".Places")!.GetField("s_items", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(new[] { 261 }, Built(items));

        // A lookup by key goes through the collection's dispatch to the fact's loader, and builds the fact.
        object byKey = reader.GetMethod("Get")!.Invoke(null, null)!;
        Assert.Equal("Place 6", byKey.GetType().GetProperty("Label")!.GetValue(byKey));
        Assert.Equal(new[] { 6, 261 }, Built(items));
        listener.Flush();
        Assert.Equal(memberClasses, listener.Loaded.Where(n => n.StartsWith(ns + ".Places__", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal));

        static int[] Built(object?[] items) => Enumerable.Range(0, items.Length).Where(i => items[i] is not null).ToArray();
    }

    [Fact]
    public void With_extension_members_small_files_share_classes_and_a_fact_loads_only_its_own()
    {
        // 300 files of 10 places: 3,000 facts in partly filled chunks share 16 classes (a power of
        // two, at most 256 facts each on average), instead of a class per file.
        string ns = "TypeLoad" + Guid.NewGuid().ToString("N");
        var files = new List<TestFile> { TestFile.Data("facts/schema.yaml", Schema) };
        for (int f = 0; f < 300; f++)
        {
            files.Add(TestFile.Data($"facts/places{f:D3}.yaml", "Places:\n" + string.Concat(Enumerable.Range(10 * f, 10).Select(i => $"  - id: p{i}\n    label: Place {i}\n"))));
        }
        string probe = $$"""
            namespace Probe
            {
                using {{ns}};

                /// <summary>Reads facts as a user would.</summary>
                public static class Reader
                {
                    /// <summary>The 4th place of places173.yaml.</summary>
                    public static object Read() => Places.P1733;

                    /// <summary>A place of another file, by key.</summary>
                    public static object Get() => Places.Get("p2345");
                }
            }
            """;
        GeneratorResult result = new GeneratorHarness { Namespace = ns, FactMembers = "Extensions", LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp14 }
            .Run(files, probe);
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assert.Empty(result.CompileDiagnostics.Select(GeneratorResult.Format));
        Assert.Equal(Enumerable.Range(0, 16).Select(b => ns + ".Places__Shared" + b).OrderBy(n => n, StringComparer.Ordinal), MemberClasses(result, ns, "Places"));
        // Every shared class holds facts: the hash spreads the files.
        Assert.All(Enumerable.Range(0, 16), b => Assert.Contains(result.Sources, s => s.HintName.StartsWith("Data.", StringComparison.Ordinal) && s.Text.Contains("partial class Places__Shared" + b + "\n", StringComparison.Ordinal)));

        Assembly assembly = result.Load();
        Type reader = assembly.GetType("Probe.Reader")!;
        using var listener = new TypeLoadListener();
        object place = reader.GetMethod("Read")!.Invoke(null, null)!;
        Assert.Equal("Place 1733", place.GetType().GetProperty("Label")!.GetValue(place));
        listener.Flush();
        Assert.Equal(new[] { ClassOf(result, ns, "P1733") }, listener.Loaded.Where(n => n.StartsWith(ns + ".Places__", StringComparison.Ordinal)));

        // A lookup by key goes through the collection's dispatch tree, whose switches call 16 chunks'
        // loaders each: the JIT loads every class a switch can call, so the tree takes the chunks
        // in the order of their classes, and the lookup loads the fact's class and at most one other
        // (a switch at a boundary between two classes), not up to 16.
        object byKey = reader.GetMethod("Get")!.Invoke(null, null)!;
        Assert.Equal("Place 2345", byKey.GetType().GetProperty("Label")!.GetValue(byKey));
        listener.Flush();
        string[] loaded = listener.Loaded.Where(n => n.StartsWith(ns + ".Places__", StringComparison.Ordinal)).Distinct().ToArray();
        Assert.Contains(ClassOf(result, ns, "P2345"), loaded);
        Assert.InRange(loaded.Length, 1, 3); // with P1733's class, loaded before

        // Every fact of every file is reached by key.
        MethodInfo get = assembly.GetType(ns + ".Places")!.GetMethod("Get")!;
        for (int i = 0; i < 3000; i++)
        {
            object fact = get.Invoke(null, new object[] { "p" + i })!;
            Assert.Equal("Place " + i, fact.GetType().GetProperty("Label")!.GetValue(fact));
        }
    }

    [Fact]
    public void A_first_lookup_loads_its_result_class_and_no_delegate_generic_list_or_table_type()
    {
        // Every type the runtime loads on a first access costs tens of microseconds from a
        // ReadyToRun image: a name lookup's result is the collection's own non-generic list class,
        // its facts are gathered without a delegate, its tables are read with no struct of their
        // own, and facts are read with no reader struct.
        string ns = "TypeLoad" + Guid.NewGuid().ToString("N");
        const string NamedSchema = """
            schema:
              root: Atlas
              types:
                Place:
                  collection: Places
                  key: id
                  name: label
                  aliases: aliases
                  fields:
                    label: string
                    aliases: string[]
                Report:
                  collection: Reports
                  key: id
                  fields:
                    title: string
                    place: { type: Place, inverse: Reports }
            """;
        const string NamedData = """
            Places:
              - id: mosul
                label: Mosul
                aliases: [Al Mawsil]
              - id: erbil
                label: Erbil
            Reports:
              - id: r1
                title: First report
                place: mosul
              - id: r2
                title: Second report
                place: mosul
            """;
        GeneratorResult result = new GeneratorHarness { Namespace = ns }
            .Run(TestFile.Data("facts/schema.yaml", NamedSchema), TestFile.Data("facts/data.yaml", NamedData));
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assembly assembly = result.Load();
        Type placesClass = assembly.GetType(ns + ".Places")!;

        using var listener = new TypeLoadListener();
        var found = (IReadOnlyList<object>)placesClass.GetMethod("FindByName")!.Invoke(null, new object[] { " al mawsil " })!;
        Assert.Equal("Mosul", found.Single().GetType().GetProperty("Label")!.GetValue(found[0]));
        object mosul = placesClass.GetMethod("Get")!.Invoke(null, new object[] { "mosul" })!;
        var reports = (IReadOnlyList<object>)mosul.GetType().GetProperty("Reports")!.GetValue(mosul)!;
        Assert.Equal(new object[] { "First report", "Second report" }, reports.Select(r => r.GetType().GetProperty("Title")!.GetValue(r)));
        listener.Flush();

        string[] loaded = listener.Loaded.Where(n => n.Contains(ns, StringComparison.Ordinal)).ToArray();
        Assert.Contains(ns + ".Places+__Found", loaded);
        Assert.Contains(ns + ".Reports+__Found", loaded);
        Assert.DoesNotContain(loaded, n => n.StartsWith("System.Func`", StringComparison.Ordinal));
        Assert.DoesNotContain(loaded, n => n.StartsWith("System.Collections.ObjectModel.ReadOnlyCollection`", StringComparison.Ordinal));
        Assert.DoesNotContain(loaded, n => n.Contains("TypedDatasetRuntime+", StringComparison.Ordinal));
        // The result is read-only: no cast reaches its array or a mutable list interface.
        Assert.IsNotAssignableFrom<Array>(found);
        Assert.IsNotAssignableFrom<IList>(found);
        Assert.DoesNotContain(found.GetType().GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>));
    }

    /// <summary>The shared class whose partial declaration holds this fact member, from the generated text.</summary>
    private static string ClassOf(GeneratorResult result, string ns, string member)
    {
        string file = result.Sources.Single(s => s.Text.Contains("public static global::" + ns + ".Place " + member + " =>", StringComparison.Ordinal)).Text;
        return ns + "." + System.Text.RegularExpressions.Regex.Match(file, @"public static partial class (Places__Shared\d+)").Groups[1].Value;
    }

    /// <summary>The classes of a collection's extension members, from the generated text (reflecting over the assembly's types would load them all).</summary>
    private static string[] MemberClasses(GeneratorResult result, string ns, string collection) => result.Sources
        .SelectMany(s => System.Text.RegularExpressions.Regex.Matches(s.Text, $@"public static (?:partial )?class ({collection}__\w+)"))
        .Select(m => ns + "." + m.Groups[1].Value).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>Collects the names of the types the runtime loads while it is enabled.</summary>
    private sealed class TypeLoadListener : EventListener
    {
        private const EventKeywords TypeDiagnostic = (EventKeywords)0x8000000000;
        private readonly ConcurrentQueue<string> _loaded = new();
        // Per process: a marker type loads once, so every flush of every listener needs a new one.
        private static int s_flushes;

        public IReadOnlyCollection<string> Loaded => _loaded.ToArray();

        /// <summary>
        /// Events arrive on a dispatcher thread, later: loads a type never loaded before (a new
        /// generic instantiation) and waits until its event arrives, so every earlier load has too.
        /// </summary>
        public void Flush()
        {
            int depth = Interlocked.Increment(ref s_flushes);
            Type marker = typeof(FlushMarker<object>);
            for (int i = 1; i < depth; i++) marker = typeof(FlushMarker<>).MakeGenericType(marker);
            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(marker.TypeHandle);
            // The runtime names it "…FlushMarker`1<…FlushMarker`1<System.Object>>": one '<' per level.
            bool Arrived() => _loaded.Any(n => n.Contains("FlushMarker", StringComparison.Ordinal) && n.Count(c => c == '<') == depth);
            for (int i = 0; i < 300 && !Arrived(); i++) Thread.Sleep(50);
            Assert.True(Arrived(), "the runtime's type-load events did not arrive within 15 s");
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, TypeDiagnostic);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName == "TypeLoadStop" && e.PayloadNames is { } names && names.IndexOf("TypeName") is int i and >= 0
                && e.Payload?[i] is string name)
            {
                _loaded.Enqueue(name);
            }
        }
    }

    private sealed class FlushMarker<T>
    {
    }
}
