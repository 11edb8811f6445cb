using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests;

/// <summary>
/// Facts as UTF-8 data (C# 11 and later, DatasetEmitter/FactData): every kind of value, at its
/// limits, reads back exactly as the same facts written as C# literals (C# 10) do.
/// </summary>
public class FactDataTests
{
    private const string Schema = """
schema:
  root: Shop
  enums:
    Color: { values: [red, dark blue, green] }
  values:
    Size:
      fields:
        width: integer
        height: integer
        label: string?
  types:
    Item:
      collection: Items
      key: id
      name: name
      fields:
        name: string
        note: string?
        color: Color?
        colors: Color[]
        price: decimal?
        prices: decimal[]
        count: integer?
        counts: integer[]
        added: date?
        dates: date[]
        sold_out: boolean?
        flags: boolean[]
        size: Size?
        sizes: Size[]
        maker: Maker?
        makers: Maker[]
        words: string[]
    Maker:
      collection: Makers
      key: id
      fields:
        name: string
""";

    private const string Makers = "Makers:\n  - id: acme\n    name: ACME\n  - id: elan-co\n    name: \"\u00c9lan \u2013 \U0001F600\"\n";

    private static readonly string Items = "Items:\n"
        + "  - id: extremes\n"
        + "    name: \"Ext \\\"q\\\" \\\\ */ \\u202E \\u00e9\\u4e2d \\U0001F600\"\n"
        + "    note: \"\"\n"
        + "    color: green\n"
        + "    colors: [red, dark blue, green]\n"
        + "    price: 79228162514264337593543950335\n"
        + "    prices: [-79228162514264337593543950335, 0.0000000000000000000000000001, -0.10, 0, 1e3, 4294967296.5]\n"
        + "    count: -2147483648\n"
        + "    counts: [2147483647, -1, 0, 1, 31, 32, 1023, 1024, -2147483647]\n"
        + "    added: 2017-02-19\n"
        + "    dates: [2017, 2017-02, 0001-01-01, 9999-12-31]\n"
        + "    sold_out: false\n"
        + "    flags: [true, false]\n"
        + "    size: { width: -5, height: 2147483647, label: \"a\\nb\" }\n"
        + "    sizes: [{ width: 1, height: 2 }, { width: 3, height: 4, label: x }]\n"
        + "    maker: elan-co\n"
        + "    makers: [acme, elan-co, acme]\n"
        + "    words: [\"\", \"x\uD800y\", \"" + new string('w', 300) + "\\u00e9" + new string('v', 300) + "\", \"\\t\\r\\n\\0\"]\n"
        + "  - id: nothing\n"
        + "    name: N\n"
        + string.Concat(Enumerable.Range(0, 40).Select(i => $"  - id: filler-{i}\n    name: Filler {i}\n    count: {i * 1000}\n    price: {i}.{i:D2}\n    maker: acme\n"));

    private static GeneratorResult Run(LanguageVersion language) =>
        new GeneratorHarness { LanguageVersion = language, OverflowChecks = true }
            .Run(TestFile.Data("facts/schema.yaml", Schema), TestFile.Data("facts/makers.yaml", Makers), TestFile.Data("facts/items.yaml", Items));

    [Fact]
    public void Every_kind_of_value_reads_back_as_its_literal_does()
    {
        GeneratorResult data = Run(LanguageVersion.Latest), literals = Run(LanguageVersion.CSharp10);
        Assert.Empty(data.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assert.Empty(literals.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assert.Empty(data.CompileDiagnostics.Select(GeneratorResult.Format));
        Assert.Empty(literals.CompileDiagnostics.Select(GeneratorResult.Format));
        Assert.Contains(data.Sources, s => s.Text.Contains("TypedDatasetRuntime.Reader(", StringComparison.Ordinal));
        Assert.DoesNotContain(literals.Sources, s => s.Text.Contains("TypedDatasetRuntime.Reader(", StringComparison.Ordinal));

        string fromData = Dump(data.Load()), fromLiterals = Dump(literals.Load());
        Assert.Equal(fromLiterals, fromData);
        // The dump is not vacuous: it holds the extremes as the YAML gives them.
        Assert.Contains("Price=79228162514264337593543950335", fromData);
        Assert.Contains("-0.10", fromData);
        Assert.Contains("0.0000000000000000000000000001", fromData);
        Assert.Contains("Count=-2147483648", fromData);
        Assert.Contains("x\uD800y", fromData);
        Assert.Contains("Name='Ext \"q\" \\ */ \u202E \u00e9\u4e2d \U0001F600'", fromData);
        Assert.Contains("Makers=[acme,elan-co,acme]", fromData);
        Assert.Contains("Count=39000", fromData);
    }

    /// <summary>Every Item fact, in <c>All</c> order, each property by name; references by key.</summary>
    private static string Dump(Assembly assembly)
    {
        var all = (IEnumerable)assembly.GetType("Sample.Facts.Items", throwOnError: true)!.GetProperty("All")!.GetValue(null)!;
        var text = new StringBuilder();
        foreach (object item in all) text.Append(Value(item, top: true)).Append('\n');
        return text.ToString();
    }

    private static string Value(object? value, bool top = false)
    {
        switch (value)
        {
            case null: return "null";
            case string s: return "'" + s + "'";
            case decimal d: return d.ToString(CultureInfo.InvariantCulture);
            case IFormattable f when value.GetType().IsPrimitive || value.GetType().IsEnum: return f.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable list: return "[" + string.Join(",", list.Cast<object?>().Select(v => Value(v))) + "]";
        }
        Type type = value.GetType();
        PropertyInfo? id = type.GetProperty("Id");
        if (id is not null && !top) return (string)id.GetValue(value)!;
        if (type.Name == "PartialDate") return value.ToString()!;
        return type.Name + "{" + string.Join(" ", type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + Value(p.GetValue(value)))) + "}";
    }
}
