using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests.Hostile;

/// <summary>
/// Code and doc injection: hostile text in values, ids, names and docs either round-trips exactly
/// (values, docs) or is rejected with a diagnostic (ids, names); the generated code always compiles
/// warning-free and never holds a raw bidi, zero-width or line-separator character.
/// </summary>
public class InjectionTests
{
    /// <summary>Strings that break naive code generators.</summary>
    public static readonly string[] HostileStrings =
    {
        "\"", "\\", "\\\"", "{", "}", "{0}", "{{}}", "\n", "\r\n", "\r", "line\nbreak", "*/", "/*", "*/ class X { } /*", "//", "// comment\nclass Injected { }",
        "#", "#if false", "#error boom", "</summary>", "<summary>", "</para><script>alert(1)</script>", "<![CDATA[x]]>", "&", "&amp;", "&#x202E;", "<see cref=\"System.Object\"/>",
        "\uD800", "\uDFFF", "x\uD800y", "\uDC00\uD800", "\U0001F600",
        "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "admin\u202E\u2066 // check\u2069\u2066",
        "\u200B", "\u200C", "\u200D", "\uFEFF", "a\u200Bb", "\u2028", "\u2029", "\u0085", "a\u2028b\u2029c\u0085d",
        "class", "null", "true", "@class", "$\"{x}\"", "\"\"\"raw\"\"\"", "@\"verbatim\"\"\"", "\\u0022", "\\n", "\t", "\0", "\u0001\u001F\u007F\u0080\u009F",
        "\uFFFE", "\uFFFF", "\uFDD0", "\uE000", "e\u0301", "\u0130\u0131", "\u00A0", "", " ", "  padded  ", "~", "-", "'", "''",
        new string('x', 5000) + "\u202E" + new string('"', 300),
    };

    public static TheoryData<string> Forms => new() { "escaped", "raw" };

    /// <summary>A double-quoted YAML scalar: all non-ASCII escaped, or written raw where YAML allows it.</summary>
    private static string Quote(string value, string form)
    {
        if (form == "escaped") return Hostile.YamlQuoted(value);
        var b = new StringBuilder("\"");
        foreach (char c in value)
        {
            if (c == '"') b.Append("\\\"");
            else if (c == '\\') b.Append("\\\\");
            else if (c < ' ' || (c >= '\u007F' && c <= '\u009F' && c != '\u0085') || (c >= '\uFDD0' && c <= '\uFDEF') || c >= '\uFFFE')
                b.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else b.Append(c); // raw: bidi, zero-width, BOM, U+2028/2029/0085, surrogates, …
        }
        return b.Append('"').ToString();
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void String_values_round_trip_exactly_and_the_source_stays_clean(string form)
    {
        var data = new StringBuilder("Items:\n");
        var makers = new StringBuilder("Makers:\n");
        for (int i = 0; i < HostileStrings.Length; i++)
        {
            data.Append("  - id: item-").Append(i).Append("\n    name: ").Append(Quote(HostileStrings[i], form)).Append('\n');
            makers.Append("  - id: maker-").Append(i).Append("\n    name: ").Append(Quote(HostileStrings[i], form)).Append('\n');
        }
        GeneratorResult result = Hostile.Run(TestFile.Data("schema.yaml", Hostile.Schema), TestFile.Data("makers.yaml", makers.ToString()), TestFile.Data("data.yaml", data.ToString()));
        Assert.True(result.GeneratorDiagnostics.IsEmpty, Hostile.Describe(result));
        Hostile.AssertCompiles(result);
        Hostile.AssertCleanSources(result);
        Hostile.AssertNoInjectedSyntax(result);

        Assembly assembly = result.Load();
        for (int i = 0; i < HostileStrings.Length; i++)
        {
            Assert.Equal(HostileStrings[i], Hostile.Get(Hostile.Static(assembly, "Sample.Facts.Items", "Item" + i), "Name"));
            Assert.Equal(HostileStrings[i], Hostile.Get(Hostile.Static(assembly, "Sample.Facts.Makers", "Maker" + i), "Name"));
        }
        // Lookups by name use the exact text too.
        Type items = assembly.GetType("Sample.Facts.Items")!;
        var found = (System.Collections.IEnumerable)items.GetMethod("FindByName")!.Invoke(null, new object[] { "</summary>" })!;
        Assert.Single(found.Cast<object>());
    }

    [Fact]
    public void Ids_that_would_give_invisible_or_confusable_identifiers_are_rejected()
    {
        string[] ids =
        {
            "a\u202Eb", "a\u2066b", "a\u200Bb", "a\u200Db", "\uFEFFa", "a\u2028b", "a\u0085b", "\u0430pple" /* Cyrillic a */, "p\u0430ypal",
            "\uFF41bc" /* fullwidth a */, "e\u0301", "\u0131d" /* dotless i */, "caf\u00E9", "a\uD800", "\U0001D41Ag" /* math bold */,
            "a\"b", "a\\b", "a{b}", "a b", "a/b", "a*/b", "a//b", "a#b", "a<b>", "a&b", "a\tb", "1abc", "-abc", "abc-", "a--b", "a._b", "",
            new string('k', 201),
        };
        var data = new StringBuilder("Items:\n");
        foreach (string id in ids) data.Append("  - id: ").Append(Hostile.YamlQuoted(id)).Append("\n    name: n\n");
        data.Append("  - id: fine.id_1-x\n    name: ok\n");
        GeneratorResult result = Hostile.RunData(data.ToString());

        Assert.Equal(ids.Length, result.GeneratorDiagnostics.Count(d => d.Id == "TDS209"));
        Assert.Equal(result.GeneratorDiagnostics.Length, result.GeneratorDiagnostics.Count(d => d.Id == "TDS209"));
        Assert.Equal(new[] { "FineId1X" }, Hostile.FactMembers(result, "Items"));
        foreach (Diagnostic d in result.GeneratorDiagnostics)
        {
            string message = d.GetMessage(CultureInfo.InvariantCulture);
            Assert.True(message.IndexOfAny(Hostile.ForbiddenInSource) < 0 && message.All(c => !char.IsSurrogate(c) || char.IsHighSurrogate(c)),
                "raw invisible character in: " + message);
        }
        Hostile.AssertCompiles(result);
        Hostile.AssertCleanSources(result);
    }

    [Fact]
    public void Keys_that_are_csharp_keywords_become_safe_member_names()
    {
        var keywords = new[] { "class", "namespace", "void", "return", "null", "true", "object", "string", "global", "var", "value", "set", "record", "init" };
        string data = "Items:\n" + string.Concat(keywords.Select(k => $"  - id: '{k}'\n    name: '{k}'\n"));
        GeneratorResult result = Hostile.RunData(data);
        Assert.True(result.GeneratorDiagnostics.IsEmpty, Hostile.Describe(result));
        Hostile.AssertCompiles(result);
        Assembly assembly = result.Load();
        foreach (string k in keywords)
        {
            string member = char.ToUpperInvariant(k[0]) + k.Substring(1);
            Assert.Equal(k, Hostile.Get(Hostile.Static(assembly, "Sample.Facts.Items", member), "Id"));
        }
    }

    [Fact]
    public void Hostile_field_type_enum_and_collection_names_are_rejected_and_nothing_broken_is_emitted()
    {
        string[] names = { "na\u200Bme", "\u0430", "x\"y", "a{b}", "a*/b", "a//b", "a#b", "a<b", "a\nb", "a\u202Eb", "\uFEFFname", "1st", "class", "Equals", "ToString", "EqualityContract", "", new string('f', 300) };
        var schema = new StringBuilder("schema:\n  root: Shop\n  enums:\n");
        for (int i = 0; i < names.Length; i++) schema.Append("    ").Append(Hostile.YamlQuoted("E" + names[i])).Append(": { values: [").Append(Hostile.YamlQuoted(names[i])).Append("] }\n");
        schema.Append("  types:\n    Item:\n      collection: Items\n      key: id\n      fields:\n        ok: string\n");
        for (int i = 0; i < names.Length; i++) schema.Append("        ").Append(Hostile.YamlQuoted(names[i])).Append(": string\n");
        schema.Append("    ").Append(Hostile.YamlQuoted("T\u200Bype")).Append(":\n      collection: ").Append(Hostile.YamlQuoted("C\u202Eol")).Append("\n      key: id\n");
        var files = new[] { TestFile.Data("schema.yaml", schema.ToString()) };
        GeneratorResult result = Hostile.Run(files);

        Assert.NotEmpty(result.GeneratorDiagnostics);
        Assert.All(result.GeneratorDiagnostics, d => Assert.True(d.Id is "TDS105" or "TDS106" or "TDS002", GeneratorResult.Format(d)));
        // Every hostile field name is reported, except the three that are fine C# once PascalCased ("class" → Class, and the two enum-safe ones).
        Assert.True(result.GeneratorDiagnostics.Count(d => d.Id == "TDS105") >= names.Length, Hostile.Describe(result));
        Assert.Empty(result.Sources); // a schema with errors generates nothing
        Hostile.AssertLocatedInInputs(result, files);
        Hostile.AssertCompiles(result);
    }

    [Fact]
    public void Enum_values_with_punctuation_round_trip_through_ToYamlString()
    {
        string schema = Hostile.Schema.Replace("values: [red, dark blue]", "values: [red, \"rock 'n' roll & (more)/+,\", \"it's\", \"a+b\"]");
        var files = new[]
        {
            TestFile.Data("schema.yaml", schema),
            TestFile.Data("data.yaml", "Items:\n  - id: a\n    name: A\n    color: \"rock 'n' roll & (more)/+,\"\n  - id: b\n    name: B\n    color: it's\n"),
        };
        GeneratorResult result = Hostile.Run(files);
        Assert.True(result.GeneratorDiagnostics.IsEmpty, Hostile.Describe(result));
        Hostile.AssertCompiles(result);
        Assembly assembly = result.Load();
        object color = Hostile.Get(Hostile.Static(assembly, "Sample.Facts.Items", "A"), "Color")!;
        Assert.Equal("RockNRollMore", color.ToString());
        MethodInfo toYaml = assembly.GetType("Sample.Facts.ColorExtensions")!.GetMethod("ToYamlString")!;
        Assert.Equal("rock 'n' roll & (more)/+,", toYaml.Invoke(null, new[] { color }));
        Assert.Equal("it's", toYaml.Invoke(null, new[] { Hostile.Get(Hostile.Static(assembly, "Sample.Facts.Items", "B"), "Color")! }));
    }

    [Fact]
    public void Doc_strings_with_hostile_text_stay_inside_their_comment_and_compile_warning_free()
    {
        string all = string.Concat(HostileStrings.Take(HostileStrings.Length - 1));
        string doc = Hostile.YamlQuoted(all);
        string schema = Hostile.Schema
            .Replace("  root: Shop\n", $"  root: Shop\n  doc: {doc}\n")
            .Replace("    Color: { values: [red, dark blue] }", $"    Color: {{ doc: {doc}, values: [red, dark blue] }}")
            .Replace("    Item:\n      collection: Items\n", $"    Item:\n      doc: {doc}\n      collection: Items\n")
            .Replace("        name: string\n        color", $"        name: {{ type: string, doc: {doc} }}\n        color")
            .Replace("        width: integer", $"        width: {{ type: integer, doc: {doc} }}");
        var files = new[]
        {
            TestFile.Data("schema.yaml", schema),
            TestFile.Data("makers.yaml", Hostile.GoodMaker),
            TestFile.Data("data.yaml", $"Items:\n  - id: a\n    name: {doc}\n    size: {{ width: 1, height: 2 }}\n    maker: acme\n"),
        };
        GeneratorResult result = Hostile.Run(files);
        Assert.True(result.GeneratorDiagnostics.IsEmpty, Hostile.Describe(result));
        Hostile.AssertCompiles(result);   // CS1570/CS1587 (bad XML doc) would be errors here
        Hostile.AssertCleanSources(result);
        string types = result.Sources.Single(s => s.HintName == "Shop.Types.g.cs").Text;
        Assert.DoesNotContain("</summary><script>", types);
        Hostile.AssertNoInjectedSyntax(result);
        Assert.Equal("a", Hostile.Get(Hostile.Static(result.Load(), "Sample.Facts.Items", "A"), "Id"));
    }
}
