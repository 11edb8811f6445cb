using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Data;
using TypedDataset.Consumer.Rendering;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Commands;

/// <summary><c>quotes [--by &lt;speaker&gt;] [--mode direct|paraphrased]</c>: the quotations, with speaker and source.</summary>
internal static class QuotesCommand
{
    public static Command Create(CommandContext context)
    {
        var by = new Option<string?>("--by", "-b")
        {
            Description = "Only quotations by this person or organization: id, collection/id, name or alias (john-dorrian, \"Dorrian\", islamic-state).",
            HelpName = "speaker",
        };
        var mode = new Option<string?>("--mode", "-m")
        {
            Description = "Only direct or only paraphrased quotations.",
        };
        mode.AcceptOnlyFromAmong(QuotationMode.Direct.ToYamlString(), QuotationMode.Paraphrased.ToYamlString());
        var command = new Command("quotes", "List quotations (direct and paraphrased), with speaker, reporting verb, time and source.") { by, mode };
        command.SetAction(parse => Run(context, parse.GetValue(by), parse.GetValue(mode)));
        return command;
    }

    public static int Run(CommandContext context, string? by, string? mode)
    {
        IEnumerable<Quotation> quotes = Quotations.All;
        string title = "Quotations";
        if (by is not null)
        {
            Resolution speakers = context.Index.Resolve(by, IsSpeakerKind);
            if (speakers.Matches.Count == 0) return context.FailNotFound(speakers, "person or organization");
            quotes = quotes.Where(q => speakers.Matches.Any(s => IsSpokenBy(q, s)));
            title += " by " + string.Join(" or ", speakers.Matches.Select(s => s.Label + " [" + s.Qualified + "]"));
        }
        if (mode is not null && QuotationModeExtensions.TryParse(mode, out QuotationMode wanted))
        {
            quotes = quotes.Where(q => q.Mode == wanted);
            title += " (" + mode + ")";
        }

        Quotation[] selected = quotes.ToArray();
        Ui.Line(context.Out, $"{title}: {selected.Length}");
        if (selected.Length == 0) return ExitCodes.Ok;

        var table = Ui.Table("id", "speaker", "text");
        foreach (Quotation q in selected)
        {
            string said = q.Mode.ToYamlString() + (q.ReportingVerb is null ? "" : ", " + q.ReportingVerb);
            string when = q.Time is null ? "" : "\n" + Format.When(q.Time) + (q.Time.Text is null ? "" : " " + Format.AsWritten(q.Time));
            table.AddTextRow(
                q.Id + "\n" + string.Join(", ", q.Evidence.Select(Format.EvidenceLocation)),
                Speaker(q) + "\n(" + said + ")" + when,
                q.Mode == QuotationMode.Direct ? "“" + q.Text + "”" : q.Text);
        }
        context.Out.Write(table);
        return ExitCodes.Ok;
    }

    internal static string Speaker(Quotation q) => q.SpeakerPerson?.Name ?? q.SpeakerOrganization?.Name ?? "";

    private static bool IsSpeakerKind(FactEntry entry) =>
        entry.Collection is DatasetIndex.PeopleName or DatasetIndex.OrganizationsName;

    private static bool IsSpokenBy(Quotation q, FactEntry speaker) =>
        (q.SpeakerPerson is { } person && speaker.Is(FactFields.Ref(person)))
        || (q.SpeakerOrganization is { } organization && speaker.Is(FactFields.Ref(organization)));
}
