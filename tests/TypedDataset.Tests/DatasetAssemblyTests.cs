using System.Linq;
using System.Reflection;

namespace TypedDataset.Tests;

/// <summary>The built Mosul dataset assembly: self-contained, documented facts.</summary>
public class DatasetAssemblyTests
{
    private static readonly Assembly Dataset = typeof(TypedDataset.Mosul.MosulFacts).Assembly;

    [Fact]
    public void Dataset_assembly_references_neither_yamldotnet_nor_the_generator()
    {
        string[] references = Dataset.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain("YamlDotNet", references);
        Assert.DoesNotContain("TypedDataset.Generator", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.CodeAnalysis"));
    }

    [Fact]
    public void Facts_are_reachable_by_name_and_typed()
    {
        TypedDataset.Mosul.Person dorrian = TypedDataset.Mosul.People.JohnDorrian;
        Assert.Equal("John Dorrian", dorrian.Name);
        Assert.Same(dorrian, TypedDataset.Mosul.People.Get("john-dorrian"));
        Assert.NotNull(dorrian.Affiliation);
        Assert.Contains(dorrian, dorrian.Affiliation!.Members);
    }
}
