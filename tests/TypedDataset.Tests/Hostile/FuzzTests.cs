using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TypedDataset.Tests.Infrastructure;

namespace TypedDataset.Tests.Hostile;

/// <summary>
/// Property-based fuzzing with FsCheck: (a) valid datasets mutated by deleting, duplicating and
/// swapping characters, lines and tokens, and (b) random YAML-ish text. For every input: no
/// exception, a bounded time, every diagnostic located inside an input file (or TDS101/901/902),
/// and generated code that compiles without warnings.
/// A fixed seed and about 300 cases run by default; set TYPEDDATASET_FUZZ_CASES=N for a long run
/// (and TYPEDDATASET_FUZZ_SEED=S for another seed). A failure prints the seed, the case and the input.
/// </summary>
public class FuzzTests
{
    private const ulong DefaultSeed = 20170219;

    private static int Cases(int defaultCases)
    {
        string? value = Environment.GetEnvironmentVariable("TYPEDDATASET_FUZZ_CASES");
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : defaultCases;
    }

    private static ulong Seed()
    {
        string? value = Environment.GetEnvironmentVariable("TYPEDDATASET_FUZZ_SEED");
        return ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong s) ? s : DefaultSeed;
    }

    // ------------------------------------------------------------------ mutations

    private enum Kind { DeleteChar, DuplicateChar, SwapChars, InsertChar, DeleteLine, DuplicateLine, SwapLines, DeleteToken, DuplicateToken, SwapTokens, IndentLine }

    private sealed record Mutation(Kind Kind, int A, int B, char C);

    private static readonly char[] Interesting =
    {
        ' ', '\t', '\n', '\r', ':', '-', '?', '[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '<', '\\',
        '\0', '\u0085', '\u2028', '\uFEFF', '\u202E', '\u200B', '\uD800', '\uFFFD', 'x', '0', '9', '.', '~',
    };

    private static Gen<Mutation> MutationGen() =>
        from kind in Gen.Elements(Enum.GetValues<Kind>())
        from a in Gen.Choose(0, int.MaxValue - 1)
        from b in Gen.Choose(0, int.MaxValue - 1)
        from c in Gen.Elements(Interesting)
        select new Mutation(kind, a, b, c);

    private static string Apply(string text, Mutation m)
    {
        switch (m.Kind)
        {
            case Kind.DeleteChar when text.Length > 0:
                return text.Remove(m.A % text.Length, 1);
            case Kind.DuplicateChar when text.Length > 0:
            {
                int i = m.A % text.Length;
                return text.Insert(i, text[i].ToString());
            }
            case Kind.SwapChars when text.Length > 1:
            {
                char[] chars = text.ToCharArray();
                int i = m.A % chars.Length, j = m.B % chars.Length;
                (chars[i], chars[j]) = (chars[j], chars[i]);
                return new string(chars);
            }
            case Kind.InsertChar:
                return text.Insert(text.Length == 0 ? 0 : m.A % (text.Length + 1), m.C.ToString());
            case Kind.DeleteLine or Kind.DuplicateLine or Kind.SwapLines or Kind.IndentLine:
            {
                var lines = text.Split('\n').ToList();
                int i = m.A % lines.Count, j = m.B % lines.Count;
                if (m.Kind == Kind.DeleteLine) lines.RemoveAt(i);
                else if (m.Kind == Kind.DuplicateLine) lines.Insert(i, lines[i]);
                else if (m.Kind == Kind.SwapLines) (lines[i], lines[j]) = (lines[j], lines[i]);
                else lines[i] = new string(' ', 1 + m.B % 5) + lines[i];
                return string.Join("\n", lines);
            }
            case Kind.DeleteToken or Kind.DuplicateToken or Kind.SwapTokens:
            {
                // Tokens: runs of non-space characters, with the separators kept in between.
                var tokens = System.Text.RegularExpressions.Regex.Split(text, @"(\s+)").ToList();
                var words = Enumerable.Range(0, tokens.Count).Where(k => tokens[k].Length > 0 && !char.IsWhiteSpace(tokens[k][0])).ToList();
                if (words.Count == 0) return text;
                int i = words[m.A % words.Count], j = words[m.B % words.Count];
                if (m.Kind == Kind.DeleteToken) tokens[i] = "";
                else if (m.Kind == Kind.DuplicateToken) tokens[i] = tokens[i] + " " + tokens[i];
                else (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
                return string.Concat(tokens);
            }
            default:
                return text;
        }
    }

    // ------------------------------------------------------------------ random YAML-ish text

    private static readonly string[] Pieces =
    {
        "Items:", "Makers:", "Books:", "Authors:", "schema:", "- ", "  ", "    ", "\n", "\r\n", "id: ", "name: ", "color: ", "size: ", "maker: ",
        "count: ", "price: ", "added: ", "sold_out: ", "{", "}", "[", "]", ", ", ": ", "? ", "&a ", "*a", "&b ", "*b", "<<: ", "!!str ", "!x ",
        "|", ">-", "\"", "'", "#c", "---", "...", "%YAML 1.2", "acme", "a", "red", "dark blue", "12.5", "-3", "2017-02-30", "true", "~", "null",
        "\t", "\0", "\uFEFF", "\u2028", "\u202E", "\uD800", "é", "😀", "\\", "\\u0041", "\\uD800",
    };

    private static Gen<string> YamlishGen() =>
        from n in Gen.Choose(0, 60)
        from parts in Gen.Elements(Pieces).ListOf(n)
        select string.Concat(parts);

    // ------------------------------------------------------------------ the property

    /// <summary>Runs one case and checks every invariant; throws with the input on failure.</summary>
    private static void Check(string label, IReadOnlyList<TestFile> files, HashSet<string> compiled)
    {
        var watch = Stopwatch.StartNew();
        GeneratorResult result;
        try
        {
            result = Hostile.Run(files);
            Hostile.AssertLocatedInInputs(result, files);
            // Compiling is the slow part; the same generated sources compile the same way, so each
            // distinct output is compiled once.
            string output = string.Join("\0", result.Sources.Select(s => s.HintName + "\0" + s.Text));
            if (compiled.Add(output)) Hostile.AssertCompiles(result);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed.TotalSeconds:0.0} s");
        }
        catch (Exception ex)
        {
            string inputs = string.Join("\n", files.Select(f => $"--- {f.Path} (C# literal)\n{Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(f.Text, quote: true)}"));
            throw new Xunit.Sdk.XunitException($"{label}: {ex.Message}\n{inputs}");
        }
    }

    private static void ForAll<T>(Gen<T> gen, int cases, Func<T, string> label, Func<T, IReadOnlyList<TestFile>> files)
    {
        ulong seed = Seed();
        // Sample with a fixed seed: the same cases on every run (FsCheck.Xunit is not available, so no
        // shrinking; the failing input is printed whole instead).
        T[] samples = gen.Sample(size: 30, seed: new Rnd(seed), numberOfSamples: cases);
        Assert.Equal(cases, samples.Length);
        var compiled = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < samples.Length; i++)
        {
            Check($"seed {seed}, case {i} ({label(samples[i])})", files(samples[i]), compiled);
        }
    }

    private static Gen<Mutation[]> Mutations() =>
        from n in Gen.Choose(1, 4)
        from ms in MutationGen().ListOf(n)
        select ms.ToArray();

    private static string Describe(Mutation[] ms) => string.Join("; ", ms.Select(m => $"{m.Kind} {m.A} {m.B} U+{(int)m.C:X4}"));

    [Fact]
    public void Mutated_sample_data_files_never_break_the_generator()
    {
        IReadOnlyList<TestFile> library = Samples.Library;
        ForAll(
            from which in Gen.Choose(1, 2)
            from ms in Mutations()
            select (which, ms),
            Cases(100),
            x => $"{library[x.which].Path}: {Describe(x.ms)}",
            x => library.Select((f, i) => i == x.which ? f with { Text = x.ms.Aggregate(f.Text, Apply) } : f).ToList());
    }

    [Fact]
    public void Mutated_schemas_never_break_the_generator()
    {
        IReadOnlyList<TestFile> library = Samples.Library;
        string shopData = "Items:\n  - id: a\n    name: A\n    color: dark blue\n    price: 12.5\n    size: { width: 1, height: 2 }\n    maker: acme\n";
        ForAll(
            from sample in Gen.Elements(new[] { true, false })
            from ms in Mutations()
            select (sample, ms),
            Cases(100),
            x => $"{(x.sample ? "library schema" : "shop schema")}: {Describe(x.ms)}",
            x => x.sample
                ? library.Select((f, i) => i == 0 ? f with { Text = x.ms.Aggregate(f.Text, Apply) } : f).ToList()
                : new[]
                {
                    TestFile.Data("schema.yaml", x.ms.Aggregate(Hostile.Schema, Apply)),
                    TestFile.Data("makers.yaml", Hostile.GoodMaker),
                    TestFile.Data("data.yaml", shopData),
                });
    }

    [Fact]
    public void Random_yamlish_text_never_breaks_the_generator()
    {
        ForAll(
            from text in YamlishGen()
            from asSchema in Gen.Elements(new[] { false, false, true })
            select (text, asSchema),
            Cases(100),
            x => x.asSchema ? "as schema" : "as data",
            x => x.asSchema
                ? new[] { TestFile.Data("schema.yaml", "schema:\n" + x.text), TestFile.Data("makers.yaml", Hostile.GoodMaker) }
                : new[] { TestFile.Data("schema.yaml", Hostile.Schema), TestFile.Data("makers.yaml", Hostile.GoodMaker), TestFile.Data("data.yaml", x.text) });
    }

    [Fact]
    public void The_mutator_really_mutates()
    {
        // Guards the fuzz tests against a mutator that silently returns its input.
        Mutation[][] samples = Mutations().Sample(size: 30, seed: new Rnd(DefaultSeed), numberOfSamples: 50);
        string text = Samples.Books.Text;
        int changed = samples.Count(ms => ms.Aggregate(text, Apply) != text);
        Assert.True(changed >= 45, $"only {changed} of 50 mutations changed the text: " + string.Join(" / ", samples.Where(ms => ms.Aggregate(text, Apply) == text).Select(Describe)));
        Assert.Equal(samples.Select(Describe), Mutations().Sample(size: 30, seed: new Rnd(DefaultSeed), numberOfSamples: 50).Select(Describe)); // fixed seed: reproducible
    }
}
