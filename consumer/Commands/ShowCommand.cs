using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Text;
using Spectre.Console;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Data;
using TypedDataset.Consumer.Rendering;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Commands;

/// <summary><c>show &lt;id&gt;...</c>: every field of a fact, references by name, evidence with source and paragraph.</summary>
internal static class ShowCommand
{
    public static Command Create(CommandContext context)
    {
        var ids = new Argument<string[]>("id")
        {
            Description = "Fact key (john-dorrian), collection/key (people/john-dorrian), or an exact name or alias (\"Col. Dorrian\").",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("show", "Show every field of a fact: references by name, inverse links, evidence with source and paragraph.") { ids };
        command.SetAction(parse => Run(context, parse.GetValue(ids) ?? Array.Empty<string>()));
        return command;
    }

    public static int Run(CommandContext context, IReadOnlyList<string> queries)
    {
        int exitCode = ExitCodes.Ok;
        foreach (string query in queries)
        {
            Resolution resolution = context.Index.Resolve(query);
            if (resolution.Matches.Count == 0)
            {
                int code = context.FailNotFound(resolution, "fact");
                if (exitCode == ExitCodes.Ok) exitCode = code;
                continue;
            }
            if (resolution.Matches.Count > 1)
            {
                Ui.DimLine(context.Out, $"'{query}' matches {resolution.Matches.Count} facts ({string.Join(", ", resolution.Matches.Select(m => m.Qualified))}); showing all. Use collection/id to pick one.");
            }
            foreach (FactEntry entry in resolution.Matches) Render(context.Out, entry);
        }
        return exitCode;
    }

    public static void Render(IAnsiConsole console, FactEntry entry)
    {
        console.Write(new Rule("[bold]" + Markup.Escape(entry.Collection + " / " + entry.Id) + "[/]").LeftJustified());
        Ui.Line(console, entry.Label);

        Field[] own = entry.Fields.Where(f => !f.Derived && f.Kind != FieldKind.Evidence).ToArray();
        WriteFields(console, own.Select(f => (f.Name, f.IsEmpty ? "—" : Value(f))).ToArray());

        foreach (Field field in entry.Fields.Where(f => f.Kind == FieldKind.Evidence))
        {
            Ui.Line(console, $"{field.Name} ({field.Evidence.Count}):");
            var evidence = Ui.Table("#", "source", "paragraph", "quote");
            int n = 1;
            foreach (Evidence e in field.Evidence)
            {
                evidence.AddTextRow(n++.ToString(CultureInfo.InvariantCulture), e.Source.Id + " (" + e.Source.File + ")",
                    "¶" + e.Paragraph.ToString(CultureInfo.InvariantCulture), "“" + e.Quote + "”");
            }
            console.Write(evidence);
        }

        Field[] related = entry.Fields.Where(f => f.Derived && !f.IsEmpty).ToArray();
        if (related.Length > 0)
        {
            Ui.Line(console, "related:");
            WriteFields(console, related.Select(f => ($"{f.Name} ({f.Refs.Count})", Value(f))).ToArray(), indent: 2);
        }
        console.WriteLine();
    }

    /// <summary>
    /// Writes <c>name  value</c> lines, values aligned and word-wrapped to the console width
    /// (plain text: no table padding or trailing spaces).
    /// </summary>
    private static void WriteFields(IAnsiConsole console, IReadOnlyList<(string Name, string Value)> fields, int indent = 0)
    {
        if (fields.Count == 0) return;
        int keyWidth = fields.Max(f => f.Name.Length) + 2;
        int valueWidth = Math.Max(20, console.Profile.Width - indent - keyWidth - 1);
        var text = new StringBuilder();
        foreach ((string name, string value) in fields)
        {
            bool first = true;
            foreach (string line in value.Split('\n').SelectMany(l => Wrap(l, valueWidth)))
            {
                text.Append(' ', indent).Append((first ? name : "").PadRight(keyWidth)).Append(line).Append('\n');
                first = false;
            }
        }
        console.Write(new Text(text.ToString()));
    }

    /// <summary>Splits a line at spaces so that each piece fits <paramref name="width"/> (long words are kept whole).</summary>
    internal static IEnumerable<string> Wrap(string line, int width)
    {
        if (line.Length <= width)
        {
            yield return line;
            yield break;
        }
        var current = new StringBuilder();
        foreach (string word in line.Split(' '))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                yield return current.ToString();
                current.Clear();
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(word);
        }
        if (current.Length > 0) yield return current.ToString();
    }

    /// <summary>The full value of a field, over several lines where useful.</summary>
    internal static string Value(Field field) => field.Kind switch
    {
        FieldKind.Reference or FieldKind.ReferenceList => string.Join("\n", field.Refs.Select(Format.Ref)),
        FieldKind.TextList => string.Join("\n", field.Texts),
        FieldKind.Time => Time(field.Time!),
        FieldKind.Publisher => Format.Ref(FactFields.Ref(field.Publisher!.Organization))
            + "\nbasis: " + field.Publisher.Basis.ToYamlString()
            + (field.Publisher.Reasoning is { } reasoning ? "\nreasoning: " + reasoning : ""),
        _ => Format.Short(field),
    };

    private static string Time(TimeExpression time)
    {
        var lines = new List<string> { Format.When(time) };
        if (time.Text is not null) lines.Add("as written: " + Format.AsWritten(time));
        lines.Add("basis: " + time.Basis.ToYamlString());
        if (time.Reasoning is not null) lines.Add("reasoning: " + time.Reasoning);
        return string.Join("\n", lines);
    }
}
