using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests.Hostile;

/// <summary>
/// Determinism and concurrency: byte-identical output (sources and diagnostics) whatever the order
/// of the files, the run, the culture or the thread; no static mutable state in the generator.
/// </summary>
public class DeterminismTests
{
    /// <summary>The sample, plus a data file with errors and decimals, so diagnostics are compared too.</summary>
    private static List<TestFile> Inputs() => Samples.LibraryWithTexts.Concat(new[]
    {
        TestFile.Data("facts/more.yaml", "Books:\n  - id: zz-top\n    title: Z\n    author: ursula-le-guin\n    genre: novel\n    in_print: true\n    price: { amount: 12.5, currency: EUR }\n  - id: zz-neg\n    title: N\n    author: jorge-luis-borges\n    genre: short stories\n    in_print: false\n    price: { amount: -0.125, currency: USD }\n  - id: bad\n    title: B\n    author: nobody\n    genre: novle\n    in_print: maybe\n    pages: 1,000\n"),
        TestFile.Data("facts/a/authors2.yaml", "Authors:\n  - id: i-author\n    name: \u0130stanbul I\u0131 \u00DF\n    aliases: [\"\u0131\", I]\n    born: 2017-02\n"),
    }).ToList();

    /// <summary>Everything a run produces, as one string: sources by hint name, then formatted diagnostics.</summary>
    private static string Output(IEnumerable<TestFile> files)
    {
        GeneratorResult result = Hostile.Run(files, new GeneratorHarness { SourceTextsFound = true });
        return string.Join("\n\u0000\n", result.Sources.Select(s => s.HintName + "\n" + s.Text))
            + "\n\u0000\n" + string.Join("\n", result.GeneratorDiagnostics.Select(d => GeneratorResult.Format(d)).OrderBy(s => s, StringComparer.Ordinal));
    }

    private static T WithCulture<T>(string name, Func<T> action)
    {
        CultureInfo culture = CultureInfo.CurrentCulture, ui = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = name.Length == 0 ? CultureInfo.InvariantCulture : new CultureInfo(name);
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = ui;
        }
    }

    [Fact]
    public void Output_is_identical_for_any_order_of_the_files_and_across_runs()
    {
        List<TestFile> inputs = Inputs();
        string expected = Output(inputs);
        Assert.Contains("TDS207", expected); // the comparison covers diagnostics too
        var random = new Random(20170219);
        for (int i = 0; i < 12; i++)
        {
            List<TestFile> shuffled = inputs.OrderBy(_ => random.Next()).ToList();
            Assert.True(expected == Output(shuffled), "differs for order " + string.Join(", ", shuffled.Select(f => f.Path)));
        }
        Assert.Equal(expected, Output(Enumerable.Reverse(inputs)));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    [InlineData("sv-SE")]  // U+2212 minus sign
    [InlineData("fa-IR")]
    public void Output_is_identical_under_any_culture(string culture)
    {
        string invariant = WithCulture("", () => Output(Inputs()));
        string other = WithCulture(culture, () => Output(Inputs()));
        Assert.Equal(invariant, other);
    }

    [Fact]
    public void Decimals_keep_their_value_and_scale_under_any_culture()
    {
        const string Data = "Items:\n  - id: a\n    name: A\n    price: 12.5\n  - id: b\n    name: B\n    price: -1e3\n  - id: c\n    name: C\n    price: 0.10\n";
        GeneratorResult result = WithCulture("de-DE", () => Hostile.RunData(Data));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal(WithCulture("", () => Hostile.RunData(Data)).Sources.Select(s => s.Text), result.Sources.Select(s => s.Text));
        Assembly assembly = WithCulture("de-DE", () => result.Load());
        string Price(string member) => ((decimal)Hostile.Get(Hostile.Static(assembly, "Sample.Facts.Items", member), "Price")!).ToString(CultureInfo.InvariantCulture);
        Assert.Equal("12.5", Price("A"));
        Assert.Equal("-1000", Price("B"));
        Assert.Equal("0.10", Price("C"));
    }

    [Fact]
    public void Parallel_drivers_give_identical_output()
    {
        List<TestFile> inputs = Inputs();
        string expected = Output(inputs);
        var outputs = new string[24];
        Parallel.For(0, outputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            // Different cultures on different threads, and different file orders.
            string[] cultures = { "", "de-DE", "tr-TR", "fr-FR" };
            outputs[i] = WithCulture(cultures[i % cultures.Length], () => Output(i % 2 == 0 ? inputs : Enumerable.Reverse(inputs)));
        });
        Assert.All(outputs, o => Assert.Equal(expected, o));
    }

    /// <summary>
    /// Static fields of generator types must be readonly and of an immutable type. Documented
    /// exceptions: collections that are filled in the static constructor and only read afterwards.
    /// </summary>
    [Fact]
    public void The_generator_holds_no_static_mutable_state()
    {
        var readOnlyAfterInit = new HashSet<string>(StringComparer.Ordinal)
        {
            // Filled once in the type initializer, only read afterwards.
            "TypedDataset.Generator.DiagnosticDescriptors.s_byId",
            "TypedDataset.Generator.Common.Names.Keywords",
            "TypedDataset.Generator.Validation.SchemaValidator.Primitives",
        };
        var immutableTypes = new HashSet<Type>
        {
            typeof(string), typeof(Regex), typeof(Microsoft.CodeAnalysis.DiagnosticDescriptor), typeof(StringComparer),
        };
        var problems = new List<string>();
        Assembly generator = typeof(TypedDataset.Generator.DatasetGenerator).Assembly;
        int checkedFields = 0;
        foreach (Type type in generator.GetTypes())
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsLiteral) continue; // const
                if (field.Name.Contains("<>", StringComparison.Ordinal) || type.Name.Contains("<>", StringComparison.Ordinal)) continue; // compiler-cached lambdas
                checkedFields++;
                string name = type.FullName + "." + field.Name.Replace("<", "").Replace(">k__BackingField", "");
                if (!field.IsInitOnly)
                {
                    problems.Add(name + " is not readonly");
                    continue;
                }
                Type t = field.FieldType;
                bool immutable = t.IsPrimitive || t.IsEnum || immutableTypes.Contains(t)
                    || (t.IsArray && t.GetElementType() == typeof(string)) // see Readonly_static_arrays_are_never_written
                    || (t.IsGenericType && t.GetGenericTypeDefinition().Name.StartsWith("ImmutableEquatableArray", StringComparison.Ordinal))
                    || (t.IsGenericType && t.GetGenericTypeDefinition().Name.StartsWith("Immutable", StringComparison.Ordinal))
                    || t.Name is "ValueSpec" or "ReferenceEqualityComparer"   // immutable records / stateless comparers
                    || readOnlyAfterInit.Contains(name);
                if (!immutable) problems.Add($"{name} has the mutable type {t.Name}");
            }
        }
        Assert.True(checkedFields >= 10, "found only " + checkedFields + " static fields: the check is not looking");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Readonly_static_arrays_are_never_written()
    {
        string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(Snapshot.Directory, "..", "..", "..", "generator"));
        var sources = System.IO.Directory.GetFiles(root, "*.cs", System.IO.SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(System.IO.File.ReadAllText).ToList();
        Assembly generator = typeof(TypedDataset.Generator.DatasetGenerator).Assembly;
        var arrays = generator.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType.IsArray).Select(f => f.Name).ToList();
        Assert.NotEmpty(arrays);
        foreach (string name in arrays)
        {
            var write = new Regex(@"\b" + Regex.Escape(name) + @"\s*\[[^\]]*\]\s*=[^=]|Array\.(Sort|Reverse|Clear|Fill|Resize)\(\s*" + Regex.Escape(name) + @"\b");
            Assert.DoesNotContain(sources, s => write.IsMatch(s));
        }
    }
}
