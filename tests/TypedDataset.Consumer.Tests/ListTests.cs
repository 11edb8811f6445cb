using System.Linq;
using TypedDataset.Consumer.Data;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Tests;

public class ListTests
{
    [Fact]
    public void List_people_lists_every_person_with_name_and_affiliation()
    {
        CliResult result = CliRunner.Run("list", "people");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"People: {People.Count} facts", result.Output);
        foreach (Person person in People.All)
        {
            string row = result.Output.Split('\n').Single(line => line.StartsWith("│ " + person.Id + " "));
            Assert.Contains(person.Kind.ToYamlString(), row);
        }
        string dorrian = result.Output.Split('\n').Single(line => line.StartsWith("│ john-dorrian "));
        Assert.Contains("John Dorrian", dorrian);
        Assert.Contains(People.JohnDorrian.Affiliation!.Name, dorrian);
    }

    [Theory]
    [InlineData("sources")]
    [InlineData("Organizations")]
    [InlineData("PLACES")]
    [InlineData("events")]
    [InlineData("figures")]
    [InlineData("quotations")]
    [InlineData("relations")]
    public void Every_collection_lists_all_of_its_ids(string name)
    {
        CollectionInfo collection = DatasetIndex.Mosul.FindCollection(name)!;
        CliResult result = CliRunner.Run("list", name);
        Assert.Equal(0, result.ExitCode);
        int rows = result.Output.Split('\n').Count(line => collection.Entries.Any(e => line.StartsWith("│ " + e.Id + " ")));
        Assert.Equal(collection.Count, rows);
    }

    [Theory]
    [InlineData("PEOPLE")]
    [InlineData("Person")]
    [InlineData("people")]
    public void Collection_names_are_case_insensitive_plural_or_singular(string name)
    {
        Assert.Equal(CliRunner.Run("list", "people").Output, CliRunner.Run("list", name).Output);
    }

    [Fact]
    public void List_without_a_collection_lists_the_collections_with_counts()
    {
        CliResult result = CliRunner.Run("list");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"│ figures\s+│ " + Figures.Count + @"\s+│", result.Output);
        Assert.Matches(@"│ relations\s+│ " + Relations.Count + @"\s+│", result.Output);
    }

    [Fact]
    public void Unknown_collection_fails_with_the_closest_name()
    {
        CliResult result = CliRunner.Run("list", "peeple");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown collection 'peeple'", result.Error);
        Assert.Contains("Did you mean: people?", result.Error);
        Assert.Equal("", result.Output);
    }
}
