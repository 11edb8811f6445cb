using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Data;
using TypedDataset.Consumer.Rendering;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Commands;

/// <summary><c>timeline</c>: events and dated facts in order of their normalized date.</summary>
internal static class TimelineCommand
{
    private static readonly string[] s_dated =
    {
        DatasetIndex.SourcesName, DatasetIndex.EventsName, DatasetIndex.FiguresName,
        DatasetIndex.QuotationsName, DatasetIndex.RelationsName,
    };

    public static Command Create(CommandContext context)
    {
        var only = new Option<string[]>("--collection", "-c")
        {
            Description = "Only these collections (repeatable): events, figures, quotations, relations, sources.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("timeline",
            "Events and dated facts ordered by normalized date (interval start, then end), with the time as written and how it was dated. "
            + "Undated events are listed after.")
        {
            only,
        };
        command.SetAction(parse => Run(context, parse.GetValue(only) ?? Array.Empty<string>()));
        return command;
    }

    public static int Run(CommandContext context, IReadOnlyList<string> collections)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in collections)
        {
            CollectionInfo? collection = context.ResolveCollection(name, out int exitCode);
            if (collection is null) return exitCode;
            if (!s_dated.Contains(collection.Name))
            {
                return context.Fail($"{collection.Name} have no dates. Dated collections: {string.Join(", ", s_dated.Select(s => s.ToLowerInvariant()))}.");
            }
            wanted.Add(collection.Name);
        }
        Func<string, bool> include = wanted.Count == 0 ? _ => true : wanted.Contains;

        IReadOnlyList<TimelineItem> items = Timeline.Build(include);
        Ui.Line(context.Out, $"Timeline: {Format.Plural(items.Count, "dated fact", "dated facts")} (dates normalized to the reports' dates; see `show <id>` for the reasoning)");
        var table = Ui.Table("id", "when", "as written (basis)", "what");
        foreach (TimelineItem item in items)
        {
            table.AddTextRow(item.Fact.Id, Format.When(item.Time),
                (item.Time.Text is null ? "" : Format.AsWritten(item.Time) + "\n") + "(" + item.Time.Basis.ToYamlString() + ")",
                item.What);
        }
        context.Out.Write(table);

        if (include(DatasetIndex.EventsName))
        {
            IReadOnlyList<Event> undated = Timeline.UndatedEvents();
            if (undated.Count > 0)
            {
                Ui.Line(context.Out, "Undated events: " + string.Join(", ", undated.Select(e => e.Name + " [" + e.Id + "]")));
            }
        }
        return ExitCodes.Ok;
    }
}
