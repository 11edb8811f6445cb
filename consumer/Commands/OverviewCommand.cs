using System.Linq;
using Spectre.Console;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Data;
using TypedDataset.Consumer.Rendering;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Commands;

/// <summary>
/// The default output (no command): counts per collection, key people and figures, and a short
/// timeline. Written against the generated API; every fact named here is checked by the compiler.
/// </summary>
internal static class OverviewCommand
{
    /// <summary>The people shown in the overview.</summary>
    internal static readonly Person[] KeyPeople =
    {
        People.JohnDorrian,
        People.StephenTownsend,
        People.DevanZimmerman,
        People.AbuBakrAlBaghdadi,
    };

    /// <summary>The figures shown in the overview: fighters and civilians, February and May 2017.</summary>
    internal static readonly Figure[] KeyFigures =
    {
        Figures.FigJihadisInMosulBeforeOffensive,
        Figures.FigIsFightersWestMosul201702,
        Figures.FigCiviliansTrappedWestMosul201702,
        Figures.FigDisplacedFirstMonths,
        Figures.FigUsMilitaryAdvisers,
        Figures.FigCiviliansRemainingIsHeld201705,
        Figures.FigCiviliansLeavingDaily201705,
        Figures.FigIsHeldArea201705,
    };

    /// <summary>The campaign in a few events (shown in date order).</summary>
    internal static readonly Event[] KeyEvents =
    {
        Events.EvtCaliphateProclaimed,
        Events.EvtObamaAuthorizesTroops,
        Events.EvtMosulOffensive,
        Events.EvtEastMosulRetaken,
        Events.EvtPushSouthOfMosul,
        Events.EvtAirportAssaultReadied,
        Events.EvtIraqiLeafletDrop,
        Events.EvtFinalWestMosulOffensive,
    };

    public static int Run(CommandContext context)
    {
        IAnsiConsole console = context.Out;
        console.Write(new Rule("[bold]TypedDataset.Mosul[/]").LeftJustified());
        Ui.Line(console, "Facts from two 2017 news reports on the battle for Mosul; each backed by a verbatim quote.");

        var counts = Ui.Table("collection", "facts", "what");
        counts.Columns[1].RightAligned();
        foreach (string name in MosulFacts.CollectionNames)
        {
            CollectionInfo collection = context.Index.FindCollection(name)!;
            counts.AddTextRow(name, collection.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), collection.Description);
        }
        console.Write(counts);

        Ui.Line(console, "Sources: " + string.Join("; ", new[] { Sources.S000, Sources.S001 }.Select(s =>
            $"{s.Id} ({Format.When(s.DocumentDate)}, {s.Paragraphs} paragraphs, publisher {(s.Publisher is null ? "unknown" : Format.Publisher(s.Publisher))})")) + ".");

        Ui.Heading(console, "Key people");
        var people = Ui.Table("id", "name", "role", "affiliation", "quotations");
        foreach (Person person in KeyPeople)
        {
            people.AddTextRow(person.Id, (person.Title is null ? "" : person.Title + " ") + person.Name, person.Role,
                person.Affiliation?.Name, person.Quotations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        console.Write(people);

        Quotation dorrianQuote = Quotations.QDorrianAttacksWillHappen;
        Ui.Line(console, $"“{dorrianQuote.Text}” ({dorrianQuote.SpeakerPerson?.Name}, {Format.EvidenceLocation(dorrianQuote.Evidence[0])})");

        Ui.Heading(console, "Key figures");
        var figures = Ui.Table("as written", "counted", "according to", "when", "id");
        foreach (Figure figure in KeyFigures)
        {
            figures.AddTextRow(figure.Raw, figure.Counted,
                figure.AttributedPerson?.Name ?? figure.AttributedOrganization?.Name ?? "(reporter)",
                Format.When(figure.Time), figure.Id);
        }
        console.Write(figures);

        Ui.Heading(console, "Timeline (key events)");
        var timeline = Ui.Table("when", "as written", "event", "id");
        foreach (Event e in KeyEvents.OrderBy(e => Timeline.Start(e.Time)))
        {
            timeline.AddTextRow(Format.When(e.Time), Format.AsWritten(e.Time), e.Name, e.Id);
        }
        console.Write(timeline);

        Ui.DimLine(console, "More: mosul list <collection> | show <id> | search <text> | quotes | figures | timeline | export. See mosul --help.");
        return ExitCodes.Ok;
    }
}
