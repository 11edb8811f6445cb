using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Commands;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Tests;

public class FiguresTests
{
    private static string[] FigureIds(string output) =>
        Regex.Matches(output, @"(?m)^│ (fig-[a-z0-9-]+) ").Select(m => m.Groups[1].Value).ToArray();

    private static bool IsWithin(Place? place, Place area)
    {
        for (Place? p = place; p is not null; p = p.Parent)
        {
            if (p == area) return true;
        }
        return false;
    }

    [Fact]
    public void Figures_lists_every_figure_with_raw_text_and_attribution()
    {
        CliResult result = CliRunner.Run("figures");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Figures.All.Select(f => f.Id), FigureIds(result.Output));
        string row = result.Output.Split('\n').Single(l => l.StartsWith("│ " + Figures.FigJihadisInMosulBeforeOffensive.Id + " "));
        Assert.Contains("5,000 to 7,000 jihadis", row);
        Assert.Contains("U.S.-led coalition", row);
        Assert.Contains("→ 5,000–7,000 (range)", result.Output);
    }

    [Fact]
    public void Figures_about_west_mosul_are_those_placed_in_it_or_counting_it()
    {
        CliResult result = CliRunner.Run("figures", "--about", "west-mosul");
        Assert.Equal(0, result.ExitCode);
        Place west = Places.WestMosul;
        string[] names = west.Aliases.Prepend(west.Name).ToArray();
        string[] expected = Figures.All
            .Where(f => IsWithin(f.Place, west) || names.Any(n => f.Counted.Contains(n, StringComparison.OrdinalIgnoreCase)))
            .Select(f => f.Id)
            .ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, FigureIds(result.Output));
        Assert.Contains("Figures about west Mosul [places/west-mosul]", result.Output);
        // A figure about east Mosul only is not included.
        Assert.DoesNotContain(Figures.FigCiviliansStayedEastMosul.Id, result.Output);
        Assert.Contains(Figures.FigIsFightersWestMosul201702.Id, result.Output);
    }

    [Fact]
    public void Figures_about_a_person_are_those_attributed_to_them()
    {
        CliResult result = CliRunner.Run("figures", "--about", "senior-us-officials");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(People.SeniorUsOfficials.Figures.Select(f => f.Id), FigureIds(result.Output));
        Assert.Contains("attributed to senior U.S. officials", result.Output);
    }

    [Fact]
    public void Figures_about_an_event_include_the_figures_of_its_parts()
    {
        IReadOnlyList<FiguresCommand.Related> related = FiguresCommand.About(new[] { Data.DatasetIndex.Mosul.FindById("evt-mosul-offensive").Single() });
        HashSet<string> ids = related.Select(r => r.Figure.Id).ToHashSet();
        foreach (Event part in Events.EvtMosulOffensive.Parts)
        {
            foreach (Figure f in part.Figures) Assert.Contains(f.Id, ids);
        }
        foreach (Figure f in Events.EvtMosulOffensive.Figures) Assert.Contains(f.Id, ids);
    }

    [Theory]
    [InlineData("IS fighters defending west Mosul", "IS", true)]
    [InlineData("this is a test", "IS", false)]          // short names match case and whole words
    [InlineData("civilians in western Mosul", "west Mosul", false)]
    [InlineData("civilians in west Mosul's old city", "west Mosul", true)]
    public void Mentions_matches_whole_words(string text, string name, bool expected)
    {
        Assert.Equal(expected, FiguresCommand.Mentions(text, name));
    }

    [Fact]
    public void Unknown_entity_fails_with_did_you_mean()
    {
        CliResult result = CliRunner.Run("figures", "--about", "west-mosel");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("Did you mean:", result.Error);
        Assert.Contains("places/west-mosul", result.Error);
    }
}
