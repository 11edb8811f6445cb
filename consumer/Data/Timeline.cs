using System;
using System.Collections.Generic;
using System.Linq;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Data;

/// <summary>One dated fact on the timeline.</summary>
internal sealed record TimelineItem(FactRef Fact, string What, TimeExpression Time, DateTime Start, DateTime End)
{
    /// <summary>0 for a time known only by its upper bound ("before X"): it sorts before X itself.</summary>
    public int Rank => Time.Date is null && Time.Earliest is null ? 0 : 1;
}

/// <summary>
/// The dated facts of the dataset (events, figures, quotations, relations, report dates),
/// ordered by their normalized date: the start of a date or interval, then its end. A time
/// with only an upper bound ("before the offensive") is placed just before that bound.
/// </summary>
internal static class Timeline
{
    /// <summary>Every dated fact, in order; <paramref name="collections"/> limits the collections.</summary>
    public static IReadOnlyList<TimelineItem> Build(Func<string, bool>? collections = null)
    {
        collections ??= _ => true;
        var items = new List<TimelineItem>();

        if (collections(DatasetIndex.SourcesName))
        {
            foreach (Source s in Sources.All)
            {
                Add(items, FactFields.Ref(s), "report " + s.Id + " (" + s.File + ")", s.DocumentDate);
            }
        }
        if (collections(DatasetIndex.EventsName))
        {
            foreach (Event e in Events.All) Add(items, FactFields.Ref(e), e.Name, e.Time);
        }
        if (collections(DatasetIndex.FiguresName))
        {
            foreach (Figure f in Figures.All) Add(items, FactFields.Ref(f), f.Raw + ": " + f.Counted, f.Time);
        }
        if (collections(DatasetIndex.QuotationsName))
        {
            foreach (Quotation q in Quotations.All)
            {
                string speaker = q.SpeakerPerson?.Name ?? q.SpeakerOrganization?.Name ?? "?";
                Add(items, FactFields.Ref(q), speaker + ": “" + FactFields.Shorten(q.Text, 90) + "”", q.Time);
            }
        }
        if (collections(DatasetIndex.RelationsName))
        {
            foreach (Relation r in Relations.All) Add(items, FactFields.Ref(r), FactFields.Label(r), r.Time);
        }

        // OrderBy is stable: equal dates keep collection and file order.
        return items.OrderBy(i => i.Start).ThenBy(i => i.Rank).ThenBy(i => i.End).ToArray();
    }

    /// <summary>Events with no time at all (listed after the timeline).</summary>
    public static IReadOnlyList<Event> UndatedEvents() => Events.All.Where(e => Start(e.Time) is null).ToArray();

    /// <summary>The sort key of a time: the first day it can denote, or null when unknown.</summary>
    public static DateTime? Start(TimeExpression? time) =>
        time is null ? null : time.Date?.Earliest ?? time.Earliest?.Earliest ?? time.Latest?.Earliest;

    private static DateTime End(TimeExpression time) =>
        time.Date?.Latest ?? time.Latest?.Latest ?? DateTime.MaxValue;

    private static void Add(List<TimelineItem> items, FactRef fact, string what, TimeExpression? time)
    {
        if (time is null || Start(time) is not { } start) return;
        items.Add(new TimelineItem(fact, what, time, start, End(time)));
    }
}
