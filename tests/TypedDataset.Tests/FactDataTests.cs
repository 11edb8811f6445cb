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
/// Facts as data (every target and C# version, DatasetEmitter/FactData): every kind of value, at its
/// limits, reads back exactly as the YAML gives it.
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

    /// <summary>The first fact as <see cref="Value"/> shows it (characters outside printable ASCII as \uXXXX).</summary>
    private static readonly string Expected = """Item{Added=2017-02-19 Color=Green Colors=[Red,DarkBlue,Green] Count=-2147483648 Counts=[2147483647,-1,0,1,31,32,1023,1024,-2147483647] Dates=[2017,2017-02,0001-01-01,9999-12-31] Flags=[true,false] Id='extremes' Maker=elan-co Makers=[acme,elan-co,acme] Name='Ext "q" \ */ \u202E \u00E9\u4E2D \uD83D\uDE00' Note='' Price=79228162514264337593543950335 Prices=[-79228162514264337593543950335,0.0000000000000000000000000001,-0.10,0,1000,4294967296.5] Size=Size{Height=2147483647 Label='a\u000Ab' Width=-5} Sizes=[Size{Height=2 Label=null Width=1},Size{Height=4 Label='x' Width=3}] SoldOut=false Words=['','x\uD800y','""" + new string('w', 300) + @"\u00E9" + new string('v', 300) + @"','\u0009\u000D\u000A\u0000']}";

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

    [Fact]
    public void Every_kind_of_value_reads_back_exactly()
    {
        GeneratorResult result = new GeneratorHarness { OverflowChecks = true }
            .Run(TestFile.Data("facts/schema.yaml", Schema), TestFile.Data("facts/makers.yaml", Makers), TestFile.Data("facts/items.yaml", Items));
        Assert.Empty(result.GeneratorDiagnostics.Select(GeneratorResult.Format));
        Assert.Empty(result.CompileDiagnostics.Select(GeneratorResult.Format));
        Assembly assembly = result.Load();
        string[] dump = Dump(assembly).Split('\n');
        Assert.Equal(Expected, dump[0]);
        // Enums and dates (single or optional) are stored as ints, so loading the record loads none
        // of their types; the properties above still read back typed values.
        Type item = assembly.GetType("Sample.Facts.Item", throwOnError: true)!;
        foreach (FieldInfo field in item.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Type stored = Nullable.GetUnderlyingType(field.FieldType) ?? field.FieldType;
            Assert.False(stored.IsEnum || stored.Name == "PartialDate", $"{field.Name} is stored as {field.FieldType}");
        }
        Assert.Equal("Sample.Facts.Color", Nullable.GetUnderlyingType(item.GetProperty("Color")!.PropertyType)!.FullName);
        Assert.Equal("Item{Added=null Color=null Colors=[] Count=null Counts=[] Dates=[] Flags=[] Id='nothing' Maker=null Makers=[] Name='N' Note=null Price=null Prices=[] Size=null Sizes=[] SoldOut=null Words=[]}", dump[1]);
        for (int i = 0; i < 40; i++)
        {
            Assert.Contains($" Count={i * 1000} ", dump[2 + i]);
            Assert.Contains($" Price={i}.{i:D2} ", dump[2 + i]);
            Assert.Contains($" Id='filler-{i}' Maker=acme ", dump[2 + i]);
        }
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
            case string s: return "'" + string.Concat(s.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}")) + "'";
            case bool b: return b ? "true" : "false";
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
