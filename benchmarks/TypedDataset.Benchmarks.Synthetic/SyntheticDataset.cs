using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace TypedDataset.Benchmarks.Synthetic;

/// <summary>
/// A deterministic synthetic dataset for benchmarks and large-input tests: a schema and
/// <see cref="FactCount"/> facts spread over files of <see cref="FactsPerFile"/> facts.
/// </summary>
/// <remarks>
/// <para>Shape (per 20 facts, repeated): 2 <c>Sources</c>, 3 <c>Places</c>, 3 <c>Organizations</c>,
/// 4 <c>People</c>, 8 <c>Events</c> (10/15/15/20/40 %). Every data file holds a consecutive run of
/// that sequence, grouped by collection, so each file has facts of every collection.</para>
/// <para>It uses every kind of field: strings, integers, decimals, booleans, dates of
/// day/month/year precision, four enums, a value object with a decimal (<c>Money</c>) and one with a
/// reference (<c>Citation</c> → <c>Source</c>), optional fields, lists of strings, of references and of
/// value objects, and names plus aliases for <c>FindByName</c>. References point to facts chosen at
/// random among all facts of the target collection, so almost all of them cross files.</para>
/// <para>Names are pronounceable syllable strings built from the fact's index, so keys are unique
/// by construction (up to 512,000 facts per collection) and the same for a given size on every
/// machine: the random numbers come from a SplitMix64 generator seeded by (seed, collection, index),
/// not from <see cref="Random"/>.</para>
/// </remarks>
public sealed class SyntheticDataset
{
    /// <summary>The schema file's path, relative to the project.</summary>
    public const string SchemaPath = "facts/schema.yaml";

    /// <summary>The generated root class.</summary>
    public const string Root = "SyntheticFacts";

    private static readonly char[] Pattern = "SPOHEEPOHEESPOHEEHEE".ToCharArray();

    private SyntheticDataset(int factCount, int factsPerFile)
    {
        FactCount = factCount;
        FactsPerFile = factsPerFile;
    }

    /// <summary>Total number of facts (all collections).</summary>
    public int FactCount { get; }

    /// <summary>Facts per data file (the last file may hold fewer).</summary>
    public int FactsPerFile { get; }

    public IReadOnlyList<SynthSource> Sources { get; private set; } = Array.Empty<SynthSource>();

    public IReadOnlyList<SynthPlace> Places { get; private set; } = Array.Empty<SynthPlace>();

    public IReadOnlyList<SynthOrganization> Organizations { get; private set; } = Array.Empty<SynthOrganization>();

    public IReadOnlyList<SynthPerson> People { get; private set; } = Array.Empty<SynthPerson>();

    public IReadOnlyList<SynthEvent> Events { get; private set; } = Array.Empty<SynthEvent>();

    /// <summary>The data files, in path order (which is also the order of <c>All</c> in every collection).</summary>
    public IReadOnlyList<SyntheticFile> Files { get; private set; } = Array.Empty<SyntheticFile>();

    /// <summary>The schema YAML (the same for every size).</summary>
    public string SchemaYaml => SyntheticYaml.Schema;

    /// <summary>
    /// Creates the dataset: <paramref name="facts"/> facts (at least 20, so every collection has one)
    /// in files of <paramref name="factsPerFile"/> facts.
    /// </summary>
    public static SyntheticDataset Create(int facts, int factsPerFile = 100, int seed = 2017)
    {
        if (facts < Pattern.Length) throw new ArgumentOutOfRangeException(nameof(facts), "At least 20 facts.");
        if (factsPerFile < 1) throw new ArgumentOutOfRangeException(nameof(factsPerFile));

        // Counts per collection first: references may point anywhere in the target collection.
        var kinds = new char[facts];
        int sources = 0, places = 0, organizations = 0, people = 0, events = 0;
        for (int g = 0; g < facts; g++)
        {
            char k = Pattern[g % Pattern.Length];
            kinds[g] = k;
            switch (k)
            {
                case 'S': sources++; break;
                case 'P': places++; break;
                case 'O': organizations++; break;
                case 'H': people++; break;
                default: events++; break;
            }
        }
        if (people >= 512_000 || events >= 512_000) throw new ArgumentOutOfRangeException(nameof(facts), "At most 512,000 facts per collection.");

        var gen = new Generator(seed, sources, places, organizations, people);
        var dataset = new SyntheticDataset(facts, factsPerFile)
        {
            Sources = Enumerable.Range(0, sources).Select(gen.Source).ToArray(),
            Places = Enumerable.Range(0, places).Select(gen.Place).ToArray(),
            Organizations = Enumerable.Range(0, organizations).Select(gen.Organization).ToArray(),
            People = Enumerable.Range(0, people).Select(gen.Person).ToArray(),
        };
        dataset.Events = Enumerable.Range(0, events).Select(i => gen.Event(i, dataset.Places)).ToArray();

        var files = new List<SyntheticFile>();
        int si = 0, pi = 0, oi = 0, hi = 0, ei = 0;
        for (int start = 0, index = 0; start < facts; start += factsPerFile, index++)
        {
            int end = Math.Min(facts, start + factsPerFile);
            int s0 = si, p0 = pi, o0 = oi, h0 = hi, e0 = ei;
            for (int g = start; g < end; g++)
            {
                switch (kinds[g])
                {
                    case 'S': si++; break;
                    case 'P': pi++; break;
                    case 'O': oi++; break;
                    case 'H': hi++; break;
                    default: ei++; break;
                }
            }
            files.Add(new SyntheticFile(index,
                Slice(dataset.Sources, s0, si), Slice(dataset.Places, p0, pi), Slice(dataset.Organizations, o0, oi),
                Slice(dataset.People, h0, hi), Slice(dataset.Events, e0, ei)));
        }
        dataset.Files = files;
        return dataset;
    }

    private static IReadOnlyList<T> Slice<T>(IReadOnlyList<T> all, int from, int to) =>
        new ArraySegment<T>((T[])all, from, to - from);

    /// <summary>The YAML text of a data file.</summary>
    public string FileYaml(SyntheticFile file) => SyntheticYaml.Render(file);

    /// <summary>The schema and every data file: (path relative to the project, YAML text), schema first.</summary>
    public IEnumerable<(string Path, string Text)> YamlFiles()
    {
        yield return (SchemaPath, SchemaYaml);
        foreach (SyntheticFile file in Files) yield return (file.Path, FileYaml(file));
    }

    /// <summary>Writes <c>facts/schema.yaml</c> and <c>facts/part-NNNNN.yaml</c> under <paramref name="projectDirectory"/>.</summary>
    public void WriteYaml(string projectDirectory)
    {
        string facts = Path.Combine(projectDirectory, "facts");
        if (Directory.Exists(facts)) Directory.Delete(facts, recursive: true);
        Directory.CreateDirectory(facts);
        foreach ((string path, string text) in YamlFiles())
        {
            File.WriteAllText(Path.Combine(projectDirectory, path), text, new UTF8Encoding(false));
        }
    }

    /// <summary>The C# member name the generator gives a key (<c>john-dorrian</c> → <c>JohnDorrian</c>).</summary>
    public static string MemberName(string key)
    {
        var b = new StringBuilder(key.Length);
        bool upper = true;
        foreach (char c in key)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                b.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }
        return b.ToString();
    }

    /// <summary>Deterministic fact factory: every fact depends only on (seed, collection, index).</summary>
    private sealed class Generator
    {
        private static readonly string[] Publishers = { "Reuters", "Associated Press", "Agence France-Presse", "Rudaw", "Al Sumaria", "Kurdistan 24", "The Guardian", "BBC News" };
        private static readonly string[] TitleNouns = { "Dispatch", "Bulletin", "Report", "Review", "Briefing", "Update" };
        private static readonly string[] PlacePrefixes = { "", "Tal ", "Al-", "Bab ", "", "Qasr ", "Ain " };
        private static readonly string[] Countries = { "Iraq", "Iraq", "Iraq", "Syria", "Turkey", "Iran", "Jordan" };
        private static readonly string[] FamilySuffixes = { "ri", "man", "dani", "wi", "zadeh", "oun" };
        private static readonly string[] Roles = { "commander", "spokesperson", "governor", "journalist", "medic", "cleric", "engineer", "negotiator", "official" };
        private static readonly string[][] OrganizationSuffixes =
        {
            new[] { "Provincial Council", "Ministry", "Governorate" },
            new[] { "Brigade", "Front", "Battalion", "Militia" },
            new[] { "Party", "Movement", "Alliance" },
            new[] { "Relief", "Aid Committee", "Foundation" },
            new[] { "News", "Radio", "TV" },
            new[] { "Trading", "Construction", "Oil Company" },
        };
        private static readonly string[] EventTitles = { "Clashes", "Explosion", "Attack on civilians", "Protest", "Riot", "Territory changes hands" };

        private readonly int _seed;
        private readonly int _sources, _places, _organizations, _people;

        public Generator(int seed, int sources, int places, int organizations, int people)
        {
            _seed = seed;
            _sources = sources;
            _places = places;
            _organizations = organizations;
            _people = people;
        }

        public SynthSource Source(int i)
        {
            var r = new SplitMix64(_seed, 1, i);
            string word = Names.Word(i, 3);
            var published = new SynthDate(r.Next(2014, 2020), r.Next(1, 13), r.Next(1, 29));
            string key = "src-" + word;
            return new SynthSource(i, key,
                $"{Names.Cap(word)} {r.Pick(TitleNouns)} {published}",
                r.Pick(Publishers),
                published,
                r.Chance(0.7) ? $"https://news.example.org/{published.Year.ToString(CultureInfo.InvariantCulture)}/{key}" : null,
                r.Pick(SyntheticYaml.Languages));
        }

        public SynthPlace Place(int i)
        {
            var r = new SplitMix64(_seed, 2, i);
            string word = Names.Cap(Names.Word(i, 3));
            string name = PlacePrefixes[i % PlacePrefixes.Length] + word;
            string[] aliases = (i % 3) switch
            {
                0 => Array.Empty<string>(),
                1 => new[] { word + " District" },
                _ => new[] { word + " District", "Old " + word },
            };
            string? parent = i > 0 && r.Chance(0.6) ? PlaceKey(r.Next(0, i)) : null;
            return new SynthPlace(i, Names.Slug(name), name, aliases, r.Pick(Countries),
                r.Next(300_000, 370_000) / 10_000m, r.Next(380_000, 480_000) / 10_000m,
                r.Chance(0.6) ? r.Next(500, 2_000_000) : null,
                parent);
        }

        public SynthOrganization Organization(int i)
        {
            var r = new SplitMix64(_seed, 3, i);
            string word = Names.Cap(Names.Word(i, 3));
            int kind = r.Next(0, SyntheticYaml.OrganizationKinds.Length);
            string name = word + " " + r.Pick(OrganizationSuffixes[kind]);
            string acronym = new string(name.Split(' ').Select(p => p[0]).ToArray());
            double a = r.NextDouble();
            string[] aliases = a < 0.5 ? Array.Empty<string>() : a < 0.8 ? new[] { acronym } : new[] { acronym, word };
            SynthDate? founded = r.Chance(0.5) ? r.PartialDate(1950, 2017, 0.6, 0.2) : null;
            string? basedIn = r.Chance(0.8) ? PlaceKey(r.Next(0, _places)) : null;
            return new SynthOrganization(i, Names.Slug(name), name, aliases, SyntheticYaml.OrganizationKinds[kind], founded, basedIn);
        }

        public SynthPerson Person(int i)
        {
            var r = new SplitMix64(_seed, 4, i);
            (string given, string family) = PersonName(i);
            var aliases = new List<string> { family + ", " + given };
            if (r.Chance(0.6)) aliases.Add("Abu " + given);
            SynthDate? born = r.Chance(0.7) ? r.PartialDate(1940, 2001, 0.5, 0.2) : null;
            string? affiliation = r.Chance(0.7) ? OrganizationKey(r.Next(0, _organizations)) : null;
            int roleCount = r.Next(0, 3);
            var roles = new List<string>();
            for (int k = 0; k < roleCount; k++)
            {
                string role = r.Pick(Roles);
                if (!roles.Contains(role)) roles.Add(role);
            }
            return new SynthPerson(i, Names.Slug(given + " " + family), given + " " + family, aliases.ToArray(), born, affiliation, roles.ToArray());
        }

        public SynthEvent Event(int i, IReadOnlyList<SynthPlace> places)
        {
            var r = new SplitMix64(_seed, 5, i);
            SynthDate date = r.PartialDate(2014, 2020, 0.02, 0.10);
            int type = r.Next(0, SyntheticYaml.EventTypes.Length);
            SynthPlace place = places[r.Next(0, _places)];
            var actors = Distinct(r, r.Next(1, 4), _organizations).Select(OrganizationKey).ToArray();
            var people = Distinct(r, r.Next(0, 4), _people).Select(PersonKey).ToArray();
            int? fatalities = r.Chance(0.7) ? (r.Chance(0.9) ? r.Next(0, 12) : r.Next(12, 400)) : null;
            SynthMoney? cost = r.Chance(0.15) ? new SynthMoney(r.Next(100_000, 1_000_000_000) / 100m, r.Chance(0.5) ? "USD" : "IQD") : null;
            string title = EventTitles[type] + " in " + place.Name;
            var cited = new SynthCitation[r.Next(1, 3)];
            for (int k = 0; k < cited.Length; k++)
            {
                cited[k] = new SynthCitation(SourceKey(r.Next(0, _sources)), r.Next(1, 31),
                    k == 0 ? $"{EventTitles[type]} were reported near {place.Name} on {date}" : $"Witnesses in {place.Name} confirmed the account");
            }
            return new SynthEvent(i, $"ev-{date}-{Names.Word(i, 3)}", title, date, SyntheticYaml.EventTypes[type],
                place.Key, actors, people, fatalities, cost, r.Pick(SyntheticYaml.Confidences), r.Chance(0.8), cited);
        }

        private static IEnumerable<int> Distinct(SplitMix64 r, int count, int range)
        {
            var chosen = new List<int>(count);
            for (int tries = 0; chosen.Count < Math.Min(count, range) && tries < 20; tries++)
            {
                int n = r.Next(0, range);
                if (!chosen.Contains(n)) chosen.Add(n);
            }
            return chosen;
        }

        private static string SourceKey(int i) => "src-" + Names.Word(i, 3);

        private static string PlaceKey(int i) => Names.Slug(PlacePrefixes[i % PlacePrefixes.Length] + Names.Cap(Names.Word(i, 3)));

        private string[]? _organizationKeys;

        private string OrganizationKey(int i) =>
            (_organizationKeys ??= Enumerable.Range(0, _organizations).Select(k => Organization(k).Key).ToArray())[i];

        private static string PersonKey(int i)
        {
            (string given, string family) = PersonName(i);
            return Names.Slug(given + " " + family);
        }

        private static (string Given, string Family) PersonName(int i)
        {
            int n = Names.Scramble(i);
            return (Names.Cap(Names.Syllable(n % 80) + Names.Syllable(n / 80 % 80)),
                Names.Cap(Names.Syllable(n / 6400 % 80) + FamilySuffixes[(i * 7 + 3) % FamilySuffixes.Length]));
        }
    }
}

/// <summary>One data file: a consecutive run of facts, grouped by collection.</summary>
public sealed record SyntheticFile(
    int Index,
    IReadOnlyList<SynthSource> Sources,
    IReadOnlyList<SynthPlace> Places,
    IReadOnlyList<SynthOrganization> Organizations,
    IReadOnlyList<SynthPerson> People,
    IReadOnlyList<SynthEvent> Events)
{
    /// <summary>Path relative to the project: <c>facts/part-00042.yaml</c>.</summary>
    public string Path => "facts/part-" + Index.ToString("D5", CultureInfo.InvariantCulture) + ".yaml";

    /// <summary>An identifier for hand-written method names: <c>part00042</c>.</summary>
    public string Id => "part" + Index.ToString("D5", CultureInfo.InvariantCulture);

    public int Count => Sources.Count + Places.Count + Organizations.Count + People.Count + Events.Count;
}

/// <summary>A date known to the year (Month = Day = 0), the month (Day = 0) or the day.</summary>
public readonly record struct SynthDate(int Year, int Month, int Day)
{
    /// <summary>2017, 2017-02 or 2017-02-19.</summary>
    public override string ToString() => Month == 0
        ? Year.ToString("D4", CultureInfo.InvariantCulture)
        : Day == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}");
}

public sealed record SynthMoney(decimal Amount, string Currency);

public sealed record SynthCitation(string Source, int Paragraph, string Quote);

public sealed record SynthSource(int Index, string Key, string Title, string Publisher, SynthDate Published, string? Url, string Language);

public sealed record SynthPlace(int Index, string Key, string Name, IReadOnlyList<string> Aliases, string Country,
    decimal Latitude, decimal Longitude, int? Population, string? Parent);

public sealed record SynthOrganization(int Index, string Key, string Name, IReadOnlyList<string> Aliases, string Kind,
    SynthDate? Founded, string? BasedIn);

public sealed record SynthPerson(int Index, string Key, string Name, IReadOnlyList<string> Aliases, SynthDate? Born,
    string? Affiliation, IReadOnlyList<string> Roles);

public sealed record SynthEvent(int Index, string Key, string Title, SynthDate Date, string Type, string Place,
    IReadOnlyList<string> Actors, IReadOnlyList<string> People, int? Fatalities, SynthMoney? Cost, string Confidence,
    bool Verified, IReadOnlyList<SynthCitation> CitedIn);

/// <summary>Pronounceable names from numbers: 80 consonant-vowel syllables, one per base-80 digit.</summary>
internal static class Names
{
    private const string Consonants = "bdfghjklmnrstvwz";
    private const string Vowels = "aeiou";

    public static string Syllable(int n) => new(new[] { Consonants[n / 5 % 16], Vowels[n % 5] });

    /// <summary>
    /// Three syllables spelling a permutation of <paramref name="i"/> (unique for i &lt; 512,000 = 80³):
    /// consecutive facts get unrelated-looking names.
    /// </summary>
    public static string Word(int i, int syllables) => Spell(Scramble(i), syllables);

    /// <summary>A bijection of [0, 512,000): 7,919 is prime, so coprime to 512,000 = 2¹²·5³.</summary>
    public static int Scramble(int i) => (int)((i * 7919L + 104_729L) % 512_000L);

    private static string Spell(int i, int syllables)
    {
        var b = new StringBuilder(syllables * 2);
        for (int k = 0; k < syllables; k++, i /= 80) b.Append(Syllable(i % 80));
        return b.ToString();
    }

    public static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

    /// <summary>Lower-case ASCII letters and digits separated by single '-'.</summary>
    public static string Slug(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsAsciiLetterOrDigit(c)) b.Append(char.ToLowerInvariant(c));
            else if (b.Length > 0 && b[^1] != '-') b.Append('-');
        }
        while (b.Length > 0 && b[^1] == '-') b.Length--;
        return b.ToString();
    }
}

/// <summary>SplitMix64: a tiny, well-distributed, platform-independent generator.</summary>
internal sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(int seed, int stream, int index)
    {
        _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream * 0xBF58476D1CE4E5B9UL ^ (ulong)index * 0x94D049BB133111EBUL);
        NextULong();
    }

    public ulong NextULong()
    {
        ulong z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A number in [min, max).</summary>
    public int Next(int min, int max) => max <= min ? min : min + (int)(NextULong() % (ulong)(max - min));

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>A date in [fromYear, toYear): year-only with probability <paramref name="yearOnly"/>, month-only with <paramref name="monthOnly"/>.</summary>
    public SynthDate PartialDate(int fromYear, int toYear, double yearOnly, double monthOnly)
    {
        int year = Next(fromYear, toYear), month = Next(1, 13), day = Next(1, 29);
        double p = NextDouble();
        return p < yearOnly ? new SynthDate(year, 0, 0) : p < yearOnly + monthOnly ? new SynthDate(year, month, 0) : new SynthDate(year, month, day);
    }
}
