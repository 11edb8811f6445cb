using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TypedDataset.Consumer.Data;
using TypedDataset.Mosul;

namespace TypedDataset.Consumer.Export;

/// <summary>
/// A Graphviz DOT graph: organizations (boxes), people (ellipses), places (folders) and events
/// (diamonds) as nodes; every Relation as a solid edge labelled with its predicate; and, unless
/// <c>relationsOnly</c>, the reference fields (part of, affiliation, in, held by, actors …) as
/// dashed grey edges. Node ids are <c>collection/id</c>; every id and label is quoted and escaped.
/// </summary>
internal static class DotExporter
{
    public static void Write(TextWriter writer, bool relationsOnly)
    {
        var w = new StringBuilder();
        w.Append("digraph \"TypedDataset.Mosul\" {\n");
        w.Append("  graph [rankdir=LR, overlap=false, fontname=\"Helvetica\", label=\"TypedDataset.Mosul: entities and relations\"];\n");
        w.Append("  node [fontname=\"Helvetica\", fontsize=10];\n");
        w.Append("  edge [fontname=\"Helvetica\", fontsize=9];\n\n");

        w.Append("  // Organizations\n");
        foreach (Organization o in Organizations.All) Node(w, FactFields.Ref(o), "box", o.Kind.ToYamlString());
        w.Append("  // People\n");
        foreach (Person p in People.All) Node(w, FactFields.Ref(p), "ellipse", p.Role);
        w.Append("  // Places\n");
        foreach (Place p in Places.All) Node(w, FactFields.Ref(p), "folder", p.Kind.ToYamlString());
        w.Append("  // Events\n");
        foreach (Event e in Events.All) Node(w, FactFields.Ref(e), "diamond", e.SubEventType.ToYamlString());

        w.Append("\n  // Relations: subject to object, labelled with the predicate\n");
        foreach (Relation r in Relations.All)
        {
            FactRef? subject = Subject(r), obj = Object(r);
            if (subject is null || obj is null) continue;
            string label = r.Predicate.ToYamlString()
                + (r.Basis == Basis.Stated ? "" : " (" + r.Basis.ToYamlString() + ")")
                + (r.Time is { } time ? "\n" + Rendering.Format.When(time) : "");
            Edge(w, subject.Value, obj.Value, label, $"id={Quote(r.Id)}, penwidth=1.5");
        }

        if (!relationsOnly)
        {
            w.Append("\n  // References between entities (dashed)\n");
            foreach (Organization o in Organizations.All)
            {
                if (o.Parent is { } parent) Reference(w, FactFields.Ref(o), FactFields.Ref(parent), "part of");
            }
            foreach (Person p in People.All)
            {
                if (p.Affiliation is { } affiliation) Reference(w, FactFields.Ref(p), FactFields.Ref(affiliation), "affiliation");
                if (p.BasedAt is { } basedAt) Reference(w, FactFields.Ref(p), FactFields.Ref(basedAt), "based at");
            }
            foreach (Place p in Places.All)
            {
                if (p.Parent is { } parent) Reference(w, FactFields.Ref(p), FactFields.Ref(parent), "in");
                if (p.HeldBy is { } holder) Reference(w, FactFields.Ref(holder), FactFields.Ref(p), "holds");
            }
            foreach (Event e in Events.All)
            {
                if (e.PartOf is { } partOf) Reference(w, FactFields.Ref(e), FactFields.Ref(partOf), "part of");
                if (e.Place is { } place) Reference(w, FactFields.Ref(e), FactFields.Ref(place), "at");
                foreach (Organization actor in e.Actors) Reference(w, FactFields.Ref(actor), FactFields.Ref(e), "actor");
                foreach (Organization ally in e.AssociatedActors) Reference(w, FactFields.Ref(ally), FactFields.Ref(e), "associated actor");
                foreach (Person person in e.People) Reference(w, FactFields.Ref(person), FactFields.Ref(e), "involved");
            }
        }
        w.Append("}\n");
        writer.Write(w.ToString());
    }

    public static string ToDot(bool relationsOnly)
    {
        var writer = new StringWriter();
        Write(writer, relationsOnly);
        return writer.ToString();
    }

    /// <summary>A DOT quoted string: backslashes and quotes escaped, line breaks as <c>\n</c>.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    public static string NodeId(FactRef reference) => Quote(reference.Qualified);

    private static void Node(StringBuilder w, FactRef fact, string shape, string? detail)
    {
        string label = fact.Label + (string.IsNullOrEmpty(detail) ? "" : "\n(" + detail + ")");
        w.Append("  ").Append(NodeId(fact)).Append(" [label=").Append(Quote(label)).Append(", shape=").Append(shape).Append("];\n");
    }

    private static void Edge(StringBuilder w, FactRef from, FactRef to, string label, string attributes)
    {
        w.Append("  ").Append(NodeId(from)).Append(" -> ").Append(NodeId(to))
            .Append(" [label=").Append(Quote(label)).Append(", ").Append(attributes).Append("];\n");
    }

    private static void Reference(StringBuilder w, FactRef from, FactRef to, string label) =>
        Edge(w, from, to, label, "style=dashed, color=\"gray60\", fontcolor=\"gray40\"");

    private static FactRef? Subject(Relation r) =>
        r.SubjectPerson is { } person ? FactFields.Ref(person)
        : r.SubjectOrganization is { } organization ? FactFields.Ref(organization)
        : r.SubjectPlace is { } place ? FactFields.Ref(place)
        : null;

    private static FactRef? Object(Relation r) =>
        r.ObjectPerson is { } person ? FactFields.Ref(person)
        : r.ObjectOrganization is { } organization ? FactFields.Ref(organization)
        : r.ObjectPlace is { } place ? FactFields.Ref(place)
        : null;
}
