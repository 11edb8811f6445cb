using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace TypedDataset.EndToEnd.Tests;

/// <summary>
/// Packs the generator and the Mosul dataset once into a temporary local feed, and gives each
/// scenario an isolated NuGet cache (so nothing comes from, or goes into, the developer's cache).
/// </summary>
public sealed class PackageFeedFixture : IDisposable
{
    public PackageFeedFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "typeddataset-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        foreach (string project in new[] { "generator/TypedDataset.Generator.csproj", "dataset/TypedDataset.Mosul.csproj" })
        {
            CommandResult pack = DotNet.Run(RepositoryRoot, null, "pack", project, "-c", "Release", "-o", Feed, "-nodeReuse:false");
            if (pack.ExitCode != 0) throw new InvalidOperationException("dotnet pack failed:\n" + pack);
        }
    }

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string Version => Metadata("PackageVersion");

    public string Root { get; }

    public string Feed { get; }

    public string GeneratorPackage => Path.Combine(Feed, $"TypedDataset.Generator.{Version}.nupkg");

    public string DatasetPackage => Path.Combine(Feed, $"TypedDataset.Mosul.{Version}.nupkg");

    /// <summary>A fresh folder outside the repository with a NuGet.config that sees only the local feed.</summary>
    /// <param name="withNuGetOrg">Also allow nuget.org (a netstandard2.0 project needs NETStandard.Library from there).</param>
    public string NewProjectFolder(string name, bool withNuGetOrg = false)
    {
        string folder = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                {(withNuGetOrg ? "<add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />" : "")}
              </packageSources>
            </configuration>
            """);
        // Keep the repository's Directory.Build.props and central versions out of the fresh project.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />");
        return folder;
    }

    /// <summary>Environment for a scenario: its own package cache.</summary>
    public IReadOnlyDictionary<string, string> Environment(string folder) =>
        new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(folder, ".packages") };

    public CommandResult Dotnet(string folder, params string[] args) =>
        DotNet.Run(folder, Environment(folder), args.Append("-nodeReuse:false").ToArray());

    public CommandResult Run(string folder) => DotNet.Run(folder, Environment(folder), "run", "--no-build");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a child process may still hold a file; the temp folder is cleaned by the OS later
        }
    }

    private static string Metadata(string key) => typeof(PackageFeedFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == key).Value!;
}

[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeedFixture>
{
    public const string Name = "package feed";
}
