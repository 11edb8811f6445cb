using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests;

/// <summary>
/// One case per diagnostic id: the id, the severity and the exact YAML location (1-based line and
/// column of the start of the offending node), and that the good facts still generate.
/// </summary>
public class DiagnosticTests
{
    internal const string Schema = """
schema:
  root: Shop
  enums:
    Color: { values: [red, dark blue] }
  values:
    Size:
      fields:
        width: integer
        height: integer
  types:
    Item:
      collection: Items
      key: id
      name: name
      fields:
        name: string
        color: Color?
        price: decimal?
        count: integer?
        added: date?
        sold_out: boolean?
        size: Size?
        maker: Maker?
    Maker:
      collection: Makers
      key: id
      fields:
        name: string
""";

    private const string GoodMaker = "Makers:\n  - id: acme\n    name: ACME\n";

    private static GeneratorResult RunData(string data, string? schema = null, GeneratorHarness? harness = null) =>
        (harness ?? new GeneratorHarness()).Run(
            TestFile.Data("schema.yaml", schema ?? Schema),
            TestFile.Data("makers.yaml", GoodMaker),
            TestFile.Data("data.yaml", data));

    private static void AssertDiagnostic(GeneratorResult result, string id, string file, int line, int column, DiagnosticSeverity severity = DiagnosticSeverity.Error, string? messageContains = null)
    {
        var matches = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count > 0, $"Expected {id}; got:\n" + string.Join("\n", result.GeneratorDiagnostics.Select(GeneratorResult.Format)));
        Diagnostic d = matches[0];
        Assert.Equal(severity, d.DefaultSeverity); // the harness compiles with warnings as errors
        FileLinePositionSpan span = d.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.Rooted(file), span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        if (messageContains is not null) Assert.Contains(messageContains, d.GetMessage());
    }

    // ---------------- YAML ----------------

    [Fact]
    public void TDS001_yaml_syntax_error() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    name: \"unclosed\n"), "TDS001", "data.yaml", 3, 11);

    [Fact]
    public void TDS002_duplicate_mapping_key_is_an_error_not_last_wins() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    name: A\n    name: B\n"), "TDS002", "data.yaml", 4, 5, messageContains: "first at line 3");

    [Fact]
    public void TDS003_custom_tag() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    name: !custom A\n"), "TDS003", "data.yaml", 3, 11);

    [Fact]
    public void TDS004_nesting_limit()
    {
        string deep = "Items: " + new string('[', 100) + new string(']', 100) + "\n";
        // The top-level mapping is level 1, so the 64th '[' (column 8 + 63) would be level 65: the limit.
        AssertDiagnostic(RunData(deep), "TDS004", "data.yaml", 1, 8 + 63);
    }

    [Fact]
    public void TDS005_fact_that_is_not_a_mapping() =>
        AssertDiagnostic(RunData("Items:\n  - just a string\n"), "TDS005", "data.yaml", 2, 5);

    // ---------------- Schema ----------------

    [Fact]
    public void TDS101_no_schema_file() =>
        AssertDiagnostic(new GeneratorHarness().Run(TestFile.Data("data.yaml", "Items: []\n")), "TDS101", "data.yaml", 1, 1);

    [Fact]
    public void TDS102_two_schema_files() =>
        AssertDiagnostic(new GeneratorHarness().Run(TestFile.Data("a.yaml", Schema), TestFile.Data("b.yaml", Schema)), "TDS102", "b.yaml", 2, 3);

    [Fact]
    public void TDS103_unknown_schema_option_with_suggestion() =>
        AssertDiagnostic(RunData("", Schema.Replace("      collection: Makers", "      colection: Makers\n      collection: Makers")),
            "TDS103", "schema.yaml", 25, 7, messageContains: "did you mean 'collection'?");

    [Fact]
    public void TDS104_missing_schema_option() =>
        AssertDiagnostic(RunData("", Schema.Replace("      collection: Makers\n", "")), "TDS104", "schema.yaml", 24, 5, messageContains: "'collection'");

    [Fact]
    public void TDS105_invalid_name() =>
        AssertDiagnostic(RunData("", Schema.Replace("        name: string\n", "        2fast: string\n")), "TDS105", "schema.yaml", 16, 9);

    [Theory]
    [InlineData("PartialDate")]
    [InlineData("TypedDatasetRuntime")]
    [InlineData("TypedDatasetReaders")]
    public void TDS105_the_generators_own_type_names_are_reserved(string name)
    {
        GeneratorResult result = RunData("", Schema.Replace("      collection: Makers", "      collection: " + name));
        AssertDiagnostic(result, "TDS105", "schema.yaml", 24, 5, messageContains: "the generator emits a type of that name");
    }

    [Fact]
    public void TDS105_double_underscore_is_kept_for_the_generators_classes()
    {
        // "Items__part_1" would be the class of the first 256 items of part.yaml with extension members.
        GeneratorResult result = RunData("", Schema.Replace("      collection: Makers", "      collection: Items__part_1"));
        AssertDiagnostic(result, "TDS105", "schema.yaml", 24, 5, messageContains: "double underscore");
    }

    [Fact]
    public void TDS106_duplicate_name() =>
        AssertDiagnostic(RunData("", Schema.Replace("    Color: {", "    Item: {").Replace("color: Color?", "color: Item?")), "TDS106", "schema.yaml", 11, 5);

    [Fact]
    public void TDS107_unknown_field_type_with_suggestion() =>
        AssertDiagnostic(RunData("", Schema.Replace("color: Color?", "color: Colour?")), "TDS107", "schema.yaml", 17, 16, messageContains: "did you mean 'Color'?");

    [Fact]
    public void TDS108_value_that_contains_itself() =>
        AssertDiagnostic(RunData("", Schema.Replace("        height: integer\n", "        height: integer\n        inner: Size\n")), "TDS108", "schema.yaml", 6, 5);

    [Fact]
    public void TDS109_invalid_evidence_configuration() =>
        AssertDiagnostic(RunData("", Schema + "\n  evidence: { source: Doc, file: f, sha256: s, quote: Size, quote_source: x, paragraph: width, text: t }\n"),
            "TDS109", "schema.yaml", 29, 13);

    [Fact]
    public void TDS110_inverse_on_a_field_that_is_not_a_reference() =>
        AssertDiagnostic(RunData("", Schema.Replace("        name: string\n        color", "        name: { type: string, inverse: Things }\n        color")), "TDS110", "schema.yaml", 16, 9);

    // ---------------- Data ----------------

    [Fact]
    public void TDS201_unknown_collection_with_suggestion() =>
        AssertDiagnostic(RunData("Itms:\n  - id: a\n"), "TDS201", "data.yaml", 1, 1, messageContains: "did you mean 'Items'?");

    [Fact]
    public void TDS202_unknown_field_with_suggestion() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    name: A\n    colour: red\n"), "TDS202", "data.yaml", 4, 5, messageContains: "did you mean 'color'?");

    [Fact]
    public void TDS203_missing_required_field() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    color: red\n"), "TDS203", "data.yaml", 2, 5, messageContains: "'name'");

    [Fact]
    public void TDS204_wrong_scalar_type() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    name: A\n    count: lots\n"), "TDS204", "data.yaml", 4, 12);

    [Fact]
    public void TDS204_out_of_range_number() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    name: A\n    count: 99999999999\n"), "TDS204", "data.yaml", 4, 12, messageContains: "out of range");

    [Fact]
    public void TDS204_thousands_separator_is_explained() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    name: A\n    price: 1,5\n"), "TDS204", "data.yaml", 4, 12, messageContains: "thousands separators");

    [Fact]
    public void TDS205_bad_date() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    name: A\n    added: 2017-02-30\n"), "TDS205", "data.yaml", 4, 12);

    [Fact]
    public void TDS206_unknown_enum_value() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    name: A\n    color: dark blu\n"), "TDS206", "data.yaml", 4, 12, messageContains: "did you mean 'dark blue'?");

    [Fact]
    public void TDS207_unknown_reference_with_suggestion() =>
        AssertDiagnostic(RunData("Items:\n  - id: a\n    name: A\n    maker: acne\n"), "TDS207", "data.yaml", 4, 12, messageContains: "did you mean 'acme'?");

    [Fact]
    public void TDS208_duplicate_key_across_files() =>
        AssertDiagnostic(RunData("Makers:\n  - id: acme\n    name: Again\n"), "TDS208", "makers.yaml", 2, 9, messageContains: "data.yaml(2,9)");

    [Fact]
    public void TDS209_key_that_cannot_be_an_identifier() =>
        AssertDiagnostic(RunData("Items:\n  - id: 9lives\n    name: A\n"), "TDS209", "data.yaml", 2, 9);

    [Fact]
    public void TDS210_keys_that_collide_after_conversion()
    {
        GeneratorResult result = RunData("Items:\n  - id: red-box\n    name: A\n  - id: red_box\n    name: B\n  - id: all\n    name: C\n");
        AssertDiagnostic(result, "TDS210", "data.yaml", 4, 9, messageContains: "RedBox");
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "TDS210" && d.GetMessage().Contains("generated member"));
    }

    [Fact]
    public void TDS211_more_text_than_one_assembly_can_hold()
    {
        // Ten distinct names of two million characters (2 MB each in the user-string heap, as one
        // byte of data per ASCII character): the ninth fact crosses the 16 MB limit, before the
        // compiler's CS8103 would.
        static string Facts(int from, int length) => "Items:\n" + string.Concat(Enumerable.Range(from, 5)
            .Select(i => $"  - id: big-{i}\n    name: {(char)('a' + i)}{new string('x', length - 1)}\n"));
        GeneratorResult result = new GeneratorHarness().Run(
            TestFile.Data("schema.yaml", Schema), TestFile.Data("makers.yaml", GoodMaker),
            TestFile.Data("data.yaml", Facts(0, 2_000_000)), TestFile.Data("more.yaml", Facts(5, 2_000_000)));
        AssertDiagnostic(result, "TDS211", "more.yaml", 8, 9, messageContains: "split the facts");
        Assert.DoesNotContain(result.Sources, s => s.HintName.StartsWith("Data.", System.StringComparison.Ordinal));

        // Names of half that length fit: 10 MB.
        GeneratorResult fits = new GeneratorHarness().Run(
            TestFile.Data("schema.yaml", Schema), TestFile.Data("makers.yaml", GoodMaker),
            TestFile.Data("data.yaml", Facts(0, 1_000_000)), TestFile.Data("more.yaml", Facts(5, 1_000_000)));
        Assert.Empty(fits.GeneratorDiagnostics);
        Assert.Equal(new[] { "Data.data_", "Data.makers_", "Data.more_" }, fits.Sources.Where(s => s.HintName.StartsWith("Data.", System.StringComparison.Ordinal)).Select(s => s.HintName.Substring(0, s.HintName.IndexOf('_') + 1)));
    }

    // ---------------- Evidence ----------------

    private static GeneratorResult RunLibrary(string booksFrom, string booksTo, bool withTexts = true)
    {
        var files = Samples.Library.Select(f => f.Path.EndsWith("books.yaml") && booksFrom.Length > 0 ? f with { Text = f.Text.Replace(booksFrom, booksTo) } : f).ToList();
        if (withTexts) files.Add(Samples.Catalogue);
        return new GeneratorHarness { SourceTextsFound = withTexts }.Run(files);
    }

    [Fact]
    public void TDS301_evidence_not_verified_without_texts() =>
        AssertDiagnostic(RunLibrary("", "", withTexts: false), "TDS301", "facts/schema.yaml", 59, 5, DiagnosticSeverity.Info);

    [Fact]
    public void TDS302_quote_not_in_its_paragraph() =>
        AssertDiagnostic(RunLibrary("quote: \"Ficciones, 1944\"", "quote: \"Ficciones, 1945\""), "TDS302", "facts/books.yaml", 31, 16);

    [Fact]
    public void TDS302_says_where_the_quote_really_is()
    {
        GeneratorResult result = RunLibrary("        paragraph: 3\n", "        paragraph: 2\n");
        AssertDiagnostic(result, "TDS302", "facts/books.yaml", 31, 16, messageContains: "it is in paragraph 3");
    }

    [Fact]
    public void TDS303_paragraph_out_of_range() =>
        AssertDiagnostic(RunLibrary("        paragraph: 3\n", "        paragraph: 9\n"), "TDS303", "facts/books.yaml", 31, 16);

    [Fact]
    public void TDS304_source_hash_mismatch() =>
        AssertDiagnostic(RunLibrary("sha256: 7df1", "sha256: 0df1"), "TDS304", "facts/books.yaml", 36, 13);

    [Fact]
    public void TDS305_source_text_missing() =>
        AssertDiagnostic(RunLibrary("file: catalogue.txt", "file: other.txt"), "TDS305", "facts/books.yaml", 35, 11, DiagnosticSeverity.Warning);

    [Fact]
    public void TDS306_paragraph_count_mismatch() =>
        AssertDiagnostic(RunLibrary("paragraphs: 3", "paragraphs: 4"), "TDS306", "facts/books.yaml", 37, 17);

    // ---------------- Build ----------------

    [Fact]
    public void TDS901_language_version_too_low() =>
        AssertDiagnostic(new GeneratorHarness { LanguageVersion = LanguageVersion.CSharp8 }.Run(TestFile.Data("schema.yaml", Schema)), "TDS901", "schema.yaml", 2, 3);

    [Fact]
    public void TDS902_invalid_namespace() =>
        AssertDiagnostic(new GeneratorHarness { Namespace = "1bad.ns" }.Run(TestFile.Data("schema.yaml", Schema)), "TDS902", "schema.yaml", 2, 3);

    // ---------------- Behaviour around errors ----------------

    [Fact]
    public void One_bad_fact_does_not_hide_other_diagnostics_and_good_facts_still_generate()
    {
        GeneratorResult result = RunData("Items:\n  - id: good\n    name: Good\n  - id: bad\n    name: Bad\n    maker: nobody\n  - id: worse\n    name: Worse\n    count: x\n  - id: follower\n    name: F\n");
        Assert.Equal(new[] { "TDS204", "TDS207" }, result.GeneratorDiagnostics.Select(d => d.Id).OrderBy(i => i));
        string data = result.Sources.Single(s => s.HintName.StartsWith("Data.data_")).Text;
        Assert.Contains("public static global::Sample.Facts.Item Good =>", data);
        Assert.Contains("public static global::Sample.Facts.Item Follower =>", data);
        Assert.DoesNotContain(" Bad =>", data);
        Assert.DoesNotContain(" Worse =>", data);
        // The generated code is still valid C#: the user sees only the YAML errors.
        Assert.Empty(result.CompileDiagnostics);
    }

    [Fact]
    public void A_fact_that_refers_to_a_broken_fact_is_left_out_so_nothing_fails_at_run_time()
    {
        GeneratorResult result = RunData("Makers:\n  - id: broken\n    nam: x\nItems:\n  - id: a\n    name: A\n    maker: broken\n");
        Assert.Equal(new[] { "TDS202", "TDS203" }, result.GeneratorDiagnostics.Select(d => d.Id).OrderBy(i => i));
        Assert.DoesNotContain(result.Sources, s => s.HintName.StartsWith("Data.data_"));
        Assert.Empty(result.CompileDiagnostics);
    }

    [Fact]
    public void Every_descriptor_is_documented_and_tracked()
    {
        string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(Snapshot.Directory, "..", "..", ".."));
        string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "docs", "diagnostics.md"));
        string releases = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "generator", "AnalyzerReleases.Unshipped.md"));
        var ids = typeof(TypedDataset.Generator.DatasetGenerator).Assembly.GetType("TypedDataset.Generator.DiagnosticDescriptors")!
            .GetFields().Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id).ToList();
        Assert.True(ids.Count >= 30);
        Assert.All(ids, id => Assert.Contains("## " + id, docs));
        Assert.All(ids, id => Assert.Contains(id + " |", releases));
    }
}
