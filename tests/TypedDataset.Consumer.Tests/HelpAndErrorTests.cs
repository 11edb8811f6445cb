using TypedDataset.Consumer.Data;

namespace TypedDataset.Consumer.Tests;

public class HelpAndErrorTests
{
    [Theory]
    [InlineData("list")]
    [InlineData("show")]
    [InlineData("search")]
    [InlineData("quotes")]
    [InlineData("figures")]
    [InlineData("timeline")]
    [InlineData("export")]
    public void Every_command_has_help(string command)
    {
        CliResult result = CliRunner.Run(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output);
        // The usage line names the executable (mosul; testhost under the test runner) and the command.
        Assert.Matches(@"Usage:\s+\S+ " + command + @"\b", result.Output);
        Assert.Contains("-h, --help", result.Output);
    }

    [Fact]
    public void Root_help_lists_the_commands()
    {
        CliResult result = CliRunner.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string command in new[] { "list", "show", "search", "quotes", "figures", "timeline", "export" })
        {
            Assert.Matches(@"(?m)^  " + command + @"\b", result.Output);
        }
    }

    [Fact]
    public void Misspelled_command_fails_with_a_suggestion()
    {
        CliResult result = CliRunner.Run("serch", "daesh");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Unrecognized command or argument 'serch'", result.Error);
        Assert.Contains("'serch' was not matched. Did you mean one of the following?\nsearch", result.Output);
    }

    [Fact]
    public void Unknown_option_fails()
    {
        CliResult result = CliRunner.Run("figures", "--abuot", "mosul");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--abuot", result.Error);
    }

    [Fact]
    public void Edit_distance_is_levenshtein()
    {
        Assert.Equal(3, Suggestions.Distance("kitten", "sitting"));
        Assert.Equal(0, Suggestions.Distance("mosul", "mosul"));
        Assert.Equal(5, Suggestions.Distance("", "mosul"));
    }

    [Fact]
    public void Suggestions_rank_close_ids_and_substrings()
    {
        var close = DatasetIndex.Suggest("townsend", DatasetIndex.Mosul.AllEntries);
        Assert.Equal("stephen-townsend", close[0].Id);
        var typo = DatasetIndex.Suggest("evt-mosul-ofensive", DatasetIndex.Mosul.AllEntries);
        Assert.Equal("evt-mosul-offensive", typo[0].Id);
        Assert.Empty(DatasetIndex.Suggest("zzzzzzzz", DatasetIndex.Mosul.AllEntries));
    }
}
