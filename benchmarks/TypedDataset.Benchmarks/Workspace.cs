using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TypedDataset.Benchmarks.Synthetic;

namespace TypedDataset.Benchmarks;

/// <summary>
/// The temporary projects for one dataset size, under <see cref="Settings.WorkDirectory"/>/n{N}:
/// <list type="bullet">
/// <item><c>generated/</c>: a library whose <c>facts/*.yaml</c> go through the generator (as a NuGet user would).</item>
/// <item><c>handwritten/</c>: a library with the same facts as plain C# (<see cref="HandwrittenCSharp"/>).</item>
/// <item><c>apps/generated</c>, <c>apps/handwritten</c>, <c>apps/yaml</c>: console apps that time their first fact.</item>
/// <item><c>generated-ext/</c> and <c>apps/GeneratedExt</c>: the generated library (same YAML) with <c>TypedDatasetFactMembers=Extensions</c>, and its app.</item>
/// <item><c>apps/*/r2r</c>: the generated apps published with ReadyToRun.</item>
/// <item><c>onefact/</c> and <c>apps/OneFact</c>: a reference library of one hand-written fact, and its app.</item>
/// <item><c>generated-aot/</c> and <c>apps/GeneratedAot</c>: the generated library (same YAML) and app for NativeAOT (net8.0).</item>
/// <item><c>probe/</c>: a library of lookup loops over both, loaded by <see cref="LookupBenchmarks"/>.</item>
/// </list>
/// Files are rewritten only when their content changes, so repeated runs reuse up-to-date builds.
/// </summary>
public sealed class Workspace
{
    public const string TargetFramework = "net10.0";
    public const string Configuration = "Release";

    private Workspace(int facts)
    {
        Facts = facts;
        Directory = Path.Combine(Settings.WorkDirectory, "n" + facts.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public int Facts { get; }

    public string Directory { get; }

    public string GeneratedProject => Path.Combine(Directory, "generated", "Generated.csproj");

    public string HandwrittenProject => Path.Combine(Directory, "handwritten", "Handwritten.csproj");

    public string ProbeProject => Path.Combine(Directory, "probe", "Probe.csproj");

    public string AppProject(string app) => Path.Combine(Directory, "apps", app, app + "App.csproj");

    public string AppDll(string app) => Output(Path.Combine(Directory, "apps", app), app + "App.dll");

    /// <summary>The NativeAOT first-fact app (published on demand by <see cref="PublishAot"/>).</summary>
    public const string AotApp = "GeneratedAot";

    public string GeneratedAotProject => Path.Combine(Directory, "generated-aot", "Generated.csproj");

    public string GeneratedDll => Output(Path.Combine(Directory, "generated"), "Generated.dll");

    public string HandwrittenDll => Output(Path.Combine(Directory, "handwritten"), "Handwritten.dll");

    public string ProbeDll => Output(Path.Combine(Directory, "probe"), "Probe.dll");

    /// <summary>The first-fact app over the generated library with TypedDatasetFactMembers=Extensions.</summary>
    public const string ExtensionsApp = "GeneratedExt";

    public string GeneratedExtensionsProject => Path.Combine(Directory, "generated-ext", "Generated.csproj");

    public string GeneratedExtensionsDll => Output(Path.Combine(Directory, "generated-ext"), "Generated.dll");

    /// <summary>The reference app: one hand-written fact in a library of its own (the floor of any library's first access).</summary>
    public const string OneFactApp = "OneFact";

    public string OneFactProject => Path.Combine(Directory, "onefact", "OneFact.csproj");

    public static readonly string[] Apps = { "Generated", ExtensionsApp, "Handwritten", "Yaml", OneFactApp };

    /// <summary>The fact every first-access variant asks for: the middle event.</summary>
    public (string Key, string Member, string Alias) Probe { get; private set; }

    public static Workspace For(int facts) => new(facts);

    private static string Output(string projectDir, string file) => Path.Combine(projectDir, "bin", Configuration, TargetFramework, file);

    /// <summary>Writes every project and source file (only those that changed).</summary>
    public Workspace Write(SyntheticDataset? data = null)
    {
        data ??= SyntheticDataset.Create(Facts);
        SynthEvent probe = data.Events[data.Events.Count / 2];
        SynthPerson person = data.People[data.People.Count / 2];
        Probe = (probe.Key, SyntheticDataset.MemberName(probe.Key), person.Aliases[0]);

        string generated = Path.Combine(Directory, "generated");
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string path, string text) in data.YamlFiles())
        {
            string full = Path.Combine(generated, path);
            expected.Add(full);
            WriteIfChanged(full, text);
        }
        RemoveOthers(Path.Combine(generated, "facts"), expected);
        WriteIfChanged(GeneratedProject, Templates.GeneratedProject());

        string handwritten = Path.Combine(Directory, "handwritten");
        expected.Clear();
        foreach ((string name, string text) in HandwrittenCSharp.Render(data, Templates.HandwrittenNamespace))
        {
            string full = Path.Combine(handwritten, "src", name);
            expected.Add(full);
            WriteIfChanged(full, text);
        }
        RemoveOthers(Path.Combine(handwritten, "src"), expected);
        WriteIfChanged(HandwrittenProject, Templates.HandwrittenProject());
        WriteIfChanged(OneFactProject, Templates.OneFactProject());
        WriteIfChanged(Path.Combine(Directory, "onefact", "Facts.cs"), Templates.OneFactSource(Probe.Key));

        foreach (string app in Apps)
        {
            WriteIfChanged(AppProject(app), Templates.AppProject(app));
            WriteIfChanged(Path.Combine(Directory, "apps", app, "Program.cs"), Templates.AppProgram(app, Probe.Key, Probe.Member, Probe.Alias));
        }
        WriteIfChanged(Path.Combine(Directory, "apps", "Yaml", "Documents.cs"), Templates.YamlDocuments);
        WriteIfChanged(GeneratedExtensionsProject, Templates.GeneratedExtensionsProject());
        WriteIfChanged(GeneratedAotProject, Templates.GeneratedAotProject());
        WriteIfChanged(AppProject(AotApp), Templates.GeneratedAotAppProject());
        WriteIfChanged(Path.Combine(Directory, "apps", AotApp, "Program.cs"), Templates.AppProgram("Generated", Probe.Key, Probe.Member, Probe.Alias));
        WriteIfChanged(ProbeProject, Templates.ProbeProject());
        WriteIfChanged(Path.Combine(Directory, "probe", "Probe.cs"), Templates.ProbeSource);
        return this;
    }

    /// <summary>Builds the apps and the probe (Release; restores as needed). Throws with the build log on failure.</summary>
    public Workspace BuildAll()
    {
        foreach (string project in Apps.Select(AppProject).Append(ProbeProject))
        {
            ProcessResult r = ProcessRunner.Dotnet($"build \"{project}\" -c {Configuration} -nologo -v:q -nodeReuse:false", Directory, TimeSpan.FromMinutes(30));
            if (r.ExitCode != 0) throw new InvalidOperationException($"Building {project} failed ({r.ExitCode}):\n{r.Tail()}");
        }
        return this;
    }

    /// <summary>
    /// Publishes the NativeAOT app (<c>apps/GeneratedAot</c>, the generated app's program over the same
    /// YAML, net8.0) and returns the native executable. Throws with the log on failure.
    /// </summary>
    public string PublishAot()
    {
        string output = Path.Combine(Directory, "apps", AotApp, "publish");
        ProcessResult r = ProcessRunner.Dotnet($"publish \"{AppProject(AotApp)}\" -c {Configuration} -o \"{output}\" -nologo -v:q -nodeReuse:false", Directory, TimeSpan.FromMinutes(60));
        if (r.ExitCode != 0) throw new InvalidOperationException($"Publishing {AotApp} failed ({r.ExitCode}):\n{r.Tail()}");
        Console.WriteLine($"  published {AotApp} with NativeAOT in {r.Elapsed.TotalSeconds:F0} s");
        return Path.Combine(output, AotApp + "App");
    }

    /// <summary>
    /// Publishes a first-fact app with ReadyToRun (the app, the dataset library and its code compiled
    /// ahead of time; framework-dependent, for this machine's runtime identifier) and returns its dll.
    /// </summary>
    public string PublishReadyToRun(string app)
    {
        string output = Path.Combine(Directory, "apps", app, "r2r");
        string rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        ProcessResult r = ProcessRunner.Dotnet($"publish \"{AppProject(app)}\" -c {Configuration} -r {rid} --self-contained false -p:PublishReadyToRun=true -o \"{output}\" -nologo -v:q -nodeReuse:false", Directory, TimeSpan.FromMinutes(60));
        if (r.ExitCode != 0) throw new InvalidOperationException($"Publishing {app} with ReadyToRun failed ({r.ExitCode}):\n{r.Tail()}");
        Console.WriteLine($"  published {app} with ReadyToRun in {r.Elapsed.TotalSeconds:F0} s");
        return Path.Combine(output, app + "App.dll");
    }

    /// <summary>Ready for the run-time measurements: written and built.</summary>
    public static Workspace Prepare(int facts)
    {
        Console.WriteLine($"  preparing {facts:N0} facts under {For(facts).Directory} ...");
        return For(facts).Write().BuildAll();
    }

    private static void WriteIfChanged(string path, string text)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) && string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal)) return;
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    private static void RemoveOthers(string directory, HashSet<string> keep)
    {
        foreach (string file in System.IO.Directory.EnumerateFiles(directory))
        {
            if (!keep.Contains(file)) File.Delete(file);
        }
    }
}
