using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using TypedDataset.Consumer.Cli;
using TypedDataset.Consumer.Data;
using TypedDataset.Consumer.Export;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mosul-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    // --- JSON -------------------------------------------------------------------------------

    [Fact]
    public void Json_has_every_collection_with_the_right_counts_and_ids()
    {
        CliResult result = CliRunner.Run("export", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using JsonDocument document = JsonDocument.Parse(result.Output);
        JsonElement collections = document.RootElement.GetProperty("collections");
        Assert.Equal(MosulFacts.CollectionNames, collections.EnumerateObject().Select(p => p.Name));
        foreach (CollectionInfo collection in DatasetIndex.Mosul.Collections)
        {
            JsonElement array = collections.GetProperty(collection.Name);
            Assert.Equal(collection.Count, array.GetArrayLength());
            Assert.Equal(collection.Count, document.RootElement.GetProperty("counts").GetProperty(collection.Name).GetInt32());
            Assert.Equal(collection.Entries.Select(e => e.Id), array.EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        }
        Assert.Equal(People.Count, collections.GetProperty("People").GetArrayLength());
    }

    [Fact]
    public void Json_fields_keep_references_enums_numbers_times_and_evidence()
    {
        using JsonDocument document = JsonDocument.Parse(CliRunner.Run("export", "-f", "json").Output);
        JsonElement collections = document.RootElement.GetProperty("collections");

        JsonElement dorrian = collections.GetProperty("People").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "john-dorrian");
        Assert.Equal("us-led-coalition", dorrian.GetProperty("affiliation").GetString());
        Assert.Equal("individual", dorrian.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, dorrian.GetProperty("based_at").ValueKind);
        Assert.Equal(People.JohnDorrian.Aliases, dorrian.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        JsonElement evidence = dorrian.GetProperty("evidence")[0];
        Assert.Equal(People.JohnDorrian.Evidence[0].Paragraph, evidence.GetProperty("paragraph").GetInt32());
        Assert.Equal(People.JohnDorrian.Evidence[0].Quote, evidence.GetProperty("quote").GetString());
        Assert.False(dorrian.TryGetProperty("quotations", out _)); // inverse links are not exported

        JsonElement range = collections.GetProperty("Figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == Figures.FigJihadisInMosulBeforeOffensive.Id);
        Assert.Equal(JsonValueKind.Null, range.GetProperty("value").ValueKind);
        Assert.Equal(5000m, range.GetProperty("low").GetDecimal());
        Assert.Equal(7000m, range.GetProperty("high").GetDecimal());
        Assert.Equal("range", range.GetProperty("hedge").GetString());
        Assert.Equal("2016-10-17", range.GetProperty("time").GetProperty("latest").GetString());
        Assert.Equal(Figures.FigJihadisInMosulBeforeOffensive.Time!.Text, range.GetProperty("time").GetProperty("text").GetString());

        JsonElement s000 = collections.GetProperty("Sources")[0];
        Assert.Equal("afp", s000.GetProperty("publisher").GetProperty("organization").GetString());
        Assert.Equal("2017-02-22", s000.GetProperty("document_date").GetProperty("date").GetString());
    }

    [Fact]
    public void Json_out_writes_the_same_document_to_a_file()
    {
        string file = Path.Combine(_directory, "sub", "mosul.json");
        CliResult result = CliRunner.Run("export", "--format", "json", "--out", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Wrote JSON to", result.Output);
        Assert.Equal(CliRunner.Run("export", "--format", "json").Output, File.ReadAllText(file));
    }

    [Fact]
    public void Json_collection_option_exports_only_those_collections()
    {
        using JsonDocument document = JsonDocument.Parse(CliRunner.Run("export", "-f", "json", "-c", "people", "places").Output);
        Assert.Equal(new[] { "People", "Places" }, document.RootElement.GetProperty("collections").EnumerateObject().Select(p => p.Name));
    }

    // --- CSV --------------------------------------------------------------------------------

    [Fact]
    public void Csv_writes_one_file_per_collection_with_header_and_one_row_per_fact()
    {
        CliResult result = CliRunner.Run("export", "--format", "csv", "--out", _directory);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(DatasetIndex.Mosul.Collections.Select(c => c.Name.ToLowerInvariant() + ".csv").OrderBy(n => n),
            Directory.GetFiles(_directory).Select(Path.GetFileName).OrderBy(n => n));
        foreach (CollectionInfo collection in DatasetIndex.Mosul.Collections)
        {
            List<List<string>> rows = Csv.Parse(File.ReadAllText(Path.Combine(_directory, collection.Name.ToLowerInvariant() + ".csv")));
            Assert.Equal(collection.Count + 1, rows.Count);
            Assert.Equal("id", rows[0][0]);
            Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
            Assert.Equal(collection.Entries.Select(e => e.Id), rows.Skip(1).Select(r => r[0]));
        }
    }

    [Fact]
    public void Csv_round_trips_quotes_commas_and_line_breaks()
    {
        string text = CliRunner.Run("export", "--format", "csv", "--collection", "people").Output;
        List<List<string>> rows = Csv.Parse(text);
        List<string> header = rows[0];
        List<string> dorrian = rows.Single(r => r[0] == "john-dorrian");
        string note = dorrian[header.IndexOf("note")];
        Assert.Equal(People.JohnDorrian.Note, note);
        Assert.Contains('"', note);
        Assert.Contains(',', note);
        Assert.Equal("Col. John Dorrian; Col. Dorrian; Dorrian", dorrian[header.IndexOf("aliases")]);
        string[] evidence = dorrian[header.IndexOf("evidence")].Split('\n');
        Assert.Equal(People.JohnDorrian.Evidence.Count, evidence.Length);
        Assert.Equal("s000 ¶14: " + People.JohnDorrian.Evidence[0].Quote, evidence[0]);
    }

    [Fact]
    public void Csv_expands_times_into_columns()
    {
        List<List<string>> rows = Csv.Parse(CliRunner.Run("export", "-f", "csv", "-c", "events").Output);
        List<string> header = rows[0];
        foreach (string column in new[] { "time_text", "time_date", "time_earliest", "time_latest", "time_basis", "time_reasoning" })
        {
            Assert.Contains(column, header);
        }
        List<string> offensive = rows.Single(r => r[0] == "evt-mosul-offensive");
        Assert.Equal("Oct. 17", offensive[header.IndexOf("time_text")]);
        Assert.Equal("2016-10-17", offensive[header.IndexOf("time_date")]);
        Assert.Equal("islamic-state", offensive[header.IndexOf("actors")].Split("; ").Last());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void Csv_escapes_as_rfc_4180(string value, string expected)
    {
        Assert.Equal(expected, CsvExporter.Escape(value));
    }

    [Fact]
    public void Csv_on_standard_output_separates_the_collections()
    {
        CliResult result = CliRunner.Run("export", "--format", "csv");
        Assert.Equal(0, result.ExitCode);
        foreach (CollectionInfo collection in DatasetIndex.Mosul.Collections)
        {
            Assert.Contains("# " + collection.Name.ToLowerInvariant() + ".csv\r\nid,", result.Output);
        }
    }

    // --- DOT --------------------------------------------------------------------------------

    [Fact]
    public void Dot_is_a_digraph_with_an_edge_for_every_relation()
    {
        CliResult result = CliRunner.Run("export", "--format", "dot");
        Assert.Equal(0, result.ExitCode);
        string dot = result.Output;
        Assert.StartsWith("digraph ", dot);
        Assert.EndsWith("}\n", dot);
        Assert.Contains("\"people/abu-bakr-al-baghdadi\" -> \"organizations/islamic-state\" [label=\"leads\", id=\"rel-baghdadi-leads-is\"", dot);
        foreach (Relation relation in Relations.All)
        {
            Assert.Contains("id=\"" + relation.Id + "\"", dot);
        }
        Assert.Contains("\"people/john-dorrian\" [label=\"John Dorrian\\n(coalition spokesman)\", shape=ellipse];", dot);
        Assert.Contains("style=dashed", dot); // reference edges
    }

    [Fact]
    public void Dot_statements_are_well_formed_and_labels_escaped()
    {
        string dot = CliRunner.Run("export", "--format", "dot").Output;
        string quoted = "\"(?:[^\"\\\\\\n]|\\\\.)*\"";
        var node = new Regex("^  " + quoted + " \\[label=" + quoted + ", shape=[a-z]+\\];$");
        var edge = new Regex("^  " + quoted + " -> " + quoted + " \\[label=" + quoted + ", .*\\];$");
        string[] lines = dot.Split('\n');
        int nodes = 0, edges = 0;
        foreach (string line in lines.Skip(1))
        {
            if (line.Length == 0 || line == "}" || line.TrimStart().StartsWith("//") || line.TrimStart().StartsWith("graph [")
                || line.TrimStart().StartsWith("node [") || line.TrimStart().StartsWith("edge ["))
            {
                continue;
            }
            if (node.IsMatch(line)) nodes++;
            else if (edge.IsMatch(line)) edges++;
            else Assert.Fail("not a DOT statement: " + line);
        }
        Assert.Equal(Organizations.Count + People.Count + Places.Count + Events.Count, nodes);
        Assert.True(edges >= Relations.Count);
    }

    [Fact]
    public void Dot_relations_only_has_no_reference_edges()
    {
        string dot = CliRunner.Run("export", "--format", "dot", "--relations-only").Output;
        Assert.DoesNotContain("style=dashed", dot);
        Assert.Equal(Relations.Count, Regex.Matches(dot, " -> ").Count);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("two\nlines", "\"two\\nlines\"")]
    public void Dot_quote_escapes(string text, string expected)
    {
        Assert.Equal(expected, DotExporter.Quote(text));
    }

    // --- Errors -----------------------------------------------------------------------------

    [Fact]
    public void Bad_format_fails_with_the_formats()
    {
        CliResult result = CliRunner.Run("export", "--format", "jsn");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Unknown format 'jsn'. Did you mean 'json'?", result.Error);
        Assert.Contains("Formats: json, csv, dot", result.Error);
    }

    [Fact]
    public void Missing_format_fails()
    {
        CliResult result = CliRunner.Run("export");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--format", result.Error);
    }

    [Fact]
    public void Csv_out_to_an_existing_file_fails()
    {
        Directory.CreateDirectory(_directory);
        string file = Path.Combine(_directory, "a-file");
        File.WriteAllText(file, "x");
        CliResult result = CliRunner.Run("export", "--format", "csv", "--out", file);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("is a file", result.Error);
    }

    [Fact]
    public void Unknown_collection_fails()
    {
        CliResult result = CliRunner.Run("export", "--format", "json", "--collection", "figurez");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Did you mean: figures?", result.Error);
    }
}
