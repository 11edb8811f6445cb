using System.Linq;
using System.Text.RegularExpressions;
using TypedDataset.Consumer.Cli;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Tests;

public class QuotesTests
{
    private static string[] QuotationIds(string output) =>
        Regex.Matches(output, @"(?m)^│ (q-[a-z0-9-]+) ").Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public void Quotes_lists_every_quotation_with_its_speaker()
    {
        CliResult result = CliRunner.Run("quotes");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Quotations.All.Select(q => q.Id), QuotationIds(result.Output));
        Assert.Contains($"Quotations: {Quotations.Count}", result.Output);
    }

    [Fact]
    public void Quotes_by_john_dorrian_shows_his_quotations_only()
    {
        CliResult result = CliRunner.Run("quotes", "--by", "john-dorrian");
        Assert.Equal(0, result.ExitCode);
        string[] expected = Quotations.All.Where(q => q.SpeakerPerson == People.JohnDorrian).Select(q => q.Id).ToArray();
        Assert.NotEmpty(expected);
        Assert.True(expected.Length < Quotations.Count);
        Assert.Equal(expected, QuotationIds(result.Output));
        Assert.Contains($"Quotations by John Dorrian [people/john-dorrian]: {expected.Length}", result.Output);
        Assert.Contains("“" + Quotations.QDorrianAttacksWillHappen.Text + "”", result.Output); // direct: in quotes
        Assert.DoesNotContain(Quotations.QTownsendCloserDeeper.Id, result.Output);
    }

    [Fact]
    public void Quotes_by_accepts_names_and_aliases()
    {
        Assert.Equal(CliRunner.Run("quotes", "--by", "john-dorrian").Output, CliRunner.Run("quotes", "--by", "Dorrian").Output);
    }

    [Fact]
    public void Quotes_by_an_organization()
    {
        CliResult result = CliRunner.Run("quotes", "-b", "islamic-state");
        Assert.Equal(0, result.ExitCode);
        string[] expected = Organizations.IslamicState.Quotations.Select(q => q.Id).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, QuotationIds(result.Output));
    }

    [Fact]
    public void Mode_filters_direct_quotations()
    {
        CliResult result = CliRunner.Run("quotes", "--by", "john-dorrian", "--mode", "direct");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(People.JohnDorrian.Quotations.Where(q => q.Mode == QuotationMode.Direct).Select(q => q.Id), QuotationIds(result.Output));
    }

    [Fact]
    public void Speaker_that_is_not_a_person_or_organization_fails()
    {
        CliResult result = CliRunner.Run("quotes", "--by", "west-mosul");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("No person or organization matches 'west-mosul'", result.Error);
    }

    [Fact]
    public void Unknown_speaker_fails_with_did_you_mean()
    {
        CliResult result = CliRunner.Run("quotes", "--by", "townsent");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("Did you mean:", result.Error);
        Assert.Contains("people/stephen-townsend", result.Error);
    }

    [Fact]
    public void Bad_mode_is_a_parse_error()
    {
        CliResult result = CliRunner.Run("quotes", "--mode", "indirect");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'indirect'", result.Error);
        Assert.Contains("paraphrased", result.Error);
    }
}
