using System;
using System.Linq;
using TypedDataset.Consumer.Cli;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Tests;

public class SearchTests
{
    [Fact]
    public void Search_daesh_finds_islamic_state_by_alias_and_the_quotations_that_use_it()
    {
        CliResult result = CliRunner.Run("search", "daesh");
        Assert.Equal(0, result.ExitCode);
        string row = result.Output.Split('\n').Single(l => l.StartsWith("│ islamic-state "));
        Assert.Contains("Islamic State", row);
        Assert.Contains("alias", row);

        string[] expectedQuotes = Quotations.All.Where(q => q.Text.Contains("daesh", StringComparison.OrdinalIgnoreCase)).Select(q => q.Id).ToArray();
        Assert.NotEmpty(expectedQuotes);
        foreach (string id in expectedQuotes) Assert.Contains("│ " + id + " ", result.Output);
        Assert.Contains($"{1 + expectedQuotes.Length} facts match 'daesh'", result.Output);
    }

    [Fact]
    public void Search_is_case_insensitive()
    {
        Assert.Equal(CliRunner.Run("search", "daesh").Output.Replace("'daesh'", "'X'"),
            CliRunner.Run("search", "DAESH").Output.Replace("'DAESH'", "'X'"));
    }

    [Fact]
    public void Search_finds_names_and_aliases_of_people_places_and_events()
    {
        CliResult result = CliRunner.Run("search", "mosul");
        Assert.Equal(0, result.ExitCode);
        foreach (string id in new[] { "mosul", "west-mosul", "east-mosul", "evt-mosul-offensive" })
        {
            Assert.Contains("│ " + id + " ", result.Output);
        }
        Assert.DoesNotContain("│ john-dorrian ", result.Output);
    }

    [Fact]
    public void All_text_also_searches_evidence_and_notes()
    {
        Assert.Equal(ExitCodes.NotFound, CliRunner.Run("search", "told AFP by phone").ExitCode);
        CliResult result = CliRunner.Run("search", "told AFP by phone", "--all-text");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("│ s000 ", result.Output);
        Assert.Contains("evidence s000 ¶17", result.Output);
    }

    [Fact]
    public void No_match_fails_with_exit_code_2_and_suggestions()
    {
        CliResult result = CliRunner.Run("search", "Dorian");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("Nothing matches 'Dorian'", result.Error);
        Assert.Contains("people/john-dorrian", result.Error);
    }
}
