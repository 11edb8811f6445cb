using System.CommandLine;
using System.Globalization;
using System.Linq;
using Spectre.Console;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Data;
using TypedDataset.Consumer.Rendering;

namespace TypedDataset.Consumer.Commands;

/// <summary><c>list [collection]</c>: the facts of a collection, or the collections.</summary>
internal static class ListCommand
{
    public static Command Create(CommandContext context)
    {
        var collection = new Argument<string?>("collection")
        {
            Description = "A collection (case-insensitive, plural or singular): sources, organizations, people, places, events, figures, quotations, relations. Without it, lists the collections.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("list", "List the facts of a collection (id and main fields).") { collection };
        command.SetAction(parse => Run(context, parse.GetValue(collection)));
        return command;
    }

    public static int Run(CommandContext context, string? collectionName)
    {
        IAnsiConsole console = context.Out;
        if (string.IsNullOrWhiteSpace(collectionName))
        {
            var all = Ui.Table("collection", "facts", "what");
            foreach (CollectionInfo c in context.Index.Collections)
            {
                all.AddTextRow(c.Name.ToLowerInvariant(), c.Count.ToString(CultureInfo.InvariantCulture), c.Description);
            }
            console.Write(all);
            return ExitCodes.Ok;
        }

        CollectionInfo? collection = context.ResolveCollection(collectionName, out int exitCode);
        if (collection is null) return exitCode;

        Ui.Line(console, $"{collection.Name}: {Format.Plural(collection.Count, "fact", "facts")} ({collection.Description})");
        var table = Ui.Table(collection.ListColumns.Select(c => c.Header).ToArray());
        foreach (FactEntry entry in collection.Entries)
        {
            table.AddTextRow(collection.ListColumns.Select(column => Cell(entry, column)).ToArray());
        }
        console.Write(table);
        return ExitCodes.Ok;
    }

    private static string Cell(FactEntry entry, ListColumn column)
    {
        foreach (string name in column.Fields)
        {
            if (entry.GetField(name) is { IsEmpty: false } field) return Format.Short(field);
        }
        return "";
    }
}
