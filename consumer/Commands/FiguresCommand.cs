using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Data;
using TypedDataset.Consumer.Rendering;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Commands;

/// <summary><c>figures [--about &lt;entity&gt;]</c>: reported quantities, with hedge, attribution and time.</summary>
internal static class FiguresCommand
{
    /// <summary>A figure and why it relates to the entity asked about.</summary>
    internal sealed record Related(Figure Figure, IReadOnlyList<string> Why);

    public static Command Create(CommandContext context)
    {
        var about = new Option<string?>("--about", "-a")
        {
            Description = "Only figures related to this fact (any id, collection/id, name or alias): by attribution, "
                + "place (or a place within it), event (or a part of it), the quotation it is stated in, "
                + "or a mention of its name in what is counted.",
            HelpName = "entity",
        };
        var command = new Command("figures", "List reported figures: the number as written, value or range, hedge, attribution and time.") { about };
        command.SetAction(parse => Run(context, parse.GetValue(about)));
        return command;
    }

    public static int Run(CommandContext context, string? about)
    {
        IReadOnlyList<Related> figures;
        string title = "Figures";
        if (about is null)
        {
            figures = Figures.All.Select(f => new Related(f, Array.Empty<string>())).ToArray();
        }
        else
        {
            Resolution entities = context.Index.Resolve(about);
            if (entities.Matches.Count == 0) return context.FailNotFound(entities, "fact");
            figures = About(entities.Matches);
            title += " about " + string.Join(" or ", entities.Matches.Select(e => e.Label + " [" + e.Qualified + "]"));
        }

        Ui.Line(context.Out, $"{title}: {figures.Count}");
        if (figures.Count == 0) return ExitCodes.Ok;

        var headers = new List<string> { "id", "as written → value", "counted", "according to, when" };
        if (about is not null) headers.Add("related by");
        var table = Ui.Table(headers.ToArray());
        foreach (Related related in figures)
        {
            Figure f = related.Figure;
            string value = f.Hedge == Hedge.Vague ? "(vague)" : Format.FigureValue(f) + " (" + f.Hedge.ToYamlString() + ")";
            var cells = new List<string?>
            {
                f.Id,
                f.Raw + "\n→ " + value,
                f.Counted,
                (f.AttributedPerson?.Name ?? f.AttributedOrganization?.Name ?? "(reporter)") + (f.Time is null ? "" : "\n" + Format.When(f.Time)),
            };
            if (about is not null) cells.Add(string.Join("\n", related.Why));
            table.AddTextRow(cells.ToArray());
        }
        context.Out.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>The figures related to any of <paramref name="entities"/>, in file order, with the reasons.</summary>
    internal static IReadOnlyList<Related> About(IReadOnlyList<FactEntry> entities)
    {
        var result = new List<Related>();
        foreach (Figure figure in Figures.All)
        {
            var why = new List<string>();
            foreach (FactEntry entity in entities) why.AddRange(Reasons(figure, entity));
            if (why.Count > 0) result.Add(new Related(figure, why.Distinct().ToArray()));
        }
        return result;
    }

    private static IEnumerable<string> Reasons(Figure figure, FactEntry entity)
    {
        switch (entity.Fact)
        {
            case Person person:
                if (figure.AttributedPerson == person) yield return "attributed to " + person.Name;
                break;
            case Organization organization:
                HashSet<Organization> units = Closure(organization, o => o.Subunits);
                if (figure.AttributedOrganization is { } org && units.Contains(org))
                {
                    yield return "attributed to " + org.Name;
                }
                if (figure.AttributedPerson is { Affiliation: { } affiliation } member && units.Contains(affiliation))
                {
                    yield return "attributed to " + member.Name + " (" + affiliation.Name + ")";
                }
                break;
            case Place place:
                if (figure.Place is { } at && Closure(place, p => p.Children).Contains(at))
                {
                    yield return at == place ? "place" : "place " + at.Name + " (in " + place.Name + ")";
                }
                break;
            case Event evt:
                if (figure.Event is { } during && Closure(evt, e => e.Parts).Contains(during))
                {
                    yield return during == evt ? "event" : "event " + during.Name + " (part of " + evt.Name + ")";
                }
                break;
            case Quotation quotation:
                if (figure.StatedIn == quotation) yield return "stated in " + quotation.Id;
                break;
            case Source source:
                if (figure.Evidence.Any(e => e.Source == source)) yield return "evidence in " + source.Id;
                break;
            case Figure same:
                if (figure == same) yield return "the figure itself";
                break;
        }

        foreach (string name in entity.Names)
        {
            if (Mentions(figure.Counted, name))
            {
                yield return "counted mentions “" + name + "”";
                break;
            }
        }
    }

    /// <summary>The item and everything below it (children, subunits, parts).</summary>
    private static HashSet<T> Closure<T>(T root, Func<T, IEnumerable<T>> children)
        where T : class
    {
        var all = new HashSet<T> { root };
        var pending = new Stack<T>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            foreach (T child in children(pending.Pop()))
            {
                if (all.Add(child)) pending.Push(child);
            }
        }
        return all;
    }

    /// <summary>
    /// Whether <paramref name="text"/> contains <paramref name="name"/> as whole words,
    /// case-insensitively; short names (IS, CTS) must match case too.
    /// </summary>
    internal static bool Mentions(string text, string name)
    {
        if (name.Length == 0) return false;
        StringComparison comparison = name.Length <= 3 ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        int at = 0;
        while ((at = text.IndexOf(name, at, comparison)) >= 0)
        {
            int end = at + name.Length;
            bool startOk = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            bool endOk = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startOk && endOk) return true;
            at++;
        }
        return false;
    }
}
