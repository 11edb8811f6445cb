using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Data;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Tests;

public class TimelineTests
{
    private static string[] RowIds(string output) =>
        Regex.Matches(output, @"(?m)^│ ([a-z][a-z0-9.-]*) +│").Select(m => m.Groups[1].Value).Where(id => id != "id").ToArray();

    [Fact]
    public void Timeline_is_ordered_by_normalized_date()
    {
        IReadOnlyList<TimelineItem> items = Timeline.Build();
        Assert.NotEmpty(items);
        for (int i = 1; i < items.Count; i++)
        {
            Assert.True(items[i - 1].Start <= items[i].Start, $"{items[i - 1].Fact.Id} ({items[i - 1].Start:d}) after {items[i].Fact.Id} ({items[i].Start:d})");
        }

        CliResult result = CliRunner.Run("timeline");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(items.Select(i => i.Fact.Id), RowIds(result.Output));
    }

    [Fact]
    public void Timeline_has_every_dated_event_figure_quotation_and_relation()
    {
        HashSet<string> ids = Timeline.Build().Select(i => i.Fact.Id).ToHashSet();
        foreach (Event e in Events.All.Where(e => e.Time is not null)) Assert.Contains(e.Id, ids);
        foreach (Figure f in Figures.All.Where(f => f.Time is not null)) Assert.Contains(f.Id, ids);
        foreach (Quotation q in Quotations.All.Where(q => q.Time is not null)) Assert.Contains(q.Id, ids);
        foreach (Relation r in Relations.All.Where(r => r.Time is not null)) Assert.Contains(r.Id, ids);
        Assert.Contains("s000", ids);
        Assert.DoesNotContain(Figures.All.First(f => f.Time is null).Id, ids);
    }

    [Fact]
    public void Timeline_shows_the_time_as_written_beside_the_normalized_date()
    {
        CliResult result = CliRunner.Run("timeline");
        string caliphate = result.Output.Split('\n').Single(l => l.StartsWith("│ evt-caliphate-proclaimed "));
        Assert.Contains("│ 2014 ", caliphate);
        Assert.Contains("“nearly three years ago”", caliphate);
        int caliphateAt = result.Output.IndexOf("│ evt-caliphate-proclaimed ", StringComparison.Ordinal);
        int offensiveAt = result.Output.IndexOf("│ evt-mosul-offensive ", StringComparison.Ordinal);
        int finalAt = result.Output.IndexOf("│ evt-final-west-mosul-offensive ", StringComparison.Ordinal);
        Assert.True(caliphateAt < offensiveAt && offensiveAt < finalAt);
    }

    [Fact]
    public void A_time_known_only_by_its_upper_bound_comes_before_that_date()
    {
        string[] ids = Timeline.Build().Select(i => i.Fact.Id).ToArray();
        Assert.Null(Figures.FigJihadisInMosulBeforeOffensive.Time!.Date);
        Assert.True(Array.IndexOf(ids, Figures.FigJihadisInMosulBeforeOffensive.Id) < Array.IndexOf(ids, Events.EvtMosulOffensive.Id));
    }

    [Fact]
    public void Collection_option_limits_the_timeline()
    {
        CliResult result = CliRunner.Run("timeline", "--collection", "events");
        Assert.Equal(0, result.ExitCode);
        string[] ids = RowIds(result.Output);
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.StartsWith("evt-", id));
        Assert.Equal(Events.All.Count(e => e.Time is not null), ids.Length);
    }

    [Fact]
    public void Collection_without_dates_is_a_usage_error()
    {
        CliResult result = CliRunner.Run("timeline", "-c", "people");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("People have no dates", result.Error);
    }
}
