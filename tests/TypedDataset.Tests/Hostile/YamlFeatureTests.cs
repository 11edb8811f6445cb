using System;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests.Hostile;

/// <summary>
/// Unusual but valid YAML gives exactly the values it means at run time (merge keys, block scalars,
/// quoting styles, tags, line endings, BOMs, separators, replacement characters).
/// </summary>
public class YamlFeatureTests
{
    private static Assembly Compile(string data)
    {
        GeneratorResult result = Hostile.RunData(data);
        Assert.True(result.GeneratorDiagnostics.IsEmpty, Hostile.Describe(result));
        Hostile.AssertCompiles(result);
        Hostile.AssertCleanSources(result);
        return result.Load();
    }

    private static object Item(Assembly assembly, string member) => Hostile.Static(assembly, "Sample.Facts.Items", member);

    private static string? Name(Assembly assembly, string member) => (string?)Hostile.Get(Item(assembly, member), "Name");

    [Fact]
    public void Merge_keys_and_aliases_give_the_merged_fields()
    {
        Assembly a = Compile("""
            Items:
              - &widget
                id: widget
                name: Widget
                color: red
                count: 1
                size: &size { width: 2, height: 3 }
              - <<: *widget
                id: gadget
                name: Gadget
              - <<: [ *widget, { count: 7, price: 1.5 } ]
                id: doohickey
                count: 9
              - id: gizmo
                name: Gizmo
                size: *size
            """);
        object gadget = Item(a, "Gadget");
        Assert.Equal("Gadget", Hostile.Get(gadget, "Name"));             // its own key wins
        Assert.Equal("Red", Hostile.Get(gadget, "Color")!.ToString());   // merged
        Assert.Equal(1, Hostile.Get(gadget, "Count"));
        Assert.Equal(2, Hostile.Get(Hostile.Get(gadget, "Size")!, "Width"));
        object doohickey = Item(a, "Doohickey");
        Assert.Equal("Widget", Hostile.Get(doohickey, "Name"));          // from the first merged mapping
        Assert.Equal(9, Hostile.Get(doohickey, "Count"));                // own value beats both merges
        Assert.Equal(1.5m, Hostile.Get(doohickey, "Price"));             // only in the second merged mapping
        Assert.Equal(3, Hostile.Get(Hostile.Get(Item(a, "Gizmo"), "Size")!, "Height"));
    }

    [Fact]
    public void Block_scalars_keep_their_exact_text()
    {
        Assembly a = Compile("Items:\n  - id: lit\n    name: |\n      line one\n        indented\n      line three\n  - id: fold\n    name: >\n      folded\n      text\n\n      para\n  - id: keep\n    name: |+\n      kept\n\n  - id: strip\n    name: >-\n      stripped\n      too\n  - id: indicator\n    name: |2\n       one space more\n");
        Assert.Equal("line one\n  indented\nline three\n", Name(a, "Lit"));
        Assert.Equal("folded text\npara\n", Name(a, "Fold"));
        Assert.Equal("kept\n\n", Name(a, "Keep"));
        Assert.Equal("stripped too", Name(a, "Strip"));
        Assert.Equal(" one space more\n", Name(a, "Indicator"));
    }

    [Fact]
    public void Crlf_and_cr_line_endings_read_as_newlines_in_values()
    {
        Assembly a = Compile("Items:\r\n  - id: a\r\n    name: |\r\n      one\r\n      two\r\n  - id: b\r    name: \"x\r\n      y\"\r");
        Assert.Equal("one\ntwo\n", Name(a, "A"));
        Assert.Equal("x y", Name(a, "B"));
    }

    [Fact]
    public void Quoting_styles_escapes_and_comments()
    {
        Assembly a = Compile("Items:\n  - id: a\n    name: 'it''s # not a comment'\n  - id: b\n    name: \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\x41 \\U0001F600 \\0 \\N\\L\\P\"\n  - id: c\n    name: plain # a comment\n  - id: d\n    name: \"multi\n      line\n\n      folded\"\n");
        Assert.Equal("it's # not a comment", Name(a, "A"));
        Assert.Equal("tab\there \"q\" \\ \u00e9 A \U0001F600 \0 \u0085\u2028\u2029", Name(a, "B"));
        Assert.Equal("plain", Name(a, "C"));
        Assert.Equal("multi line\nfolded", Name(a, "D"));
    }

    [Fact]
    public void Standard_tags_are_accepted()
    {
        Assembly a = Compile("Items:\n  - id: !!str a\n    name: !!str 123\n    count: !!int 5\n    price: !!float 2.5\n    sold_out: !!bool true\n    color: !!null\n    size: !!map { width: 1, height: 2 }\n");
        object item = Item(a, "A");
        Assert.Equal("123", Hostile.Get(item, "Name"));
        Assert.Equal(5, Hostile.Get(item, "Count"));
        Assert.Equal(2.5m, Hostile.Get(item, "Price"));
        Assert.Equal(true, Hostile.Get(item, "SoldOut"));
        Assert.Null(Hostile.Get(item, "Color"));
    }

    [Fact]
    public void A_byte_order_mark_as_first_character_is_ignored_and_positions_stay_right()
    {
        // The compiler strips a BOM when it decodes a file, but an editor buffer (or another host) may not.
        GeneratorResult result = Hostile.RunData("\uFEFFItems:\n  - id: a\n    name: A\n    count: lots\n");
        Assert.Equal(new[] { "TDS204 4:12" }, Hostile.Positions(result, "data.yaml"));
        Assert.Empty(Hostile.FactMembers(result, "Items"));  // the fact has an error
        GeneratorResult good = Hostile.RunData("\uFEFFItems:\n  - id: a\n    name: A\n");
        Assert.Empty(good.GeneratorDiagnostics);
        Assert.Equal(new[] { "A" }, Hostile.FactMembers(good, "Items"));
    }

    [Fact]
    public void Raw_unicode_line_separators_are_ordinary_characters_in_values()
    {
        // YAML 1.2 reads U+2028, U+2029 and U+0085 as content; the compiler counts them as line breaks
        // for positions, and so do the diagnostics.
        Assembly a = Compile("Items:\n  - id: a\n    name: \"x\u2028y\u0085z\"\n  - id: b\n    name: |\n      one\u2028two\u2029three\n  - id: c\n    name: plain\u2029value\n");
        Assert.Equal("x\u2028y\u0085z", Name(a, "A"));
        Assert.Equal("one\u2028two\u2029three\n", Name(a, "B"));
        Assert.Equal("plain\u2029value", Name(a, "C"));
        GeneratorResult result = Hostile.RunData("Items:\n  - id: a\n    name: \"x\u2028y\"\n    count: lots\n");
        Assert.Equal(new[] { "TDS204 5:12" }, Hostile.Positions(result, "data.yaml"));
        Hostile.AssertLocatedInInputs(result, new[] { TestFile.Data("schema.yaml", Hostile.Schema), TestFile.Data("makers.yaml", Hostile.GoodMaker), TestFile.Data("data.yaml", "Items:\n  - id: a\n    name: \"x\u2028y\"\n    count: lots\n") });
    }

    [Fact]
    public void Invalid_utf8_decodes_to_replacement_characters_and_the_value_keeps_them()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("Items:\n  - id: a\n    name: \"caf_ _ok\"\n");
        bytes[Array.IndexOf(bytes, (byte)'_')] = 0xE9;       // Latin-1 é: not UTF-8
        bytes[Array.LastIndexOf(bytes, (byte)'_')] = 0xFF;
        Assembly a = Compile(Hostile.Decode(bytes));
        Assert.Equal("caf\uFFFD \uFFFDok", Name(a, "A"));
    }

    [Fact]
    public void Escaped_nul_is_data_but_a_raw_nul_is_an_error_at_its_position()
    {
        Assert.Equal("A\0B", Name(Compile("Items:\n  - id: a\n    name: \"A\\0B\"\n"), "A"));
        GeneratorResult raw = Hostile.RunData("Items:\n  - id: a\n    name: \"A\0B\"\n  - id: b\n    name: B\n");
        Assert.Equal(new[] { "TDS001 3:13" }, Hostile.Positions(raw, "data.yaml"));
        Assert.Contains("NUL", raw.GeneratorDiagnostics.Single().GetMessage());
    }

    [Fact]
    public void A_binary_file_reports_a_bounded_number_of_errors()
    {
        var random = new Random(5);
        byte[] bytes = new byte[200_000];
        random.NextBytes(bytes);
        GeneratorResult result = Hostile.Run(TestFile.Data("schema.yaml", Hostile.Schema), TestFile.Data("data.yaml", Hostile.Decode(bytes)));
        int count = result.GeneratorDiagnostics.Count(d => d.Location.GetLineSpan().Path.EndsWith("data.yaml"));
        Assert.InRange(count, 1, 11); // at most 10 character reports, and maybe one syntax error
        Hostile.AssertCompiles(result);
    }

    [Fact]
    public void Duplicate_keys_are_errors_and_the_first_value_is_kept_not_the_last()
    {
        GeneratorResult result = Hostile.RunData("Items:\n  - id: a\n    name: First\n    name: Second\n");
        Assert.Equal(new[] { "TDS002 4:5" }, Hostile.Positions(result, "data.yaml"));
        Assert.Contains("first at line 3", result.GeneratorDiagnostics.Single().GetMessage());
        string data = result.Sources.Single(s => s.HintName.StartsWith("Data.data_", StringComparison.Ordinal)).Text;
        Assert.DoesNotContain("Second", data);
    }
}
