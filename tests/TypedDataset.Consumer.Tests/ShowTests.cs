using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Commands;
using TypedDataset.Consumer.Data;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Tests;

public class ShowTests
{
    [Fact]
    public void Show_person_prints_every_field_references_by_name_and_evidence()
    {
        CliResult result = CliRunner.Run("show", "john-dorrian");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        string output = result.Output;

        Assert.Contains("People / john-dorrian", output);
        Assert.Contains("Dorrian", output);
        Assert.Contains("coalition spokesman", output);
        // Every declared field of Person is shown, empty ones too.
        foreach (string field in new[] { "id", "name", "aliases", "kind", "naming", "title", "role", "affiliation", "based_at", "note", "evidence" })
        {
            Assert.Matches(@"(?m)^" + field + @"\b", output);
        }
        // The reference is shown by name, with its key.
        Assert.Contains("affiliation  U.S.-led coalition [us-led-coalition]", output);
        // Evidence: source, paragraph and the verbatim quote.
        Evidence first = People.JohnDorrian.Evidence[0];
        Assert.Contains($"│ s000 ({Sources.S000.File}) │ ¶{first.Paragraph} ", output);
        Assert.Contains(first.Quote, output);
        Assert.Contains($"evidence ({People.JohnDorrian.Evidence.Count})", output);
        // Inverse navigation: his quotations.
        Assert.Contains($"quotations ({People.JohnDorrian.Quotations.Count})", output);
        foreach (Quotation q in People.JohnDorrian.Quotations) Assert.Contains("[" + q.Id + "]", output);
    }

    [Fact]
    public void Show_accepts_collection_slash_id_and_exact_aliases()
    {
        string byId = CliRunner.Run("show", "john-dorrian").Output;
        Assert.Equal(byId, CliRunner.Run("show", "people/john-dorrian").Output);
        Assert.Equal(byId, CliRunner.Run("show", "People/JOHN-DORRIAN").Output);
        Assert.Equal(byId, CliRunner.Run("show", "Col. Dorrian").Output);
    }

    [Fact]
    public void Show_figure_prints_hedge_range_attribution_and_time_as_written()
    {
        Figure figure = Figures.FigJihadisInMosulBeforeOffensive;
        CliResult result = CliRunner.Run("show", figure.Id);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("hedge                    range", result.Output);
        Assert.Contains("low                      5,000", result.Output);
        Assert.Contains("high                     7,000", result.Output);
        Assert.Contains("value                    —", result.Output); // no midpoint invented
        Assert.Contains("attributed_organization  U.S.-led coalition [us-led-coalition]", result.Output);
        Assert.Contains("as written: “" + figure.Time!.Text + "”", result.Output);
        Assert.Contains("reasoning: " + figure.Time.Reasoning, result.Output);
        Assert.Contains("[" + figure.StatedIn!.Id + "]", result.Output);
    }

    [Fact]
    public void Show_source_prints_publisher_and_document_date()
    {
        CliResult result = CliRunner.Run("show", "s000");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("publisher      AFP [afp]", result.Output);
        Assert.Contains("basis: inferred with outside knowledge", result.Output);
        Assert.Contains(Sources.S000.Sha256, result.Output);
    }

    [Fact]
    public void Every_fact_of_every_collection_can_be_shown()
    {
        foreach (FactEntry entry in DatasetIndex.Mosul.AllEntries)
        {
            CliResult result = CliRunner.Run("show", entry.Qualified);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains(entry.Collection + " / " + entry.Id, result.Output);
            Assert.Contains("evidence (", result.Output);
        }
    }

    [Fact]
    public void Unknown_id_fails_with_did_you_mean()
    {
        CliResult result = CliRunner.Run("show", "john-dorian");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("No fact matches 'john-dorian'", result.Error);
        Assert.Contains("Did you mean:", result.Error);
        Assert.Contains("people/john-dorrian", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Substring_of_a_name_is_suggested()
    {
        CliResult result = CliRunner.Run("show", "baghdadi");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("people/abu-bakr-al-baghdadi", result.Error);
    }

    [Fact]
    public void Id_in_the_wrong_collection_suggests_the_right_one()
    {
        CliResult result = CliRunner.Run("show", "people/s000");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("sources/s000", result.Error);
    }

    [Fact]
    public void Unknown_collection_in_a_qualified_id_is_a_usage_error()
    {
        CliResult result = CliRunner.Run("show", "persons2/john-dorrian");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Unknown collection 'persons2'", result.Error);
    }

    [Fact]
    public void Several_ids_are_shown_in_turn_and_one_unknown_fails_the_run()
    {
        CliResult result = CliRunner.Run("show", "john-dorrian", "nope-nope", "west-mosul");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("People / john-dorrian", result.Output);
        Assert.Contains("Places / west-mosul", result.Output);
        Assert.Contains("'nope-nope'", result.Error);
    }

    [Fact]
    public void An_id_in_several_collections_shows_all_of_them_and_collection_slash_id_picks_one()
    {
        // The Mosul keys are unique across collections; a small index has the same key twice.
        static FactEntry Entry(string collection, string id, string name) =>
            new(collection, id, name, new[] { name }, Array.Empty<SearchText>(),
                () => new[] { Field.OfText("id", id), Field.OfText("name", name) });
        var index = new DatasetIndex("test", new[]
        {
            new CollectionInfo("People", "person", "people", new[] { Entry("People", "tigris", "Tigris (a person)") }, new[] { new ListColumn("id", "id") }),
            new CollectionInfo("Places", "place", "places", new[] { Entry("Places", "tigris", "Tigris River") }, new[] { new ListColumn("id", "id") }),
        });

        (int code, string output) Show(string id)
        {
            var output = new StringWriter();
            var context = new CommandContext(ExplorerConsole.ForWriters(output, new StringWriter(), CliRunner.Width), index);
            int code = ShowCommand.Run(context, new[] { id });
            return (code, output.ToString());
        }

        (int code, string both) = Show("tigris");
        Assert.Equal(0, code);
        Assert.Contains("matches 2 facts (people/tigris, places/tigris)", both);
        Assert.Contains("People / tigris", both);
        Assert.Contains("Places / tigris", both);

        (_, string one) = Show("places/tigris");
        Assert.Contains("Tigris River", one);
        Assert.DoesNotContain("Tigris (a person)", one);
    }
}
