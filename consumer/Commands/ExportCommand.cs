using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Data;
using TypedDataset.Consumer.Export;
using TypedDataset.Consumer.Rendering;

namespace TypedDataset.Consumer.Commands;

/// <summary><c>export --format json|csv|dot [--out path]</c>.</summary>
internal static class ExportCommand
{
    internal static readonly string[] Formats = { "json", "csv", "dot" };

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CommandContext context)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "json: the whole dataset in one document; csv: one table per collection; dot: a Graphviz graph of entities and relations.",
            Required = true,
            HelpName = "json|csv|dot",
        };
        format.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (value is null || Formats.Contains(value, StringComparer.OrdinalIgnoreCase)) return;
            string closest = Formats.OrderBy(f => Suggestions.Distance(f, value.ToLowerInvariant())).First();
            bool close = Suggestions.Distance(closest, value.ToLowerInvariant()) <= System.Math.Max(1, value.Length / 2);
            result.AddError($"Unknown format '{value}'." + (close ? $" Did you mean '{closest}'?" : "") + $" Formats: {string.Join(", ", Formats)}.");
        });
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Write to this file (json, dot) or directory (csv: one <collection>.csv per collection). Default: standard output.",
            HelpName = "path",
        };
        var collections = new Option<string[]>("--collection", "-c")
        {
            Description = "Only these collections (json, csv; repeatable).",
            AllowMultipleArgumentsPerToken = true,
        };
        var relationsOnly = new Option<bool>("--relations-only")
        {
            Description = "dot: draw only Relation edges, not the reference fields (part of, affiliation, place …).",
        };
        var command = new Command("export", "Export the dataset as JSON, CSV or Graphviz DOT.")
        {
            format,
            output,
            collections,
            relationsOnly,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(format)!,
            parse.GetValue(output),
            parse.GetValue(collections) ?? Array.Empty<string>(),
            parse.GetValue(relationsOnly)));
        return command;
    }

    public static int Run(CommandContext context, string format, string? output, IReadOnlyList<string> collectionNames, bool relationsOnly)
    {
        var selected = new List<CollectionInfo>();
        foreach (string name in collectionNames)
        {
            CollectionInfo? collection = context.ResolveCollection(name, out int exitCode);
            if (collection is null) return exitCode;
            if (!selected.Contains(collection)) selected.Add(collection);
        }
        IReadOnlyList<CollectionInfo> collections = selected.Count > 0 ? selected : context.Index.Collections;

        try
        {
            switch (format.ToLowerInvariant())
            {
                case "json":
                    return WriteText(context, output, JsonExporter.ToJson(context.Index, collections), "JSON");
                case "dot":
                    if (selected.Count > 0) return context.Fail("--collection applies to json and csv; the dot graph always has every entity.");
                    return WriteText(context, output, DotExporter.ToDot(relationsOnly), "DOT");
                case "csv":
                    return WriteCsv(context, output, collections);
                default:
                    return context.Fail($"Unknown format '{format}'. Formats: {string.Join(", ", Formats)}.");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.Fail($"Cannot write '{output}': {e.Message}", ExitCodes.IoError);
        }
    }

    private static int WriteText(CommandContext context, string? output, string text, string what)
    {
        if (output is null)
        {
            context.Console.Output.Write(text);
            return ExitCodes.Ok;
        }
        if (Directory.Exists(output)) return context.Fail($"'{output}' is a directory; give a file name for the {what} export.");
        string? directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(output, text, s_utf8);
        Ui.Line(context.Out, $"Wrote {what} to {output}");
        return ExitCodes.Ok;
    }

    private static int WriteCsv(CommandContext context, string? output, IReadOnlyList<CollectionInfo> collections)
    {
        if (output is null)
        {
            // On standard output: one collection is plain CSV; several are separated by a
            // "# name.csv" line and a blank line (use --out to get one file per collection).
            bool several = collections.Count > 1;
            foreach (CollectionInfo collection in collections)
            {
                if (several) context.Console.Output.Write("# " + CsvExporter.FileName(collection) + CsvExporter.Newline);
                context.Console.Output.Write(CsvExporter.ToCsv(collection));
                if (several) context.Console.Output.Write(CsvExporter.Newline);
            }
            return ExitCodes.Ok;
        }
        if (File.Exists(output)) return context.Fail($"'{output}' is a file; the CSV export writes one file per collection into a directory.");
        Directory.CreateDirectory(output);
        foreach (CollectionInfo collection in collections)
        {
            File.WriteAllText(Path.Combine(output, CsvExporter.FileName(collection)), CsvExporter.ToCsv(collection), s_utf8);
        }
        Ui.Line(context.Out, $"Wrote {Format.Plural(collections.Count, "CSV file", "CSV files")} to {output}: {string.Join(", ", collections.Select(CsvExporter.FileName))}");
        return ExitCodes.Ok;
    }
}
