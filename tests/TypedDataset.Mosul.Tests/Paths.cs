using System.IO;
using System.Linq;
using System.Reflection;

namespace TypedDataset.Mosul.Tests;

internal static class Paths
{
    public static string RepositoryRoot => typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The article texts beside the repository (../shared/seeds); may be absent.</summary>
    public static string Seeds => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "seeds"));

    public static string AcledReference => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "reference", "acled-event-types.md"));

    public static bool SeedsPresent => Directory.Exists(Seeds);

    /// <summary>Paragraphs of a source text, split on blank lines exactly as the generator does.</summary>
    public static string[] Paragraphs(string file) =>
        System.Text.RegularExpressions.Regex.Split(File.ReadAllText(Path.Combine(Seeds, file)).Replace("\r\n", "\n"), @"\n[ \t]*\n")
            .Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
}
