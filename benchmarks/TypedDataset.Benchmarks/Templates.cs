using System.IO;
using System.Linq;
using System.Reflection;
using TypedDataset.Generator;

namespace TypedDataset.Benchmarks;

/// <summary>The project files and programs of the temporary projects (see <see cref="Workspace"/>).</summary>
public static class Templates
{
    public const string GeneratedNamespace = "Synthetic.Generated";
    public const string HandwrittenNamespace = "Synthetic.Handwritten";

    /// <summary>The generator built with this benchmark (Release), used as an analyzer like the NuGet package does.</summary>
    public static string GeneratorDll => typeof(DatasetGenerator).Assembly.Location;

    public static string YamlDotNetForAnalyzer => typeof(Templates).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "YamlDotNetForAnalyzer").Value!;

    private static string Build(string file) => Path.Combine(Settings.RepositoryRoot, "generator", "build", file);

    /// <summary>Properties shared by every temporary project: the repository's conventions (warnings are errors).</summary>
    private static string Common(string targetFramework = Workspace.TargetFramework) => $"""
            <TargetFramework>{targetFramework}</TargetFramework>
            <LangVersion>latest</LangVersion>
            <Nullable>enable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <Deterministic>true</Deterministic>
            <InvariantGlobalization>true</InvariantGlobalization>
            <SatelliteResourceLanguages>en</SatelliteResourceLanguages>
        """;

    /// <summary>The library whose YAML goes through the generator (by default <c>facts/*.yaml</c>, net10.0).</summary>
    public static string GeneratedProject(string targetFramework = Workspace.TargetFramework, string facts = "facts/*.yaml", string factMembers = "Properties") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <Import Project="{Build("TypedDataset.Generator.props")}" />
          <PropertyGroup>
        {Common(targetFramework)}
            <AssemblyName>Generated</AssemblyName>
            <RootNamespace>{GeneratedNamespace}</RootNamespace>
            <TypedDatasetNamespace>{GeneratedNamespace}</TypedDatasetNamespace>
            <TypedDatasetFactMembers>{factMembers}</TypedDatasetFactMembers>
          </PropertyGroup>
          <ItemGroup>
            <TypedDatasetFile Include="{facts}" />
            <Analyzer Include="{GeneratorDll}" />
            <Analyzer Include="{YamlDotNetForAnalyzer}" />
          </ItemGroup>
          <Import Project="{Build("TypedDataset.Generator.targets")}" />
        </Project>

        """;

    /// <summary>
    /// The same generated library for the NativeAOT app: the same YAML (<c>../generated/facts</c>),
    /// targeting net8.0 (the .NET 8 ILCompiler is what this workplace's package mirror has).
    /// </summary>
    public static string GeneratedAotProject() => GeneratedProject(AotTargetFramework, "../generated/facts/*.yaml");

    public const string AotTargetFramework = "net8.0";

    /// <summary>
    /// The same generated library with <c>TypedDatasetFactMembers=Extensions</c> (the facts as C# 14
    /// extension members in classes of 32; net10.0, whose default language version is C# 14).
    /// </summary>
    public static string GeneratedExtensionsProject() => GeneratedProject(facts: "../generated/facts/*.yaml", factMembers: "Extensions");

    /// <summary>The first-fact app over <see cref="GeneratedAotProject"/>, published with NativeAOT.</summary>
    public static string GeneratedAotAppProject() => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
        {Common(AotTargetFramework)}
            <OutputType>Exe</OutputType>
            <AssemblyName>GeneratedAotApp</AssemblyName>
            <PublishAot>true</PublishAot>
            <RuntimeIdentifier>{System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}</RuntimeIdentifier>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="../../generated-aot/Generated.csproj" />
          </ItemGroup>
        </Project>

        """;

    public const string OneFactNamespace = "Synthetic.OneFact";

    /// <summary>The reference library of one hand-written fact (<see cref="OneFactSource"/>).</summary>
    public static string OneFactProject() => PlainLibraryProject("OneFact", OneFactNamespace);

    /// <summary>
    /// The floor of any library's first access: one fact of the benchmark's Event shape (12 fields,
    /// a value object and a list of value objects), written by hand, built from literals on first
    /// access under a lock, in a library of its own.
    /// </summary>
    public static string OneFactSource(string key) => $$"""
        namespace {{OneFactNamespace}};

        /// <summary>An amount of money.</summary>
        public sealed record Money(decimal Amount, string Currency);

        /// <summary>Where a fact is said.</summary>
        public sealed record Citation(string Source, int Paragraph, string Quote);

        /// <summary>An event, with the generated Event's fields.</summary>
        public sealed record Event(string Id, string Title, int Date, int Type, string Place, string[] Actors, string[] People,
            int? Fatalities, Money? Cost, int Confidence, bool Verified, Citation[] CitedIn);

        /// <summary>The one fact.</summary>
        public static class Events
        {
            private static readonly object s_lock = new object();
            private static Event? s_fact;

            /// <summary>The fact, built on first access.</summary>
            public static Event Fact
            {
                get
                {
                    lock (s_lock)
                    {
                        return s_fact ??= new Event("{{key}}", "Clashes near the river crossing as the offensive resumes", 2019 << 9 | 12 << 5 | 3, 3,
                            "pl-river", new[] { "org-first", "org-second" }, new[] { "pe-first" }, 12, new Money(1.5m, "USD"), 2, true,
                            new[] { new Citation("src-first", 3, "Fighting resumed near the crossing on Tuesday, officials said.") });
                    }
                }
            }
        }

        """;

    public static string HandwrittenProject() => PlainLibraryProject("Handwritten", HandwrittenNamespace);

    /// <summary>A library of plain C# (no generator).</summary>
    private static string PlainLibraryProject(string assemblyName, string rootNamespace) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
        {Common()}
            <AssemblyName>{assemblyName}</AssemblyName>
            <RootNamespace>{rootNamespace}</RootNamespace>
          </PropertyGroup>
        </Project>

        """;

    public static string AppProject(string app)
    {
        string items = app switch
        {
            "Generated" => """<ProjectReference Include="../../generated/Generated.csproj" />""",
            Workspace.ExtensionsApp => """<ProjectReference Include="../../generated-ext/Generated.csproj" />""",
            "Handwritten" => """<ProjectReference Include="../../handwritten/Handwritten.csproj" />""",
            Workspace.OneFactApp => """<ProjectReference Include="../../onefact/OneFact.csproj" />""",
            _ => """<PackageReference Include="YamlDotNet" Version="16.3.0" /><EmbeddedResource Include="../../generated/facts/part-*.yaml" LogicalName="facts/%(Filename)%(Extension)" />""",
        };
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
            {Common()}
                <OutputType>Exe</OutputType>
                <AssemblyName>{app}App</AssemblyName>
              </PropertyGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
            </Project>

            """;
    }

    public static string ProbeProject() => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
        {Common()}
            <AssemblyName>Probe</AssemblyName>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="../generated/Generated.csproj" />
            <ProjectReference Include="../handwritten/Handwritten.csproj" />
          </ItemGroup>
        </Project>

        """;

    /// <summary>
    /// A console app that times, from the first line of Main, how long it takes to hold the probe fact
    /// (the middle event) in a variant given as its argument, then prints <c>elapsed_us=</c> and the fact.
    /// Each variant is its own non-inlined method so Main's JIT touches no other variant's code.
    /// </summary>
    public static string AppProgram(string app, string key, string member, string alias)
    {
        string variants = app switch
        {
            "Generated" or Workspace.ExtensionsApp => $$"""
                        "typeload" => TypeLoad(),
                        "property" => Property(),
                        "get" => Get(),
                        "name" => Name(),
                """,
            "Handwritten" => $$"""
                        "property" => Property(),
                        "dictionary" => Dictionary(),
                        "frozen" => Frozen(),
                """,
            Workspace.OneFactApp => """
                        "property" => Property(),
                """,
            _ => """
                        "yaml" => Yaml(),
                """,
        };
        string methods = app switch
        {
            "Generated" or Workspace.ExtensionsApp => $$"""
                    /// <summary>No fact: only the collection class loaded by the runtime (its share of the first access).</summary>
                    [MethodImpl(MethodImplOptions.NoInlining)]
                    private static object TypeLoad() => typeof(global::{{GeneratedNamespace}}.Events).TypeHandle;

                    /// <summary>The named property of the fact (a compile-time reference).</summary>
                    [MethodImpl(MethodImplOptions.NoInlining)]
                    private static object Property() => Events.{{member}};

                    /// <summary>Lookup by key.</summary>
                    [MethodImpl(MethodImplOptions.NoInlining)]
                    private static object Get() => global::{{GeneratedNamespace}}.Events.Get("{{key}}");

                    /// <summary>Lookup by alias (of the middle person).</summary>
                    [MethodImpl(MethodImplOptions.NoInlining)]
                    private static object Name() => global::{{GeneratedNamespace}}.People.FindByName("{{alias}}")[0];
                """,
            "Handwritten" => $$"""
                    /// <summary>The named property of the fact in the hand-written C#.</summary>
                    [MethodImpl(MethodImplOptions.NoInlining)]
                    private static object Property() => global::{{HandwrittenNamespace}}.Events.{{member}};

                    /// <summary>The hand-written facts, indexed at start-up in a Dictionary.</summary>
                    [MethodImpl(MethodImplOptions.NoInlining)]
                    private static object Dictionary()
                    {
                        var all = global::{{HandwrittenNamespace}}.Events.All;
                        var map = new System.Collections.Generic.Dictionary<string, global::{{HandwrittenNamespace}}.Event>(all.Length, System.StringComparer.Ordinal);
                        foreach (var item in all) map.Add(item.Id, item);
                        return map["{{key}}"];
                    }

                    /// <summary>The hand-written facts, indexed at start-up in a FrozenDictionary.</summary>
                    [MethodImpl(MethodImplOptions.NoInlining)]
                    private static object Frozen()
                    {
                        var map = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(global::{{HandwrittenNamespace}}.Events.All, e => e.Id, System.StringComparer.Ordinal);
                        return map["{{key}}"];
                    }
                """,
            Workspace.OneFactApp => $$"""
                    /// <summary>The one hand-written fact of the reference library.</summary>
                    [MethodImpl(MethodImplOptions.NoInlining)]
                    private static object Property() => global::{{OneFactNamespace}}.Events.Fact;
                """,
            _ => $$"""
                    /// <summary>Every embedded YAML file deserialized with YamlDotNet, every collection indexed by key.</summary>
                    [MethodImpl(MethodImplOptions.NoInlining)]
                    private static object Yaml()
                    {
                        var deserializer = new YamlDotNet.Serialization.DeserializerBuilder()
                            .WithNamingConvention(YamlDotNet.Serialization.NamingConventions.UnderscoredNamingConvention.Instance)
                            .Build();
                        var assembly = typeof(Program).Assembly;
                        var dataset = new Synthetic.Yaml.Dataset();
                        string[] names = assembly.GetManifestResourceNames();
                        System.Array.Sort(names, System.StringComparer.Ordinal);
                        foreach (string name in names)
                        {
                            using var stream = assembly.GetManifestResourceStream(name)!;
                            using var reader = new System.IO.StreamReader(stream);
                            dataset.Add(deserializer.Deserialize<Synthetic.Yaml.FileDocument>(reader));
                        }
                        return dataset.Events["{{key}}"];
                    }
                """,
        };
        // The generated apps import the dataset's namespace, as users do: extension members
        // (TypedDatasetFactMembers=Extensions) are found only through it.
        string usingDataset = app is "Generated" or Workspace.ExtensionsApp ? $"using {GeneratedNamespace};" : "";
        return $$"""
            {{usingDataset}}
            using System;
            using System.Diagnostics;
            using System.Globalization;
            using System.Runtime.CompilerServices;

            internal static class Program
            {
                private static int Main(string[] args)
                {
                    long start = Stopwatch.GetTimestamp();
                    TimeSpan jitStart = System.Runtime.JitInfo.GetCompilationTime();
                    long methodsStart = System.Runtime.JitInfo.GetCompiledMethodCount();
                    long ilStart = System.Runtime.JitInfo.GetCompiledILBytes();
                    object? fact = First(args.Length > 0 ? args[0] : "");
                    long end = Stopwatch.GetTimestamp();
                    TimeSpan jit = System.Runtime.JitInfo.GetCompilationTime() - jitStart;
                    long methods = System.Runtime.JitInfo.GetCompiledMethodCount() - methodsStart;
                    long il = System.Runtime.JitInfo.GetCompiledILBytes() - ilStart;
                    if (fact is null)
                    {
                        Console.Error.WriteLine("unknown variant");
                        return 2;
                    }
                    Console.WriteLine("elapsed_us=" + ((end - start) * 1_000_000.0 / Stopwatch.Frequency).ToString("F1", CultureInfo.InvariantCulture));
                    Console.WriteLine("jit_us=" + jit.TotalMicroseconds.ToString("F1", CultureInfo.InvariantCulture));
                    Console.WriteLine("jit_methods=" + methods.ToString(CultureInfo.InvariantCulture));
                    Console.WriteLine("jit_il_bytes=" + il.ToString(CultureInfo.InvariantCulture));
                    Console.WriteLine("fact=" + fact);
                    // After the timed call: disk reads show as major page faults (whole process).
                    Console.WriteLine("major_faults=" + MajorFaults());
                    return 0;
                }

                /// <summary>The process's major page faults so far, from /proc/self/stat (Linux; "-" elsewhere).</summary>
                private static string MajorFaults()
                {
                    const string stat = "/proc/self/stat";
                    if (!System.IO.File.Exists(stat)) return "-";
                    string text = System.IO.File.ReadAllText(stat);
                    // The fields after the command name (in parentheses, which may hold spaces) start at
                    // the state, field 3; majflt is field 12.
                    string[] fields = text.Substring(text.LastIndexOf(')') + 2).Split(' ');
                    return fields[9];
                }

                private static object? First(string variant) => variant switch
                {
                    "none" => None(),
            {{variants}}
                    _ => null,
                };

                /// <summary>Nothing: the floor of the measurement.</summary>
                [MethodImpl(MethodImplOptions.NoInlining)]
                private static object None() => "{{key}}";

            {{methods}}
            }

            """;
    }

    /// <summary>Plain classes for YamlDotNet (references stay keys, enums and dates stay strings: less work than the generator does).</summary>
    public const string YamlDocuments = """
        using System.Collections.Generic;
        using YamlDotNet.Serialization;

        namespace Synthetic.Yaml;

        public sealed class FileDocument
        {
            [YamlMember(Alias = "Sources", ApplyNamingConventions = false)] public List<SourceDocument>? Sources { get; set; }
            [YamlMember(Alias = "Places", ApplyNamingConventions = false)] public List<PlaceDocument>? Places { get; set; }
            [YamlMember(Alias = "Organizations", ApplyNamingConventions = false)] public List<OrganizationDocument>? Organizations { get; set; }
            [YamlMember(Alias = "People", ApplyNamingConventions = false)] public List<PersonDocument>? People { get; set; }
            [YamlMember(Alias = "Events", ApplyNamingConventions = false)] public List<EventDocument>? Events { get; set; }
        }

        public sealed class Dataset
        {
            public Dictionary<string, SourceDocument> Sources { get; } = new(System.StringComparer.Ordinal);
            public Dictionary<string, PlaceDocument> Places { get; } = new(System.StringComparer.Ordinal);
            public Dictionary<string, OrganizationDocument> Organizations { get; } = new(System.StringComparer.Ordinal);
            public Dictionary<string, PersonDocument> People { get; } = new(System.StringComparer.Ordinal);
            public Dictionary<string, EventDocument> Events { get; } = new(System.StringComparer.Ordinal);

            public void Add(FileDocument file)
            {
                foreach (var x in file.Sources ?? new()) Sources.Add(x.Id, x);
                foreach (var x in file.Places ?? new()) Places.Add(x.Id, x);
                foreach (var x in file.Organizations ?? new()) Organizations.Add(x.Id, x);
                foreach (var x in file.People ?? new()) People.Add(x.Id, x);
                foreach (var x in file.Events ?? new()) Events.Add(x.Id, x);
            }
        }

        public sealed class SourceDocument
        {
            public string Id { get; set; } = "";
            public string Title { get; set; } = "";
            public string Publisher { get; set; } = "";
            public string Published { get; set; } = "";
            public string? Url { get; set; }
            public string Language { get; set; } = "";
            public override string ToString() => Id;
        }

        public sealed class PlaceDocument
        {
            public string Id { get; set; } = "";
            public string Name { get; set; } = "";
            public List<string> Aliases { get; set; } = new();
            public string Country { get; set; } = "";
            public decimal Latitude { get; set; }
            public decimal Longitude { get; set; }
            public int? Population { get; set; }
            public string? Parent { get; set; }
            public override string ToString() => Id;
        }

        public sealed class OrganizationDocument
        {
            public string Id { get; set; } = "";
            public string Name { get; set; } = "";
            public List<string> Aliases { get; set; } = new();
            public string Kind { get; set; } = "";
            public string? Founded { get; set; }
            public string? BasedIn { get; set; }
            public override string ToString() => Id;
        }

        public sealed class PersonDocument
        {
            public string Id { get; set; } = "";
            public string Name { get; set; } = "";
            public List<string> Aliases { get; set; } = new();
            public string? Born { get; set; }
            public string? Affiliation { get; set; }
            public List<string> Roles { get; set; } = new();
            public override string ToString() => Id;
        }

        public sealed class MoneyDocument
        {
            public decimal Amount { get; set; }
            public string Currency { get; set; } = "";
        }

        public sealed class CitationDocument
        {
            public string Source { get; set; } = "";
            public int Paragraph { get; set; }
            public string Quote { get; set; } = "";
        }

        public sealed class EventDocument
        {
            public string Id { get; set; } = "";
            public string Title { get; set; } = "";
            public string Date { get; set; } = "";
            public string Type { get; set; } = "";
            public string Place { get; set; } = "";
            public List<string> Actors { get; set; } = new();
            public List<string> People { get; set; } = new();
            public int? Fatalities { get; set; }
            public MoneyDocument? Cost { get; set; }
            public string Confidence { get; set; } = "";
            public bool Verified { get; set; }
            public List<CitationDocument> CitedIn { get; set; } = new();
            public override string ToString() => Id;
        }

        """;

    /// <summary>
    /// Lookup loops for <see cref="LookupBenchmarks"/>: each method looks up <see cref="Batch"/> keys
    /// (fresh string copies, spread over the collection) and sums something from each result, through
    /// the generated API and through a Dictionary / FrozenDictionary built from the same records.
    /// </summary>
    public const string ProbeSource = """
        using System;
        using System.Collections.Frozen;
        using System.Collections.Generic;
        using System.Linq;
        using G = Synthetic.Generated;

        public static class Probe
        {
            public const int Batch = 1024;

            private static string[] s_ids = Array.Empty<string>();
            private static string[] s_names = Array.Empty<string>();
            private static Dictionary<string, G.Event> s_byId = new();
            private static FrozenDictionary<string, G.Event> s_byIdFrozen = FrozenDictionary<string, G.Event>.Empty;
            private static Dictionary<string, G.Person[]> s_byName = new();
            private static FrozenDictionary<string, G.Person[]> s_byNameFrozen = FrozenDictionary<string, G.Person[]>.Empty;

            public static void Setup()
            {
                IReadOnlyList<G.Event> events = G.Events.All;
                IReadOnlyList<G.Person> people = G.People.All;
                s_ids = Enumerable.Range(0, Batch).Select(i => new string(events[(int)(i * 7919L % events.Count)].Id.AsSpan())).ToArray();
                s_names = Enumerable.Range(0, Batch).Select(i => new string(people[(int)(i * 7919L % people.Count)].Aliases[0].AsSpan())).ToArray();
                s_byId = events.ToDictionary(e => e.Id, StringComparer.Ordinal);
                s_byIdFrozen = events.ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);
                s_byName = people
                    .SelectMany(p => p.Aliases.Prepend(p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Select(n => (Name: n, Person: p)))
                    .GroupBy(x => x.Name, x => x.Person, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
                s_byNameFrozen = s_byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
                foreach (string id in s_ids)
                {
                    if (!ReferenceEquals(G.Events.Get(id), s_byId[id]) || !ReferenceEquals(s_byIdFrozen[id], s_byId[id])) throw new InvalidOperationException("lookup mismatch: " + id);
                }
                foreach (string name in s_names)
                {
                    if (G.People.FindByName(name).Count != s_byName[name].Length) throw new InvalidOperationException("name lookup mismatch: " + name);
                }
            }

            public static int GeneratedGet()
            {
                int n = 0;
                string[] ids = s_ids;
                for (int i = 0; i < ids.Length; i++) n += G.Events.Get(ids[i]).Id.Length;
                return n;
            }

            public static int GeneratedTryGet()
            {
                int n = 0;
                string[] ids = s_ids;
                for (int i = 0; i < ids.Length; i++)
                {
                    if (G.Events.TryGet(ids[i], out G.Event? e)) n += e.Id.Length;
                }
                return n;
            }

            public static int Dictionary()
            {
                int n = 0;
                string[] ids = s_ids;
                Dictionary<string, G.Event> map = s_byId;
                for (int i = 0; i < ids.Length; i++) n += map[ids[i]].Id.Length;
                return n;
            }

            public static int FrozenDictionary()
            {
                int n = 0;
                string[] ids = s_ids;
                FrozenDictionary<string, G.Event> map = s_byIdFrozen;
                for (int i = 0; i < ids.Length; i++) n += map[ids[i]].Id.Length;
                return n;
            }

            public static int GeneratedFindByName()
            {
                int n = 0;
                string[] names = s_names;
                for (int i = 0; i < names.Length; i++) n += G.People.FindByName(names[i]).Count;
                return n;
            }

            public static int DictionaryByName()
            {
                int n = 0;
                string[] names = s_names;
                Dictionary<string, G.Person[]> map = s_byName;
                for (int i = 0; i < names.Length; i++) n += map.TryGetValue(names[i], out G.Person[]? found) ? found.Length : 0;
                return n;
            }

            public static int FrozenDictionaryByName()
            {
                int n = 0;
                string[] names = s_names;
                FrozenDictionary<string, G.Person[]> map = s_byNameFrozen;
                for (int i = 0; i < names.Length; i++) n += map.TryGetValue(names[i], out G.Person[]? found) ? found.Length : 0;
                return n;
            }
        }

        """;
}
