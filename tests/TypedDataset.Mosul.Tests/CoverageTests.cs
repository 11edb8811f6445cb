using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TypedDataset.Mosul.Tests;

/// <summary>
/// Completeness: every number written in digits or words in the articles appears in the raw text
/// of a figure drawn from that paragraph, or is listed in dataset/coverage-exclusions.yaml with a reason.
/// </summary>
public class CoverageTests
{
    private static readonly string[] NumberWords =
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands",
        "million", "millions", "half", "dozen", "dozens", "several", "many", "once", "twice", "first", "second", "third",
    };

    private static readonly Regex Token = new(
        @"\b(\d[\d,.]*\d(st|nd|rd|th)?|\d(st|nd|rd|th)?|" + string.Join("|", NumberWords) + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    internal sealed record Exclusion(string Source, int Paragraph, string Text, string Reason);

    internal static List<Exclusion> LoadExclusions()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Paths.RepositoryRoot, "dataset", "coverage-exclusions.yaml")))
        {
            yaml.Load(reader);
        }
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlSequenceNode)root["exclusions"]).Children.Cast<YamlMappingNode>()
            .Select(m => new Exclusion(m["source"].ToString(), int.Parse(m["paragraph"].ToString()), m["text"].ToString(), m["reason"].ToString()))
            .ToList();
    }

    [Fact]
    public void The_tokenizer_finds_digits_ordinals_and_number_words()
    {
        var found = Token.Matches("About 450 advisers, 2,000 fighters, the 16th Division, two colonels and hundreds of civilians; tone, often.")
            .Select(m => m.Value).ToArray();
        Assert.Equal(new[] { "450", "2,000", "16th", "two", "hundreds" }, found);
    }

    [Fact]
    public void Exclusions_are_real_and_explained()
    {
        List<Exclusion> exclusions = LoadExclusions();
        Assert.NotEmpty(exclusions);
        foreach (Exclusion e in exclusions)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Reason), $"{e.Text}: no reason");
            Assert.True(Sources.TryGet(e.Source, out Source? source), $"unknown source {e.Source}");
            if (Paths.SeedsPresent)
            {
                Assert.Contains(e.Text, Paths.Paragraphs(source!.File)[e.Paragraph - 1]);
            }
        }
    }

    [Fact]
    public void Every_number_in_the_articles_is_a_figure_or_an_explained_exclusion()
    {
        if (!Paths.SeedsPresent) return; // the texts are not part of the repository
        List<Exclusion> exclusions = LoadExclusions();
        var uncovered = new List<string>();
        int tokens = 0;
        foreach (Source source in Sources.All)
        {
            string[] paragraphs = Paths.Paragraphs(source.File);
            for (int p = 0; p < paragraphs.Length; p++)
            {
                int paragraph = p + 1;
                var raws = Figures.All
                    .Where(f => f.Evidence.Any(e => e.Source.Id == source.Id && e.Paragraph == paragraph))
                    .Select(f => f.Raw)
                    .ToList();
                var excluded = exclusions.Where(e => e.Source == source.Id && e.Paragraph == paragraph).Select(e => e.Text).ToList();
                foreach (Match m in Token.Matches(paragraphs[p]))
                {
                    tokens++;
                    bool covered = raws.Concat(excluded).Any(text => Regex.IsMatch(text, @"\b" + Regex.Escape(m.Value) + @"\b", RegexOptions.IgnoreCase));
                    if (!covered) uncovered.Add($"{source.Id} p{paragraph}: '{m.Value}' in …{Context(paragraphs[p], m.Index)}…");
                }
            }
        }
        Assert.True(tokens > 40, $"only {tokens} number tokens found: the tokenizer is broken");
        Assert.True(uncovered.Count == 0, "Numbers in the articles with no figure and no exclusion:\n" + string.Join("\n", uncovered));
    }

    private static string Context(string text, int index)
    {
        int start = Math.Max(0, index - 30);
        return text.Substring(start, Math.Min(text.Length - start, 60));
    }
}
