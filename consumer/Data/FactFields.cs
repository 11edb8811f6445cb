using System.Collections.Generic;
using System.Linq;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Data;

/// <summary>
/// Explicit, per-type field lists and labels: the only place that knows which properties each
/// generated record has. Written by hand (no reflection), so it stays trim- and AOT-safe and
/// the compiler checks every property name.
/// </summary>
internal static class FactFields
{
    // --- Labels: how a fact is named when something refers to it -------------------------

    public static string Label(Source s) =>
        s.Title ?? "news report of " + (s.DocumentDate?.Date?.ToString() ?? "unknown date")
            + (s.Publisher is { } publisher ? " (" + publisher.Organization.Name + ")" : "");

    public static string Label(Organization o) => o.Name;

    public static string Label(Person p) => p.Name;

    public static string Label(Place p) => p.Name;

    public static string Label(Event e) => e.Name;

    public static string Label(Figure f) => f.Raw;

    public static string Label(Quotation q) => Shorten(q.Text, 80);

    public static string Label(Relation r) =>
        $"{SubjectLabel(r)} {r.Predicate.ToYamlString()} {ObjectLabel(r)}";

    public static string SubjectLabel(Relation r) =>
        r.SubjectPerson?.Name ?? r.SubjectOrganization?.Name ?? r.SubjectPlace?.Name ?? "?";

    public static string ObjectLabel(Relation r) =>
        r.ObjectPerson?.Name ?? r.ObjectOrganization?.Name ?? r.ObjectPlace?.Name ?? "?";

    public static string Shorten(string text, int max) =>
        text.Length <= max ? text : text.Substring(0, max - 1).TrimEnd() + "…";

    // --- References ------------------------------------------------------------------------

    public static FactRef Ref(Source s) => new(DatasetIndex.SourcesName, s.Id, Label(s));

    public static FactRef Ref(Organization o) => new(DatasetIndex.OrganizationsName, o.Id, Label(o));

    public static FactRef Ref(Person p) => new(DatasetIndex.PeopleName, p.Id, Label(p));

    public static FactRef Ref(Place p) => new(DatasetIndex.PlacesName, p.Id, Label(p));

    public static FactRef Ref(Event e) => new(DatasetIndex.EventsName, e.Id, Label(e));

    public static FactRef Ref(Figure f) => new(DatasetIndex.FiguresName, f.Id, Label(f));

    public static FactRef Ref(Quotation q) => new(DatasetIndex.QuotationsName, q.Id, Label(q));

    public static FactRef Ref(Relation r) => new(DatasetIndex.RelationsName, r.Id, Label(r));

    private static FactRef? Opt(Organization? o) => o is null ? null : Ref(o);

    private static FactRef? Opt(Person? p) => p is null ? null : Ref(p);

    private static FactRef? Opt(Place? p) => p is null ? null : Ref(p);

    private static FactRef? Opt(Event? e) => e is null ? null : Ref(e);

    private static FactRef? Opt(Quotation? q) => q is null ? null : Ref(q);

    private static FactRef[] Refs(IEnumerable<Organization> items) => items.Select(Ref).ToArray();

    private static FactRef[] Refs(IEnumerable<Person> items) => items.Select(Ref).ToArray();

    private static FactRef[] Refs(IEnumerable<Place> items) => items.Select(Ref).ToArray();

    private static FactRef[] Refs(IEnumerable<Event> items) => items.Select(Ref).ToArray();

    private static FactRef[] Refs(IEnumerable<Figure> items) => items.Select(Ref).ToArray();

    private static FactRef[] Refs(IEnumerable<Quotation> items) => items.Select(Ref).ToArray();

    private static FactRef[] Refs(IEnumerable<Relation> items) => items.Select(Ref).ToArray();

    // --- Fields, in schema order; derived (inverse) fields last --------------------------------

    public static IReadOnlyList<Field> Of(Source s) => new[]
    {
        Field.OfText("id", s.Id),
        Field.OfText("file", s.File),
        Field.OfText("sha256", s.Sha256),
        Field.OfInteger("paragraphs", s.Paragraphs),
        Field.OfText("title", s.Title),
        Field.OfText("description", s.Description),
        Field.OfText("language", s.Language),
        Field.OfPublisher("publisher", s.Publisher),
        Field.OfTime("document_date", s.DocumentDate),
        Field.OfText("note", s.Note),
        Field.OfEvidence("evidence", s.Evidence),
    };

    public static IReadOnlyList<Field> Of(Organization o) => new[]
    {
        Field.OfText("id", o.Id),
        Field.OfText("name", o.Name),
        Field.OfTexts("aliases", o.Aliases),
        Field.OfEnum("kind", o.Kind.ToYamlString()),
        Field.OfRef("parent", Opt(o.Parent)),
        Field.OfEnum("actor_type", o.ActorType?.ToYamlString()),
        Field.OfText("description", o.Description),
        Field.OfText("note", o.Note),
        Field.OfEvidence("evidence", o.Evidence),
        Field.OfRefs("subunits", Refs(o.Subunits), derived: true),
        Field.OfRefs("members", Refs(o.Members), derived: true),
        Field.OfRefs("held_places", Refs(o.HeldPlaces), derived: true),
        Field.OfRefs("events", Refs(o.Events), derived: true),
        Field.OfRefs("events_as_associate", Refs(o.EventsAsAssociate), derived: true),
        Field.OfRefs("figures", Refs(o.Figures), derived: true),
        Field.OfRefs("quotations", Refs(o.Quotations), derived: true),
        Field.OfRefs("subject_of", Refs(o.SubjectOf), derived: true),
        Field.OfRefs("object_of", Refs(o.ObjectOf), derived: true),
    };

    public static IReadOnlyList<Field> Of(Person p) => new[]
    {
        Field.OfText("id", p.Id),
        Field.OfText("name", p.Name),
        Field.OfTexts("aliases", p.Aliases),
        Field.OfEnum("kind", p.Kind.ToYamlString()),
        Field.OfEnum("naming", p.Naming.ToYamlString()),
        Field.OfText("title", p.Title),
        Field.OfText("role", p.Role),
        Field.OfRef("affiliation", Opt(p.Affiliation)),
        Field.OfRef("based_at", Opt(p.BasedAt)),
        Field.OfText("note", p.Note),
        Field.OfEvidence("evidence", p.Evidence),
        Field.OfRefs("events", Refs(p.Events), derived: true),
        Field.OfRefs("figures", Refs(p.Figures), derived: true),
        Field.OfRefs("quotations", Refs(p.Quotations), derived: true),
        Field.OfRefs("subject_of", Refs(p.SubjectOf), derived: true),
        Field.OfRefs("object_of", Refs(p.ObjectOf), derived: true),
    };

    public static IReadOnlyList<Field> Of(Place p) => new[]
    {
        Field.OfText("id", p.Id),
        Field.OfText("name", p.Name),
        Field.OfTexts("aliases", p.Aliases),
        Field.OfEnum("kind", p.Kind.ToYamlString()),
        Field.OfRef("parent", Opt(p.Parent)),
        Field.OfRef("held_by", Opt(p.HeldBy)),
        Field.OfText("description", p.Description),
        Field.OfText("note", p.Note),
        Field.OfEvidence("evidence", p.Evidence),
        Field.OfRefs("children", Refs(p.Children), derived: true),
        Field.OfRefs("people_based_here", Refs(p.PeopleBasedHere), derived: true),
        Field.OfRefs("events", Refs(p.Events), derived: true),
        Field.OfRefs("figures", Refs(p.Figures), derived: true),
        Field.OfRefs("quotations", Refs(p.Quotations), derived: true),
        Field.OfRefs("subject_of", Refs(p.SubjectOf), derived: true),
        Field.OfRefs("object_of", Refs(p.ObjectOf), derived: true),
    };

    public static IReadOnlyList<Field> Of(Event e) => new[]
    {
        Field.OfText("id", e.Id),
        Field.OfText("name", e.Name),
        Field.OfText("summary", e.Summary),
        Field.OfEnum("event_type", e.EventType.ToYamlString()),
        Field.OfEnum("sub_event_type", e.SubEventType.ToYamlString()),
        Field.OfRefs("actors", Refs(e.Actors)),
        Field.OfRefs("associated_actors", Refs(e.AssociatedActors)),
        Field.OfRefs("people", Refs(e.People)),
        Field.OfRef("place", Opt(e.Place)),
        Field.OfText("location_as_written", e.LocationAsWritten),
        Field.OfTime("time", e.Time),
        Field.OfRef("part_of", Opt(e.PartOf)),
        Field.OfText("coding_note", e.CodingNote),
        Field.OfEvidence("evidence", e.Evidence),
        Field.OfRefs("parts", Refs(e.Parts), derived: true),
        Field.OfRefs("figures", Refs(e.Figures), derived: true),
    };

    public static IReadOnlyList<Field> Of(Figure f) => new[]
    {
        Field.OfText("id", f.Id),
        Field.OfText("counted", f.Counted),
        Field.OfEnum("category", f.Category.ToYamlString()),
        Field.OfEnum("unit", f.Unit.ToYamlString()),
        Field.OfEnum("hedge", f.Hedge.ToYamlString()),
        Field.OfDecimal("value", f.Value),
        Field.OfDecimal("low", f.Low),
        Field.OfDecimal("high", f.High),
        Field.OfText("raw", f.Raw),
        Field.OfRef("attributed_person", Opt(f.AttributedPerson)),
        Field.OfRef("attributed_organization", Opt(f.AttributedOrganization)),
        Field.OfRef("stated_in", Opt(f.StatedIn)),
        Field.OfTime("time", f.Time),
        Field.OfRef("place", Opt(f.Place)),
        Field.OfRef("event", Opt(f.Event)),
        Field.OfText("note", f.Note),
        Field.OfEvidence("evidence", f.Evidence),
    };

    public static IReadOnlyList<Field> Of(Quotation q) => new[]
    {
        Field.OfText("id", q.Id),
        Field.OfText("text", q.Text),
        Field.OfEnum("mode", q.Mode.ToYamlString()),
        Field.OfRef("speaker_person", Opt(q.SpeakerPerson)),
        Field.OfRef("speaker_organization", Opt(q.SpeakerOrganization)),
        Field.OfText("reporting_verb", q.ReportingVerb),
        Field.OfText("context", q.Context),
        Field.OfTime("time", q.Time),
        Field.OfRef("place", Opt(q.Place)),
        Field.OfEvidence("evidence", q.Evidence),
        Field.OfRefs("figures", Refs(q.Figures), derived: true),
    };

    public static IReadOnlyList<Field> Of(Relation r) => new[]
    {
        Field.OfText("id", r.Id),
        Field.OfRef("subject_person", Opt(r.SubjectPerson)),
        Field.OfRef("subject_organization", Opt(r.SubjectOrganization)),
        Field.OfRef("subject_place", Opt(r.SubjectPlace)),
        Field.OfEnum("predicate", r.Predicate.ToYamlString()),
        Field.OfRef("object_person", Opt(r.ObjectPerson)),
        Field.OfRef("object_organization", Opt(r.ObjectOrganization)),
        Field.OfRef("object_place", Opt(r.ObjectPlace)),
        Field.OfEnum("basis", r.Basis.ToYamlString()),
        Field.OfTime("time", r.Time),
        Field.OfText("note", r.Note),
        Field.OfEvidence("evidence", r.Evidence),
    };
}
