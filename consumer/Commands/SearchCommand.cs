using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Data;
using TypedDataset.Consumer.Rendering;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Commands;

/// <summary><c>search &lt;text&gt;</c>: case-insensitive search of names, aliases, quotations and figure wording.</summary>
internal static class SearchCommand
{
    internal sealed record Hit(FactEntry Entry, string Field, string Text);

    public static Command Create(CommandContext context)
    {
        var text = new Argument<string>("text") { Description = "Text to look for (case-insensitive substring)." };
        var everywhere = new Option<bool>("--all-text", "-a")
        {
            Description = "Search every text field too: descriptions, notes, summaries, reasoning and evidence quotes.",
        };
        var command = new Command("search", "Search names, aliases, quotations and figure wording (case-insensitive). Exit code 2 when nothing matches.")
        {
            text,
            everywhere,
        };
        command.SetAction(parse => Run(context, parse.GetValue(text) ?? "", parse.GetValue(everywhere)));
        return command;
    }

    public static int Run(CommandContext context, string query, bool allText)
    {
        string needle = query.Trim();
        if (needle.Length == 0) return context.Fail("Give a text to search for.");

        IReadOnlyList<Hit> hits = Find(context.Index, needle, allText);
        if (hits.Count == 0)
        {
            context.Error.WriteLine($"Nothing matches '{needle}'" + (allText ? "." : " in names, aliases, quotations or figures (try --all-text)."));
            IReadOnlyList<FactEntry> close = Suggestions.Closest(needle, context.Index.AllEntries, e => e.Names.Concat(e.SearchTexts.Select(t => t.Text)).Prepend(e.Id));
            if (close.Count > 0) context.WriteSuggestions(close);
            return ExitCodes.NotFound;
        }

        int facts = hits.Select(h => h.Entry).Distinct().Count();
        Ui.Line(context.Out, $"{Format.Plural(facts, "fact", "facts")} match '{needle}':");
        var table = Ui.Table("id", "collection", "name", "field", "matched text");
        foreach (Hit hit in hits)
        {
            table.AddTextRow(hit.Entry.Id, hit.Entry.Collection, hit.Entry.Label, hit.Field, Snippet(hit.Text, needle));
        }
        context.Out.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>The matching texts, at most one hit per fact and field.</summary>
    internal static IReadOnlyList<Hit> Find(DatasetIndex index, string needle, bool allText)
    {
        var hits = new List<Hit>();
        foreach (FactEntry entry in index.AllEntries)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            IEnumerable<SearchText> texts = allText ? entry.SearchTexts.Concat(AllTexts(entry)) : entry.SearchTexts;
            foreach (SearchText text in texts)
            {
                if (text.Text.Contains(needle, StringComparison.OrdinalIgnoreCase) && seen.Add(text.Field))
                {
                    hits.Add(new Hit(entry, text.Field, text.Text));
                }
            }
        }
        return hits;
    }

    /// <summary>Every text of a fact's own fields (not its references).</summary>
    private static IEnumerable<SearchText> AllTexts(FactEntry entry)
    {
        foreach (Field field in entry.Fields)
        {
            if (field.Derived) continue;
            switch (field.Kind)
            {
                case FieldKind.Text when field.Text is not null:
                    yield return new SearchText(field.Name, field.Text);
                    break;
                case FieldKind.TextList:
                    foreach (string text in field.Texts) yield return new SearchText(field.Name, text);
                    break;
                case FieldKind.Time when field.Time is not null:
                    if (field.Time.Text is not null) yield return new SearchText(field.Name + ".text", field.Time.Text);
                    if (field.Time.Reasoning is not null) yield return new SearchText(field.Name + ".reasoning", field.Time.Reasoning);
                    break;
                case FieldKind.Publisher when field.Publisher?.Reasoning is not null:
                    yield return new SearchText(field.Name + ".reasoning", field.Publisher.Reasoning);
                    break;
                case FieldKind.Evidence:
                    foreach (Evidence e in field.Evidence) yield return new SearchText($"evidence {Format.EvidenceLocation(e)}", e.Quote);
                    break;
            }
        }
    }

    /// <summary>The matched text, cut around the match when long.</summary>
    internal static string Snippet(string text, string needle, int max = 90)
    {
        if (text.Length <= max) return text;
        int at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
        int start = Math.Max(0, Math.Min(at - max / 3, text.Length - max));
        string cut = text.Substring(start, Math.Min(max, text.Length - start));
        return (start > 0 ? "…" : "") + cut + (start + cut.Length < text.Length ? "…" : "");
    }
}
