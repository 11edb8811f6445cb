using System.Collections.Generic;
using System.IO;
using System.Linq;
using Spectre.Console;
using TypedDataset.Consumer.Data;

namespace TypedDataset.Consumer.Cli;

/// <summary>What every command gets: where to write, and the dataset.</summary>
internal sealed class CommandContext
{
    public CommandContext(ExplorerConsole console, DatasetIndex index)
    {
        Console = console;
        Index = index;
    }

    public ExplorerConsole Console { get; }

    public DatasetIndex Index { get; }

    public IAnsiConsole Out => Console.Console;

    public TextWriter Error => Console.Error;

    /// <summary>Reports an error on standard error and returns <paramref name="exitCode"/>.</summary>
    public int Fail(string message, int exitCode = ExitCodes.Usage)
    {
        Error.WriteLine(message);
        return exitCode;
    }

    /// <summary>
    /// Reports that <paramref name="resolution"/> found nothing, with the closest facts as
    /// "did you mean" suggestions, and returns the exit code.
    /// </summary>
    public int FailNotFound(Resolution resolution, string what)
    {
        if (resolution.Error is not null) return Fail(resolution.Error, ExitCodes.Usage);
        Error.WriteLine($"No {what} matches '{resolution.Query}'.");
        WriteSuggestions(resolution.Suggestions);
        return ExitCodes.NotFound;
    }

    public void WriteSuggestions(IReadOnlyList<FactEntry> suggestions)
    {
        if (suggestions.Count == 0)
        {
            Error.WriteLine("Try `mosul search <text>`, or `mosul list <collection>` to see the ids.");
            return;
        }
        Error.WriteLine("Did you mean:");
        int width = suggestions.Max(s => s.Qualified.Length);
        foreach (FactEntry suggestion in suggestions)
        {
            Error.WriteLine($"  {suggestion.Qualified.PadRight(width)}  {suggestion.Label}");
        }
    }

    /// <summary>Resolves a collection name, or reports it (with the closest names) and returns null.</summary>
    public CollectionInfo? ResolveCollection(string name, out int exitCode)
    {
        CollectionInfo? collection = Index.FindCollection(name);
        exitCode = ExitCodes.Ok;
        if (collection is not null) return collection;
        Error.WriteLine($"Unknown collection '{name}'.");
        IReadOnlyList<CollectionInfo> close = Index.SuggestCollections(name);
        if (close.Count > 0) Error.WriteLine("Did you mean: " + string.Join(", ", close.Select(c => c.Name.ToLowerInvariant())) + "?");
        Error.WriteLine("Collections: " + string.Join(", ", Index.Collections.Select(c => c.Name.ToLowerInvariant())) + ".");
        exitCode = ExitCodes.Usage;
        return null;
    }
}
