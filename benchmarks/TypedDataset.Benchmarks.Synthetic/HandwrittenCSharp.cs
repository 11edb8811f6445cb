using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TypedDataset.Benchmarks.Synthetic;

/// <summary>
/// The same facts as plain C#, the way a careful programmer would write them by hand: positional
/// records (references kept as keys, resolved by a navigation property), and per collection a
/// static class with one property per fact, an <c>All</c> array filled by one method per data file
/// (at most 64 facts per method, as the generator does, so no method is huge) and a
/// <c>Dictionary</c> by key built on first use. No XML docs, no name index, no inverse indexes.
/// It is the baseline for "build time through the generator versus the same records by hand".
/// </summary>
public static class HandwrittenCSharp
{
    public const int FactsPerMethod = 64;

    /// <summary>(file name, C# text) for every file of the hand-written project.</summary>
    public static IEnumerable<(string FileName, string Text)> Render(SyntheticDataset data, string ns)
    {
        yield return ("Types.cs", Types(ns));
        yield return ("Collections.cs", Collections(data, ns));
        var offsets = new Dictionary<string, int> { ["Source"] = 0, ["Place"] = 0, ["Organization"] = 0, ["Person"] = 0, ["Event"] = 0 };
        foreach (SyntheticFile file in data.Files)
        {
            var w = new StringBuilder(file.Count * 400);
            w.Append("namespace ").Append(ns).Append(";\n\n");
            Slice(w, file, "Sources", "Source", file.Sources.Select(s => (s.Key, SourceNew(s))).ToList(), offsets);
            Slice(w, file, "Places", "Place", file.Places.Select(p => (p.Key, PlaceNew(p))).ToList(), offsets);
            Slice(w, file, "Organizations", "Organization", file.Organizations.Select(o => (o.Key, OrganizationNew(o))).ToList(), offsets);
            Slice(w, file, "People", "Person", file.People.Select(p => (p.Key, PersonNew(p))).ToList(), offsets);
            Slice(w, file, "Events", "Event", file.Events.Select(e => (e.Key, EventNew(e))).ToList(), offsets);
            yield return (file.Id + ".cs", w.ToString());
        }
    }

    private static void Slice(StringBuilder w, SyntheticFile file, string collection, string type, List<(string Key, string New)> facts, Dictionary<string, int> offsets)
    {
        if (facts.Count == 0) return;
        int offset = offsets[type];
        offsets[type] = offset + facts.Count;
        w.Append("partial class ").Append(collection).Append("\n{\n");
        for (int i = 0; i < facts.Count; i++)
        {
            w.Append("    public static ").Append(type).Append(' ').Append(SyntheticDataset.MemberName(facts[i].Key))
                .Append(" => All[").Append(Int(offset + i)).Append("];\n");
        }
        int chunks = (facts.Count + FactsPerMethod - 1) / FactsPerMethod;
        w.Append("\n    internal static void Load_").Append(file.Id).Append('(').Append(type).Append("[] items)\n    {\n");
        for (int c = 0; c < chunks; c++) w.Append("        Load_").Append(file.Id).Append('_').Append(Int(c)).Append("(items);\n");
        w.Append("    }\n");
        for (int c = 0; c < chunks; c++)
        {
            w.Append("\n    private static void Load_").Append(file.Id).Append('_').Append(Int(c)).Append('(').Append(type).Append("[] items)\n    {\n");
            for (int i = c * FactsPerMethod; i < System.Math.Min(facts.Count, (c + 1) * FactsPerMethod); i++)
            {
                w.Append("        items[").Append(Int(offset + i)).Append("] = ").Append(facts[i].New).Append(";\n");
            }
            w.Append("    }\n");
        }
        w.Append("}\n\n");
    }

    private static string Collections(SyntheticDataset data, string ns)
    {
        var w = new StringBuilder();
        w.Append("using System;\nusing System.Collections.Generic;\n\nnamespace ").Append(ns).Append(";\n");
        void Collection(string collection, string type, int count, IEnumerable<string> loads)
        {
            w.Append($$"""

                public static partial class {{collection}}
                {
                    public const int Count = {{Int(count)}};

                    public static readonly {{type}}[] All = LoadAll();

                    public static {{type}} Get(string id) => ById.Map[id];

                    public static bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {{type}}? value) => ById.Map.TryGetValue(id, out value);

                    private static class ById
                    {
                        internal static readonly Dictionary<string, {{type}}> Map = Build();

                        private static Dictionary<string, {{type}}> Build()
                        {
                            var map = new Dictionary<string, {{type}}>(All.Length, StringComparer.Ordinal);
                            foreach ({{type}} item in All) map.Add(item.Id, item);
                            return map;
                        }
                    }

                    private static {{type}}[] LoadAll()
                    {
                        var items = new {{type}}[Count];

                """);
            foreach (string load in loads) w.Append("        ").Append(load).Append("(items);\n");
            w.Append("        return items;\n    }\n}\n");
        }
        Collection("Sources", "Source", data.Sources.Count, data.Files.Where(f => f.Sources.Count > 0).Select(f => "Load_" + f.Id));
        Collection("Places", "Place", data.Places.Count, data.Files.Where(f => f.Places.Count > 0).Select(f => "Load_" + f.Id));
        Collection("Organizations", "Organization", data.Organizations.Count, data.Files.Where(f => f.Organizations.Count > 0).Select(f => "Load_" + f.Id));
        Collection("People", "Person", data.People.Count, data.Files.Where(f => f.People.Count > 0).Select(f => "Load_" + f.Id));
        Collection("Events", "Event", data.Events.Count, data.Files.Where(f => f.Events.Count > 0).Select(f => "Load_" + f.Id));
        return w.ToString();
    }

    private static string Types(string ns) => $$"""
        using System.Collections.Generic;

        namespace {{ns}};

        public enum Language { {{string.Join(", ", SyntheticYaml.Languages.Select(SyntheticDataset.MemberName))}} }

        public enum OrganizationKind { {{string.Join(", ", SyntheticYaml.OrganizationKinds.Select(SyntheticDataset.MemberName))}} }

        public enum EventType { {{string.Join(", ", SyntheticYaml.EventTypes.Select(SyntheticDataset.MemberName))}} }

        public enum Confidence { {{string.Join(", ", SyntheticYaml.Confidences.Select(SyntheticDataset.MemberName))}} }

        public readonly record struct Date(int Year, int Month, int Day);

        public sealed record Money(decimal Amount, string Currency);

        public sealed record Citation(string SourceId, int Paragraph, string Quote)
        {
            public Source Source => Sources.Get(SourceId);
        }

        public sealed record Source(string Id, string Title, string Publisher, Date Published, string? Url, Language Language);

        public sealed record Place(string Id, string Name, IReadOnlyList<string> Aliases, string Country, decimal Latitude, decimal Longitude, int? Population, string? ParentId)
        {
            public Place? Parent => ParentId is null ? null : Places.Get(ParentId);
        }

        public sealed record Organization(string Id, string Name, IReadOnlyList<string> Aliases, OrganizationKind Kind, Date? Founded, string? BasedInId)
        {
            public Place? BasedIn => BasedInId is null ? null : Places.Get(BasedInId);
        }

        public sealed record Person(string Id, string Name, IReadOnlyList<string> Aliases, Date? Born, string? AffiliationId, IReadOnlyList<string> Roles)
        {
            public Organization? Affiliation => AffiliationId is null ? null : Organizations.Get(AffiliationId);
        }

        public sealed record Event(string Id, string Title, Date Date, EventType Type, string PlaceId, IReadOnlyList<string> ActorIds, IReadOnlyList<string> PeopleIds,
            int? Fatalities, Money? Cost, Confidence Confidence, bool Verified, IReadOnlyList<Citation> CitedIn)
        {
            public Place Place => Places.Get(PlaceId);
        }

        """.Replace("\r\n", "\n");

    private static string SourceNew(SynthSource s) =>
        $"new Source({Str(s.Key)}, {Str(s.Title)}, {Str(s.Publisher)}, {Date(s.Published)}, {Str(s.Url)}, Language.{SyntheticDataset.MemberName(s.Language)})";

    private static string PlaceNew(SynthPlace p) =>
        $"new Place({Str(p.Key)}, {Str(p.Name)}, {Strings(p.Aliases)}, {Str(p.Country)}, {Dec(p.Latitude)}, {Dec(p.Longitude)}, {(p.Population is int n ? Int(n) : "null")}, {Str(p.Parent)})";

    private static string OrganizationNew(SynthOrganization o) =>
        $"new Organization({Str(o.Key)}, {Str(o.Name)}, {Strings(o.Aliases)}, OrganizationKind.{SyntheticDataset.MemberName(o.Kind)}, {(o.Founded is SynthDate d ? Date(d) : "null")}, {Str(o.BasedIn)})";

    private static string PersonNew(SynthPerson p) =>
        $"new Person({Str(p.Key)}, {Str(p.Name)}, {Strings(p.Aliases)}, {(p.Born is SynthDate d ? Date(d) : "null")}, {Str(p.Affiliation)}, {Strings(p.Roles)})";

    private static string EventNew(SynthEvent e) =>
        $"new Event({Str(e.Key)}, {Str(e.Title)}, {Date(e.Date)}, EventType.{SyntheticDataset.MemberName(e.Type)}, {Str(e.Place)}, {Strings(e.Actors)}, {Strings(e.People)}, " +
        $"{(e.Fatalities is int n ? Int(n) : "null")}, {(e.Cost is SynthMoney m ? $"new Money({Dec(m.Amount)}, {Str(m.Currency)})" : "null")}, " +
        $"Confidence.{SyntheticDataset.MemberName(e.Confidence)}, {(e.Verified ? "true" : "false")}, " +
        $"new Citation[] {{ {string.Join(", ", e.CitedIn.Select(c => $"new Citation({Str(c.Source)}, {Int(c.Paragraph)}, {Str(c.Quote)})"))} }})";

    private static string Str(string? s) => s is null ? "null" : "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Strings(IReadOnlyList<string> items) =>
        items.Count == 0 ? "System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", items.Select(Str)) + " }";

    private static string Date(SynthDate d) => $"new Date({Int(d.Year)}, {Int(d.Month)}, {Int(d.Day)})";

    private static string Dec(decimal d) => d.ToString(CultureInfo.InvariantCulture) + "m";

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);
}
