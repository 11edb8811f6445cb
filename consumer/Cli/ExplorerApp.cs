using System.CommandLine;
using TypedDataset.Consumer.Commands;
using TypedDataset.Consumer.Data;

namespace TypedDataset.Consumer.Cli;

/// <summary>The `mosul` command line: builds the command tree and runs it.</summary>
public static class ExplorerApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    public static int Run(string[] args, ExplorerConsole console)
    {
        var context = new CommandContext(console, DatasetIndex.Mosul);
        RootCommand root = BuildRootCommand(context);
        ParseResult parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,
        });
    }

    internal static RootCommand BuildRootCommand(CommandContext context)
    {
        var root = new RootCommand(
            "Explore TypedDataset.Mosul: sourced, attributed facts from two 2017 reports on the battle for Mosul.\n" +
            "Without a command, prints an overview (counts, key figures, a short timeline).\n" +
            "Ids are fact keys (john-dorrian); `collection/id` (people/john-dorrian) picks one collection.\n" +
            "Exit codes: 0 success, 1 usage error, 2 no such fact (closest matches on standard error), 3 cannot write the export.");
        root.SetAction(_ => OverviewCommand.Run(context));
        root.Add(ListCommand.Create(context));
        root.Add(ShowCommand.Create(context));
        root.Add(SearchCommand.Create(context));
        root.Add(QuotesCommand.Create(context));
        root.Add(FiguresCommand.Create(context));
        root.Add(TimelineCommand.Create(context));
        root.Add(ExportCommand.Create(context));
        return root;
    }
}
