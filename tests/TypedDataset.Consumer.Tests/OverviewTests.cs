using System.Linq;
using System.Text.RegularExpressions;
using TypedDataset.Consumer.Commands;
using TypedDataset.Consumer.Data;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Tests;

public class OverviewTests
{
    private static readonly CliResult s_overview = CliRunner.Run();

    [Fact]
    public void Succeeds_without_arguments_and_without_errors()
    {
        Assert.Equal(0, s_overview.ExitCode);
        Assert.Equal("", s_overview.Error);
        Assert.DoesNotContain('\u001b', s_overview.Output); // no ANSI codes in captured output
    }

    [Fact]
    public void Shows_the_count_of_every_collection()
    {
        Assert.Equal(8, MosulFacts.CollectionNames.Count);
        foreach (string name in MosulFacts.CollectionNames)
        {
            int count = DatasetIndex.Mosul.FindCollection(name)!.Count;
            Assert.Matches(new Regex(@"│ " + name + @"\s+│\s+" + count + @" │"), s_overview.Output);
        }
        Assert.Matches(@"│ People\s+│\s+" + People.Count + " │", s_overview.Output);
    }

    [Fact]
    public void Shows_the_key_people_and_figures_with_their_attribution()
    {
        Assert.Contains("Col. John Dorrian", s_overview.Output);
        Assert.Contains(People.JohnDorrian.Role!, s_overview.Output);
        foreach (Figure figure in OverviewCommand.KeyFigures)
        {
            Assert.Contains(figure.Id, s_overview.Output);
            Assert.Contains(figure.Raw, s_overview.Output);
        }
        Assert.Contains("U.S.-led coalition", s_overview.Output); // attribution of the 5,000-7,000 estimate
    }

    [Fact]
    public void Shows_a_short_timeline_in_date_order()
    {
        string timeline = s_overview.Output.Substring(s_overview.Output.IndexOf("Timeline", System.StringComparison.Ordinal));
        int[] positions = OverviewCommand.KeyEvents.Select(e => timeline.IndexOf(e.Id, System.StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0));
        int caliphate = timeline.IndexOf(Events.EvtCaliphateProclaimed.Id, System.StringComparison.Ordinal);
        int offensive = timeline.IndexOf(Events.EvtMosulOffensive.Id, System.StringComparison.Ordinal);
        int final = timeline.IndexOf(Events.EvtFinalWestMosulOffensive.Id, System.StringComparison.Ordinal);
        Assert.True(caliphate < offensive && offensive < final, "2014 < 2016-10-17 < 2017-05-27");
        Assert.Contains("“Oct. 17”", timeline); // time as written
        Assert.Contains("2016-10-17", timeline); // normalized
    }
}
