using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using TypedDataset.Benchmarks.Synthetic;
using TypedDataset.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedDataset.Tests;

/// <summary>
/// A large input stays correct: 10,000 synthetic facts over 100 files (the dataset the benchmarks
/// use, see docs/benchmarks.md) generate without diagnostics, compile warning-free, and load with the
/// right facts, references across files, inverse navigation and lookups (compiled as for .NET 7+,
/// the span-table paths most users run; KeyTableTests covers both). Not a timing test (most of
/// its ~15 s is the compiler's own warm-up and one compilation of the 25 MB of generated C#).
/// </summary>
public class LargeDatasetTests
{
    private const int Facts = 10_000;
    private const string Ns = "Synthetic.Facts";

    private readonly ITestOutputHelper _output;

    public LargeDatasetTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("Properties")]
    [InlineData("Extensions")]
    public void Ten_thousand_facts_generate_compile_and_load_correctly(string factMembers)
    {
        var stopwatch = Stopwatch.StartNew();
        SyntheticDataset data = SyntheticDataset.Create(Facts);
        SynthEvent[] probes = { data.Events[0], data.Events[data.Events.Count / 2 + 7], data.Events[^1] };
        // The named members as a user writes them (with extension members, reflection finds no property).
        string named = $$"""
            namespace Probe
            {
                using {{Ns}};

                /// <summary>Named facts.</summary>
                public static class Named
                {
                    /// <summary>The probe events by their members.</summary>
                    public static object[] Probes() => new object[] { {{string.Join(", ", probes.Select(e => "Events." + SyntheticDataset.MemberName(e.Key)))}} };
                }
            }
            """;
        GeneratorResult result = new GeneratorHarness { Namespace = Ns, PreprocessorSymbols = new[] { "NETCOREAPP", "NET7_0_OR_GREATER" }, FactMembers = factMembers }
            .Run(data.YamlFiles().Select(f => TestFile.Data(f.Path, f.Text)).ToList(), named);
        Assert.Equal(100, data.Files.Count);
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        // One source per data file, plus the core (support, types, five collections, root) and the
        // lookups of the five collections.
        Assert.Equal(data.Files.Count + 8 + 5, result.Sources.Count);

        // Metadata's user-string heap holds at most 16 MB of string literals (CS8103), which the
        // generator accounts for (TDS211) as the facts' data: the emitted code must not add long
        // literals of its own (such as tables of concatenated keys or names). Every long literal is
        // a chunk of facts' data: the local `data` of a loader, which reads it from
        // TypedDatasetReaders.Start(data, …) on.
        var longLiterals = result.Sources
            .SelectMany(s => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(s.Text).GetRoot().DescendantTokens())
            .Where(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralToken) && t.ValueText.Length > 80)
            .Select(t => t.Parent?.Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Identifier.Text: "data" } local
                && local.Ancestors().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First().Body!.ToString().Contains("TypedDatasetReaders.Start(data, ", System.StringComparison.Ordinal)
                ? "chunk" : t.ValueText.Substring(0, 80))
            .ToList();
        Assert.NotEmpty(longLiterals);
        Assert.All(longLiterals, kind => Assert.Equal("chunk", kind));
        _output.WriteLine($"{longLiterals.Count:N0} chunks of data");

        // Compile once: emitting reports every compiler diagnostic (warnings are errors in the harness),
        // with the nullable analysis on in the data files too (the build skips it there).
        using var image = new MemoryStream();
        EmitResult emit = GeneratorResult.WithNullableWarnings(result.Compilation).Emit(image);
        Assert.Empty(emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(GeneratorResult.Format));
        Assert.True(emit.Success);
        image.Position = 0;
        Assembly assembly = new AssemblyLoadContext("large-dataset", isCollectible: true).LoadFromStream(image);
        _output.WriteLine($"generated, compiled and loaded in {stopwatch.Elapsed.TotalSeconds:F1} s");

        // Counts and file order.
        Assert.Equal(data.Sources.Count, Const(assembly, "Sources", "Count"));
        Assert.Equal(data.Places.Count, Const(assembly, "Places", "Count"));
        Assert.Equal(data.Organizations.Count, Const(assembly, "Organizations", "Count"));
        Assert.Equal(data.People.Count, Const(assembly, "People", "Count"));
        Assert.Equal(data.Events.Count, Const(assembly, "Events", "Count"));
        IList events = (IList)Static(assembly, "Events", "All");
        Assert.Equal(data.Events.Count, events.Count);
        Assert.Equal(data.Events[^1].Key, Get(events[events.Count - 1]!, "Id"));
        // Every fact, through every chunk and every branch of the dispatch tree, lands at its index.
        for (int i = 0; i < events.Count; i++) Assert.Equal(data.Events[i].Key, Get(events[i]!, "Id"));

        // A few events from the first, a middle and the last file: every kind of value.
        object[] byMember = (object[])assembly.GetType("Probe.Named")!.GetMethod("Probes")!.Invoke(null, null)!;
        Assert.Equal(factMembers == "Properties", assembly.GetType(Ns + ".Events")!.GetProperty(SyntheticDataset.MemberName(probes[0].Key)) is not null);
        for (int p = 0; p < probes.Length; p++)
        {
            SynthEvent expected = probes[p];
            object fact = Call(assembly, "Events", "Get", expected.Key);
            Assert.Same(fact, events[expected.Index]);
            Assert.Same(fact, byMember[p]);
            Assert.Equal(expected.Title, Get(fact, "Title"));
            Assert.Equal(expected.Date.ToString(), Get(fact, "Date")!.ToString());
            Assert.Equal(SyntheticDataset.MemberName(expected.Type), Get(fact, "Type")!.ToString());
            Assert.Equal(expected.Fatalities, (int?)Get(fact, "Fatalities"));
            Assert.Equal(expected.Verified, (bool)Get(fact, "Verified")!);
            Assert.Equal(expected.Cost?.Amount, Get(fact, "Cost") is { } cost ? (decimal?)Get(cost, "Amount") : null);

            // References (almost always to another file) and their inverses.
            object place = Get(fact, "Place")!;
            Assert.Equal(expected.Place, Get(place, "Id"));
            Assert.Contains(fact, Items(Get(place, "Events")!));
            Assert.Equal(expected.Actors, Items(Get(fact, "Actors")!).Select(a => (string)Get(a, "Id")!));
            Assert.Equal(expected.People, Items(Get(fact, "People")!).Select(p => (string)Get(p, "Id")!));
            foreach (object actor in Items(Get(fact, "Actors")!)) Assert.Contains(fact, Items(Get(actor, "Events")!));

            // A value object holding a reference.
            object citation = Items(Get(fact, "CitedIn")!).First();
            Assert.Equal(expected.CitedIn[0].Source, Get(Get(citation, "Source")!, "Id"));
            Assert.Equal(expected.CitedIn[0].Quote, Get(citation, "Quote"));
        }

        // Lookups by name and alias (case-insensitive), and a parent/child inverse.
        SynthPerson person = data.People[data.People.Count - 3];
        Assert.Contains(Call(assembly, "People", "Get", person.Key), Items(Call(assembly, "People", "FindByName", person.Aliases[0].ToUpperInvariant())));
        Assert.Contains(Call(assembly, "People", "Get", person.Key), Items(Call(assembly, "People", "FindByName", person.Name)));
        SynthPlace child = data.Places.Last(p => p.Parent is not null);
        object parent = Get(Call(assembly, "Places", "Get", child.Key), "Parent")!;
        Assert.Equal(child.Parent, Get(parent, "Id"));
        Assert.Contains(Call(assembly, "Places", "Get", child.Key), Items(Get(parent, "Children")!));
        SynthPerson member = data.People.First(p => p.Affiliation is not null);
        object organization = Get(Call(assembly, "People", "Get", member.Key), "Affiliation")!;
        Assert.Equal(data.People.Count(p => p.Affiliation == member.Affiliation), Items(Get(organization, "Members")!).Count());
        Assert.False((bool)Call(assembly, "Events", "TryGet", "ev-no-such-event", null));

        // The precomputed indexes, entry by entry, against the same computed from the synthetic data:
        // every name and alias (any case, surrounding spaces) gives exactly its people, in file order ...
        var byName = new Dictionary<string, List<string>>(System.StringComparer.OrdinalIgnoreCase);
        foreach (SynthPerson p in data.People)
        {
            foreach (string name in new[] { p.Name }.Concat(p.Aliases).Select(n => n.Trim()).Distinct(System.StringComparer.OrdinalIgnoreCase))
            {
                if (!byName.TryGetValue(name, out List<string>? keys)) byName.Add(name, keys = new List<string>());
                keys.Add(p.Key);
            }
        }
        foreach ((string name, List<string> keys) in byName)
        {
            Assert.Equal(keys, Items(Call(assembly, "People", "FindByName", " " + name.ToLowerInvariant() + "\t")).Select(p => (string)Get(p, "Id")!));
        }
        Assert.Empty(Items(Call(assembly, "People", "FindByName", "no such person")));
        // ... and every place's events (an inverse navigation) are exactly the events that name it.
        var eventsByPlace = data.Events.ToLookup(e => e.Place);
        foreach (SynthPlace place in data.Places)
        {
            object fact = Call(assembly, "Places", "Get", place.Key);
            Assert.Equal(eventsByPlace[place.Key].Select(e => e.Key), Items(Get(fact, "Events")!).Select(e => (string)Get(e, "Id")!));
            Assert.Same(Get(fact, "Events"), Get(fact, "Events")); // built once, then cached
        }
    }

    private static object Static(Assembly assembly, string type, string member) =>
        assembly.GetType(Ns + "." + type)!.GetProperty(member, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static int Const(Assembly assembly, string type, string name) =>
        (int)assembly.GetType(Ns + "." + type)!.GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static object Call(Assembly assembly, string type, string method, params object?[] args) =>
        assembly.GetType(Ns + "." + type)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args)!;

    private static object? Get(object instance, string property) => instance.GetType().GetProperty(property)!.GetValue(instance);

    private static IEnumerable<object> Items(object list) => ((IEnumerable)list).Cast<object>();
}
