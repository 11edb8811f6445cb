using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace TypedDataset.Mosul.Tests;

/// <summary>
/// Checks on the Mosul facts that the type system cannot express: evidence everywhere, figures
/// consistent with their evidence, paragraphs in range, attribution rules, references resolvable.
/// </summary>
public class DatasetIntegrityTests
{
    public static IEnumerable<(string Collection, string Key, IReadOnlyList<Evidence> Evidence)> AllFacts()
    {
        foreach (var f in Organizations.All) yield return ("Organizations", f.Id, f.Evidence);
        foreach (var f in People.All) yield return ("People", f.Id, f.Evidence);
        foreach (var f in Places.All) yield return ("Places", f.Id, f.Evidence);
        foreach (var f in Events.All) yield return ("Events", f.Id, f.Evidence);
        foreach (var f in Figures.All) yield return ("Figures", f.Id, f.Evidence);
        foreach (var f in Quotations.All) yield return ("Quotations", f.Id, f.Evidence);
        foreach (var f in Relations.All) yield return ("Relations", f.Id, f.Evidence);
    }

    [Fact]
    public void Every_collection_has_facts_and_keys_are_unique()
    {
        Assert.Equal(2, Sources.Count);
        foreach (string name in MosulFacts.CollectionNames) Assert.NotEqual(0, CountOf(name));
        var keys = AllFacts().Select(f => f.Collection + "/" + f.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    private static int CountOf(string collection) => collection switch
    {
        "Sources" => Sources.Count,
        "Organizations" => Organizations.Count,
        "People" => People.Count,
        "Places" => Places.Count,
        "Events" => Events.Count,
        "Figures" => Figures.Count,
        "Quotations" => Quotations.Count,
        "Relations" => Relations.Count,
        _ => throw new ArgumentException(collection),
    };

    [Fact]
    public void Every_fact_has_evidence_of_at_most_one_sentence()
    {
        var missing = AllFacts().Where(f => f.Evidence.Count == 0).Select(f => f.Collection + "/" + f.Key).ToList();
        Assert.True(missing.Count == 0, "Facts without evidence: " + string.Join(", ", missing));
        foreach (var fact in AllFacts())
        {
            foreach (Evidence e in fact.Evidence)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Quote), $"{fact.Key}: empty quote");
                Assert.False(SpansTwoSentences(e.Quote), $"{fact.Key}: evidence spans more than one sentence: {e.Quote}");
            }
        }
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal) { "Lt", "Gen", "Col", "Capt", "Sgt", "Maj", "Mr", "Mrs", "Dr", "St", "Oct", "Sept", "Jan", "Feb", "Aug", "Nov", "Dec", "U.S", "U.N", "S" };

    /// <summary>True when a sentence ends inside the span and another begins (abbreviations like "Lt. Gen." excepted).</summary>
    internal static bool SpansTwoSentences(string quote)
    {
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(quote, @"([\w.]+)([.!?])(?=[”""’]? +[“""]?[A-Z])"))
        {
            string word = m.Groups[1].Value.TrimEnd('.');
            if (m.Groups[2].Value == "." && (Abbreviations.Contains(word) || word.Length == 1)) continue;
            return true;
        }
        return false;
    }

    [Fact]
    public void The_sentence_heuristic_tells_abbreviations_from_sentence_ends()
    {
        Assert.False(SpansTwoSentences("the coalition’s commanding officer, Lt. Gen. Stephen Townsend"));
        Assert.False(SpansTwoSentences("U.S. Army Capt. Devan Zimmerman said"));
        Assert.True(SpansTwoSentences("Sometimes (attacks) will happen. Believe me, our forces are capable"));
    }

    [Fact]
    public void Evidence_paragraphs_are_in_range_of_their_source()
    {
        foreach (var fact in AllFacts())
        {
            foreach (Evidence e in fact.Evidence)
            {
                Assert.InRange(e.Paragraph, 1, e.Source.Paragraphs);
            }
        }
    }

    [Fact]
    public void Every_figure_raw_text_occurs_in_its_evidence()
    {
        foreach (Figure f in Figures.All)
        {
            Assert.True(f.Evidence.Any(e => e.Quote.Contains(f.Raw, StringComparison.Ordinal)),
                $"{f.Id}: raw text '{f.Raw}' is in none of its evidence quotes");
        }
    }

    [Fact]
    public void Figures_follow_the_hedge_rules()
    {
        foreach (Figure f in Figures.All)
        {
            switch (f.Hedge)
            {
                case Hedge.Range:
                    Assert.True(f.Low is not null && f.High is not null && f.Low < f.High, $"{f.Id}: a range needs low < high");
                    Assert.Null(f.Value); // never an invented midpoint
                    break;
                case Hedge.Vague:
                    Assert.True(f.Value is null && f.Low is null && f.High is null, $"{f.Id}: a vague figure has no number");
                    break;
                default:
                    Assert.True(f.Value is not null || f.Low is not null || f.High is not null, $"{f.Id}: a {f.Hedge.ToYamlString()} figure needs a number");
                    break;
            }
        }
    }

    [Fact]
    public void Attributed_figures_and_quotations_name_at_most_one_speaker()
    {
        foreach (Figure f in Figures.All)
            Assert.False(f.AttributedPerson is not null && f.AttributedOrganization is not null, $"{f.Id}: two attributions");
        foreach (Quotation q in Quotations.All)
            Assert.True((q.SpeakerPerson is null) != (q.SpeakerOrganization is null), $"{q.Id}: exactly one speaker expected");
    }

    [Fact]
    public void Every_reference_resolves_and_inverses_agree()
    {
        // Reading every reference property exercises the run-time resolution of every key.
        foreach (Person p in People.All)
        {
            if (p.Affiliation is Organization o) Assert.Contains(p, o.Members);
            _ = p.BasedAt;
        }
        foreach (Organization o in Organizations.All)
        {
            if (o.Parent is Organization parent) Assert.Contains(o, parent.Subunits);
        }
        foreach (Event e in Events.All)
        {
            foreach (Organization a in e.Actors) Assert.Contains(e, a.Events);
            _ = e.Place;
            _ = e.PartOf;
            Assert.All(e.People, p => Assert.Contains(e, p.Events));
        }
        foreach (Relation r in Relations.All)
        {
            int subjects = (r.SubjectPerson is null ? 0 : 1) + (r.SubjectOrganization is null ? 0 : 1) + (r.SubjectPlace is null ? 0 : 1);
            int objects = (r.ObjectPerson is null ? 0 : 1) + (r.ObjectOrganization is null ? 0 : 1) + (r.ObjectPlace is null ? 0 : 1);
            Assert.True(subjects == 1 && objects == 1, $"{r.Id}: a relation has exactly one subject and one object");
        }
        foreach (Figure f in Figures.All)
        {
            _ = f.Place;
            _ = f.Event;
            if (f.StatedIn is Quotation q) Assert.Contains(f, q.Figures);
        }
    }

    [Fact]
    public void Inferred_values_carry_their_reasoning()
    {
        var times = new List<(string Key, TimeExpression Time)>();
        times.AddRange(Events.All.Where(e => e.Time is not null).Select(e => (e.Id, e.Time!)));
        times.AddRange(Figures.All.Where(f => f.Time is not null).Select(f => (f.Id, f.Time!)));
        times.AddRange(Quotations.All.Where(q => q.Time is not null).Select(q => (q.Id, q.Time!)));
        times.AddRange(Sources.All.Where(s => s.DocumentDate is not null).Select(s => (s.Id, s.DocumentDate!)));
        Assert.NotEmpty(times);
        foreach ((string key, TimeExpression t) in times)
        {
            if (t.Basis != Basis.Stated) Assert.False(string.IsNullOrWhiteSpace(t.Reasoning), $"{key}: inferred time without reasoning");
            if (t.Earliest is PartialDate a && t.Latest is PartialDate b) Assert.True(a.Earliest <= b.Latest, $"{key}: earliest after latest");
        }
        foreach (Source s in Sources.All)
        {
            if (s.Publisher is PublisherAttribution p && p.Basis != Basis.Stated) Assert.False(string.IsNullOrWhiteSpace(p.Reasoning));
        }
    }

    [Fact]
    public void No_publisher_is_presented_as_stated()
    {
        // Neither article names its outlet in a byline; any publisher must be marked inferred.
        Assert.All(Sources.All, s => Assert.True(s.Publisher is null || s.Publisher.Basis != Basis.Stated, s.Id));
        Assert.Null(Sources.S001.Publisher); // the second text gives no clue at all
    }

    [Fact]
    public void Source_hashes_and_paragraph_counts_match_the_texts_when_present()
    {
        if (!Paths.SeedsPresent) return; // the build reports TDS301 then; nothing to compare here
        foreach (Source s in Sources.All)
        {
            string path = Path.Combine(Paths.Seeds, s.File);
            Assert.True(File.Exists(path), path);
            Assert.Equal(s.Sha256, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant());
            Assert.Equal(s.Paragraphs, Paths.Paragraphs(s.File).Length);
        }
    }

    [Fact]
    public void No_fact_copies_a_whole_long_paragraph_when_texts_are_present()
    {
        if (!Paths.SeedsPresent) return;
        // The articles stay out of the repository: a long paragraph's middle must not appear in any YAML file.
        string yaml = string.Concat(Directory.GetFiles(Path.Combine(Paths.RepositoryRoot, "dataset"), "*.yaml", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (Source s in Sources.All)
        {
            foreach (string paragraph in Paths.Paragraphs(s.File).Where(p => p.Length > 160))
            {
                Assert.False(yaml.Contains(paragraph.Substring(20, 120), StringComparison.Ordinal), $"{s.Id}: a whole paragraph is copied: {paragraph[..60]}…");
            }
        }
    }

    [Fact]
    public void Every_evidence_quote_is_verbatim_in_its_paragraph_when_texts_are_present()
    {
        if (!Paths.SeedsPresent) return;
        var paragraphs = Sources.All.ToDictionary(s => s.Id, s => Paths.Paragraphs(s.File));
        var wrong = AllFacts().SelectMany(f => f.Evidence.Select(e => (f.Key, e)))
            .Where(x => !paragraphs[x.e.Source.Id][x.e.Paragraph - 1].Contains(x.e.Quote, StringComparison.Ordinal))
            .Select(x => $"{x.Key}: {x.e.Source.Id} p{x.e.Paragraph}: {x.e.Quote}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}

/// <summary>The hedge agrees with the qualifier written in the raw text and the evidence.</summary>
public class HedgeTests
{
    [Fact]
    public void Hedges_match_the_words_of_the_text()
    {
        foreach (Figure f in Figures.All)
        {
            string raw = f.Raw.ToLowerInvariant();
            string evidence = string.Join(" ", f.Evidence.Select(e => e.Quote)).ToLowerInvariant();
            Hedge? expected =
                raw.Contains("at least") ? Hedge.AtLeast
                : raw.Contains("more than") ? Hedge.MoreThan
                : raw.Contains("almost") || raw.Contains("nearly") ? Hedge.Almost
                : System.Text.RegularExpressions.Regex.IsMatch(raw, @"\b(about|around|roughly|approximately|estimated)\b") ? Hedge.Approximately
                : System.Text.RegularExpressions.Regex.IsMatch(raw, @"\b\d+ to \d") ? Hedge.Range
                : null;
            if (expected is Hedge h) Assert.True(f.Hedge == h, $"{f.Id}: '{f.Raw}' should be {h.ToYamlString()}, is {f.Hedge.ToYamlString()}");
            if (f.Hedge == Hedge.Exact)
            {
                Assert.False(evidence.Contains("estimate"), $"{f.Id}: an estimate is not exact");
            }
        }
    }
}
