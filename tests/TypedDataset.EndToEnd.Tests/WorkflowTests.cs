using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;

namespace TypedDataset.EndToEnd.Tests;

/// <summary>
/// The three user workflows, end to end, from packages in a local feed into fresh projects
/// outside the repository: reference the dataset package; edit YAML and rebuild; IntelliSense docs.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public class WorkflowTests
{
    private readonly PackageFeedFixture _feed;

    public WorkflowTests(PackageFeedFixture feed) => _feed = feed;

    private static string ConsoleProject(string packageId, string extra = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{packageId}" Version="{PackageFeedFixture.Version}" />
          </ItemGroup>
          {extra}
        </Project>
        """;

    // ------------------------------------------------------------ 1. reference the package

    [Fact]
    public void Referencing_the_dataset_package_gives_compile_time_checked_facts()
    {
        string folder = _feed.NewProjectFolder("reference");
        File.WriteAllText(Path.Combine(folder, "App.csproj"), ConsoleProject("TypedDataset.Mosul"));
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using TypedDataset.Mosul;

            Person dorrian = People.JohnDorrian;
            Console.WriteLine($"name={dorrian.Name}");
            Console.WriteLine($"affiliation={dorrian.Affiliation?.Name}");
            Console.WriteLine($"quotes={dorrian.Quotations.Count}");
            Console.WriteLine($"daesh={Organizations.FindByName("daesh").Single().Id}");
            Console.WriteLine($"evidence={dorrian.Evidence[0].Source.Id}");
            Console.WriteLine($"people={People.All.Count}");
            """);
        CommandResult build = _feed.Dotnet(folder, "build");
        Assert.True(build.ExitCode == 0, build.ToString());
        CommandResult run = _feed.Run(folder);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("name=John Dorrian", run.Output);
        Assert.Contains("affiliation=U.S.-led coalition", run.Output);
        Assert.Contains("daesh=islamic-state", run.Output);
        Assert.Contains("evidence=s000", run.Output);
        Assert.Matches(@"quotes=[1-9]", run.Output);

        // A misspelled fact is a build error, not a run-time surprise.
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "Console.WriteLine(TypedDataset.Mosul.People.JonDorrian.Name);\n");
        CommandResult typo = _feed.Dotnet(folder, "build");
        Assert.NotEqual(0, typo.ExitCode);
        Assert.Contains("error CS0117", typo.Output);
        Assert.Contains("JonDorrian", typo.Output);
    }

    [Fact]
    public void The_dataset_package_works_from_netstandard2_0()
    {
        string folder = _feed.NewProjectFolder("netstandard", withNuGetOrg: true);
        File.WriteAllText(Path.Combine(folder, "Lib.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TypedDataset.Mosul" Version="{PackageFeedFixture.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Facts.cs"), """
            public static class Facts
            {
                public static string Spokesman => TypedDataset.Mosul.People.JohnDorrian.Name;
            }
            """);
        CommandResult build = _feed.Dotnet(folder, "build");
        Assert.True(build.ExitCode == 0, build.ToString());
    }

    // ------------------------------------------------------------ 2. edit YAML and rebuild

    private const string Schema = """
        schema:
          root: Shop
          types:
            Maker:
              collection: Makers
              key: id
              fields:
                name: string
            Item:
              collection: Items
              key: id
              name: name
              fields:
                name: string
                maker: Maker
        """;

    [Fact]
    public void Editing_yaml_and_rebuilding_updates_the_api_and_reports_errors_in_msbuild_format()
    {
        string folder = _feed.NewProjectFolder("edit");
        File.WriteAllText(Path.Combine(folder, "App.csproj"), ConsoleProject("TypedDataset.Generator", """
            <PropertyGroup><TypedDatasetNamespace>Shop.Facts</TypedDatasetNamespace></PropertyGroup>
            <ItemGroup><TypedDatasetFile Include="facts/*.yaml" /></ItemGroup>
            """));
        Directory.CreateDirectory(Path.Combine(folder, "facts"));
        File.WriteAllText(Path.Combine(folder, "facts", "schema.yaml"), Schema);
        string data = Path.Combine(folder, "facts", "data.yaml");
        File.WriteAllText(data, "Makers:\n  - id: acme\n    name: ACME\nItems:\n  - id: anvil\n    name: Anvil\n    maker: acme\n");
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "Console.WriteLine($\"{Shop.Facts.Items.Anvil.Name} by {Shop.Facts.Items.Anvil.Maker.Name}\");\n");

        CommandResult first = _feed.Dotnet(folder, "build");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Anvil by ACME", _feed.Run(folder).Output);

        // Add a fact: the new member exists after a rebuild.
        File.AppendAllText(data, "  - id: rocket-skates\n    name: Rocket Skates\n    maker: acme\n");
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "Console.WriteLine($\"{Shop.Facts.Items.RocketSkates.Name}: {Shop.Facts.Items.Count}\");\n");
        CommandResult second = _feed.Dotnet(folder, "build");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Rocket Skates: 2", _feed.Run(folder).Output);

        // An unknown reference fails the build at the YAML line and column, in MSBuild's format.
        File.WriteAllText(data, File.ReadAllText(data).Replace("    maker: acme\n  - id: rocket", "    maker: acne\n  - id: rocket"));
        CommandResult broken = _feed.Dotnet(folder, "build");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Matches(@"facts[/\\]data\.yaml\(7,12\): error TDS207: Unknown reference 'acne' to Makers; did you mean 'acme'\?", broken.Output);

        // Fixing it makes the build green again.
        File.WriteAllText(data, File.ReadAllText(data).Replace("maker: acne", "maker: acme"));
        CommandResult fixedBuild = _feed.Dotnet(folder, "build");
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.ToString());
    }

    // ------------------------------------------------------------ 3. IntelliSense

    [Fact]
    public void The_packaged_xml_docs_show_each_fact_with_its_values_and_evidence()
    {
        using ZipArchive package = ZipFile.OpenRead(_feed.DatasetPackage);
        foreach (string tfm in new[] { "netstandard2.0", "net8.0" })
        {
            ZipArchiveEntry xmlEntry = package.GetEntry($"lib/{tfm}/TypedDataset.Mosul.xml")!;
            Assert.NotNull(xmlEntry);
            XDocument xml;
            using (Stream s = xmlEntry.Open()) xml = XDocument.Load(s);
            var members = xml.Descendants("member").ToDictionary(m => m.Attribute("name")!.Value, m => m);

            XElement dorrian = members["P:TypedDataset.Mosul.People.JohnDorrian"];
            string text = dorrian.Value;
            Assert.Contains("John Dorrian", text);
            Assert.Contains("coalition spokesman", text);
            Assert.Contains("Evidence:", text);
            Assert.Contains("paragraph", text);

            // Every public member of the packaged assembly is documented.
            ZipArchiveEntry dllEntry = package.GetEntry($"lib/{tfm}/TypedDataset.Mosul.dll")!;
            string dll = Path.Combine(_feed.Root, tfm + "-TypedDataset.Mosul.dll");
            dllEntry.ExtractToFile(dll, overwrite: true);
            var context = new System.Runtime.Loader.AssemblyLoadContext("docs-" + tfm, isCollectible: true);
            Assembly assembly = context.LoadFromAssemblyPath(dll);
            var undocumented = DocIds(assembly).Where(id => !members.ContainsKey(id)).ToList();
            context.Unload();
            Assert.True(undocumented.Count == 0, tfm + ": undocumented public members:\n" + string.Join("\n", undocumented.Take(20)));
        }
    }

    [Fact]
    public void Packages_have_the_expected_layout_and_no_runtime_dependencies()
    {
        using (ZipArchive generator = ZipFile.OpenRead(_feed.GeneratorPackage))
        {
            string[] entries = generator.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("analyzers/dotnet/cs/TypedDataset.Generator.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
            Assert.Contains("build/TypedDataset.Generator.props", entries);
            Assert.Contains("build/TypedDataset.Generator.targets", entries);
            Assert.Contains("README.md", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/"));
        }
        using (ZipArchive dataset = ZipFile.OpenRead(_feed.DatasetPackage))
        {
            string nuspec = new StreamReader(dataset.GetEntry("TypedDataset.Mosul.nuspec")!.Open()).ReadToEnd();
            Assert.DoesNotContain("YamlDotNet", nuspec);
            Assert.DoesNotContain("TypedDataset.Generator", nuspec);
            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
            Assert.Contains("<tags>", nuspec);
            Assert.Contains("<description>", nuspec);
            Assert.Contains("<readme>README.md</readme>", nuspec);
        }
    }

    /// <summary>XML doc ids of every public type and member (as the compiler writes them).</summary>
    private static System.Collections.Generic.IEnumerable<string> DocIds(Assembly assembly)
    {
        foreach (System.Type type in assembly.GetExportedTypes())
        {
            yield return "T:" + type.FullName;
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            foreach (PropertyInfo p in type.GetProperties(flags).Where(p => p.GetIndexParameters().Length == 0))
                yield return $"P:{type.FullName}.{p.Name}";
            foreach (FieldInfo f in type.GetFields(flags).Where(f => !f.IsSpecialName))
                yield return $"F:{type.FullName}.{f.Name}";
        }
    }
}
