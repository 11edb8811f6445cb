using System;
using System.Collections.Generic;
using System.Linq;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Data;

/// <summary>A column of `list`: the first non-empty of the named fields.</summary>
internal sealed record ListColumn(string Header, params string[] Fields);

/// <summary>One collection of the dataset, seen generically.</summary>
internal sealed class CollectionInfo
{
    public CollectionInfo(string name, string singular, string description, IReadOnlyList<FactEntry> entries, IReadOnlyList<ListColumn> listColumns)
    {
        Name = name;
        Singular = singular;
        Description = description;
        Entries = entries;
        ListColumns = listColumns;
    }

    /// <summary><c>People</c>.</summary>
    public string Name { get; }

    /// <summary><c>person</c>.</summary>
    public string Singular { get; }

    public string Description { get; }

    public IReadOnlyList<FactEntry> Entries { get; }

    public IReadOnlyList<ListColumn> ListColumns { get; }

    public int Count => Entries.Count;
}

/// <summary>How an id or name given on the command line was resolved.</summary>
internal sealed class Resolution
{
    public Resolution(string query, IReadOnlyList<FactEntry> matches, IReadOnlyList<FactEntry> suggestions, string? error = null)
    {
        Query = query;
        Matches = matches;
        Suggestions = suggestions;
        Error = error;
    }

    public string Query { get; }

    /// <summary>The facts that match (several when an id exists in several collections).</summary>
    public IReadOnlyList<FactEntry> Matches { get; }

    /// <summary>The closest facts, when nothing matched.</summary>
    public IReadOnlyList<FactEntry> Suggestions { get; }

    /// <summary>A usage error (an unknown collection in <c>collection/id</c>).</summary>
    public string? Error { get; }
}

/// <summary>
/// Every fact of the dataset, enumerated generically. The Mosul index is built by explicit code
/// per collection (one line each, against the generated API); tests may build small indexes.
/// </summary>
internal sealed class DatasetIndex
{
    public const string SourcesName = "Sources";
    public const string OrganizationsName = "Organizations";
    public const string PeopleName = "People";
    public const string PlacesName = "Places";
    public const string EventsName = "Events";
    public const string FiguresName = "Figures";
    public const string QuotationsName = "Quotations";
    public const string RelationsName = "Relations";

    private static readonly Lazy<DatasetIndex> s_mosul = new(BuildMosul);

    private readonly Dictionary<string, CollectionInfo> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<FactEntry>> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<FactEntry>> _byNameOrAlias = new(StringComparer.OrdinalIgnoreCase);

    public DatasetIndex(string title, IReadOnlyList<CollectionInfo> collections)
    {
        Title = title;
        Collections = collections;
        foreach (CollectionInfo collection in collections)
        {
            _byName[collection.Name] = collection;
            _byName[collection.Singular] = collection;
            foreach (FactEntry entry in collection.Entries)
            {
                Add(_byId, entry.Id, entry);
                foreach (string name in entry.Names) Add(_byNameOrAlias, name.Trim(), entry);
            }
        }
        AllEntries = collections.SelectMany(c => c.Entries).ToArray();
    }

    /// <summary>The Mosul dataset (TypedDataset.Mosul).</summary>
    public static DatasetIndex Mosul => s_mosul.Value;

    public string Title { get; }

    public IReadOnlyList<CollectionInfo> Collections { get; }

    /// <summary>Every fact, collection by collection, in file order.</summary>
    public IReadOnlyList<FactEntry> AllEntries { get; }

    public static string Qualify(string collection, string id) => collection.ToLowerInvariant() + "/" + id;

    /// <summary>A collection by name or singular, case-insensitive (<c>people</c>, <c>Person</c>).</summary>
    public CollectionInfo? FindCollection(string name) =>
        _byName.TryGetValue(name.Trim(), out CollectionInfo? found) ? found : null;

    public IReadOnlyList<CollectionInfo> SuggestCollections(string name) =>
        Suggestions.Closest(name, Collections, c => new[] { c.Name, c.Singular });

    /// <summary>The facts with this key, in any collection (case-insensitive).</summary>
    public IReadOnlyList<FactEntry> FindById(string id) =>
        _byId.TryGetValue(id.Trim(), out List<FactEntry>? found) ? found : (IReadOnlyList<FactEntry>)Array.Empty<FactEntry>();

    /// <summary>The facts with this name or alias (case-insensitive, whole name).</summary>
    public IReadOnlyList<FactEntry> FindByName(string name) =>
        _byNameOrAlias.TryGetValue(name.Trim(), out List<FactEntry>? found) ? found : (IReadOnlyList<FactEntry>)Array.Empty<FactEntry>();

    /// <summary>
    /// Resolves what a user typed: <c>collection/id</c>, then an id in any collection, then a
    /// name or alias. Nothing found gives the closest ids and names as suggestions.
    /// </summary>
    public Resolution Resolve(string query, Func<FactEntry, bool>? filter = null)
    {
        string text = query.Trim();
        filter ??= _ => true;

        int slash = text.IndexOf('/');
        if (slash > 0)
        {
            string collectionName = text.Substring(0, slash);
            string id = text.Substring(slash + 1);
            CollectionInfo? collection = FindCollection(collectionName);
            if (collection is null)
            {
                string known = string.Join(", ", Collections.Select(c => c.Name.ToLowerInvariant()));
                return new Resolution(query, Array.Empty<FactEntry>(), Array.Empty<FactEntry>(),
                    $"Unknown collection '{collectionName}' in '{text}'. Collections: {known}.");
            }
            FactEntry[] inCollection = collection.Entries
                .Where(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase) && filter(e))
                .ToArray();
            if (inCollection.Length > 0) return new Resolution(query, inCollection, Array.Empty<FactEntry>());
            // The same id in another collection is the best suggestion (people/s000 -> sources/s000).
            FactEntry[] elsewhere = FindById(id).Where(filter).ToArray();
            return new Resolution(query, Array.Empty<FactEntry>(),
                elsewhere.Length > 0 ? elsewhere : Suggest(id, collection.Entries.Where(filter)));
        }

        FactEntry[] byId = FindById(text).Where(filter).ToArray();
        if (byId.Length > 0) return new Resolution(query, byId, Array.Empty<FactEntry>());

        FactEntry[] byName = FindByName(text).Where(filter).ToArray();
        if (byName.Length > 0) return new Resolution(query, byName, Array.Empty<FactEntry>());

        return new Resolution(query, Array.Empty<FactEntry>(), Suggest(text, AllEntries.Where(filter)));
    }

    public static IReadOnlyList<FactEntry> Suggest(string text, IEnumerable<FactEntry> candidates) =>
        Suggestions.Closest(text, candidates, e => e.Names.Prepend(e.Id));

    private static void Add(Dictionary<string, List<FactEntry>> map, string key, FactEntry entry)
    {
        if (!map.TryGetValue(key, out List<FactEntry>? list)) map.Add(key, list = new List<FactEntry>());
        if (!list.Contains(entry)) list.Add(entry);
    }

    // --- The Mosul dataset, one explicit block per collection ----------------------------------

    private static DatasetIndex BuildMosul()
    {
        var collections = new[]
        {
            Collection(SourcesName, "source", "the source texts (news reports)", Sources.All,
                s => new FactEntry(SourcesName, s.Id, FactFields.Label(s), Names(s.Title),
                    Texts(("file", s.File), ("title", s.Title)), () => FactFields.Of(s), s),
                new ListColumn("id", "id"), new ListColumn("file", "file"), new ListColumn("paragraphs", "paragraphs"),
                new ListColumn("publisher", "publisher"), new ListColumn("document date", "document_date")),

            Collection(OrganizationsName, "organization", "states, armed forces, units, armed groups, agencies", Organizations.All,
                o => new FactEntry(OrganizationsName, o.Id, FactFields.Label(o), Names(o.Name, o.Aliases),
                    NameTexts(o.Name, o.Aliases), () => FactFields.Of(o), o),
                new ListColumn("id", "id"), new ListColumn("name", "name"), new ListColumn("kind", "kind"),
                new ListColumn("part of", "parent"), new ListColumn("ACLED actor type", "actor_type")),

            Collection(PeopleName, "person", "named and unnamed individuals and groups of speakers", People.All,
                p => new FactEntry(PeopleName, p.Id, FactFields.Label(p), Names(p.Name, p.Aliases),
                    NameTexts(p.Name, p.Aliases), () => FactFields.Of(p), p),
                new ListColumn("id", "id"), new ListColumn("name", "name"), new ListColumn("kind", "kind"),
                new ListColumn("role", "role"), new ListColumn("affiliation", "affiliation")),

            Collection(PlacesName, "place", "countries, cities, city parts, sites", Places.All,
                p => new FactEntry(PlacesName, p.Id, FactFields.Label(p), Names(p.Name, p.Aliases),
                    NameTexts(p.Name, p.Aliases), () => FactFields.Of(p), p),
                new ListColumn("id", "id"), new ListColumn("name", "name"), new ListColumn("kind", "kind"),
                new ListColumn("in", "parent"), new ListColumn("held by", "held_by")),

            Collection(EventsName, "event", "ACLED-coded events", Events.All,
                e => new FactEntry(EventsName, e.Id, FactFields.Label(e), Names(e.Name),
                    Texts(("name", e.Name)), () => FactFields.Of(e), e),
                new ListColumn("id", "id"), new ListColumn("name", "name"), new ListColumn("sub-event type", "sub_event_type"),
                new ListColumn("when", "time"), new ListColumn("where", "place")),

            Collection(FiguresName, "figure", "reported quantities, hedged and attributed", Figures.All,
                f => new FactEntry(FiguresName, f.Id, FactFields.Label(f), Array.Empty<string>(),
                    Texts(("raw", f.Raw), ("counted", f.Counted)), () => FactFields.Of(f), f),
                new ListColumn("id", "id"), new ListColumn("as written", "raw"), new ListColumn("counted", "counted"),
                new ListColumn("hedge", "hedge"), new ListColumn("attributed to", "attributed_person", "attributed_organization")),

            Collection(QuotationsName, "quotation", "direct and paraphrased statements", Quotations.All,
                q => new FactEntry(QuotationsName, q.Id, FactFields.Label(q), Array.Empty<string>(),
                    Texts(("text", q.Text)), () => FactFields.Of(q), q),
                new ListColumn("id", "id"), new ListColumn("speaker", "speaker_person", "speaker_organization"),
                new ListColumn("mode", "mode"), new ListColumn("text", "text")),

            Collection(RelationsName, "relation", "subject-predicate-object statements", Relations.All,
                r => new FactEntry(RelationsName, r.Id, FactFields.Label(r), Array.Empty<string>(),
                    Array.Empty<SearchText>(), () => FactFields.Of(r), r),
                new ListColumn("id", "id"), new ListColumn("subject", "subject_person", "subject_organization", "subject_place"),
                new ListColumn("predicate", "predicate"), new ListColumn("object", "object_person", "object_organization", "object_place"),
                new ListColumn("when", "time")),
        };
        return new DatasetIndex("TypedDataset.Mosul", collections);
    }

    private static CollectionInfo Collection<T>(string name, string singular, string description, IReadOnlyList<T> items, Func<T, FactEntry> entry, params ListColumn[] columns) =>
        new(name, singular, description, items.Select(entry).ToArray(), columns);

    private static string[] Names(string? name, IReadOnlyList<string>? aliases = null)
    {
        var names = new List<string>();
        if (name is not null) names.Add(name);
        if (aliases is not null) names.AddRange(aliases);
        return names.ToArray();
    }

    private static SearchText[] NameTexts(string name, IReadOnlyList<string> aliases) =>
        aliases.Select(a => new SearchText("alias", a)).Prepend(new SearchText("name", name)).ToArray();

    private static SearchText[] Texts(params (string Field, string? Text)[] texts) =>
        texts.Where(t => t.Text is not null).Select(t => new SearchText(t.Field, t.Text!)).ToArray();
}
