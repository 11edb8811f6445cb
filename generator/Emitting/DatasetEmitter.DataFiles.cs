using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Emitting;

// A data file's source: Data.{file}.g.cs (the named fact members, their docs and the loaders that build them).
internal static partial class DatasetEmitter
{
    public static string HintName(FileEmitSpec file) => $"Data.{file.FileId}.g.cs";

    public static string EmitFile(FileEmitSpec file)
    {
        var ctx = new EmitContext(file.Namespace, file.Schema);
        SourceWriter w = Begin(nullableWarnings: false);
        w.WriteLine($"// Facts from {CSharpText.Xml(file.DisplayPath, 200)}");
        w.WriteLine();
        using (w.Block($"namespace {ctx.Namespace}"))
        {
            bool first = true;
            foreach (CollectionSliceSpec slice in file.Slices)
            {
                if (!first) w.WriteLine();
                first = false;
                TypeSpec type = ctx.Type(slice.TypeName);
                if (file.ExtensionMembers) EmitExtensionSlice(w, ctx, type, file, slice);
                else EmitPropertySlice(w, ctx, type, file, slice);
            }
        }
        return w.ToString();
    }

    /// <summary>The default layout: the file's facts as static properties of the collection class, and their loaders.</summary>
    private static void EmitPropertySlice(SourceWriter w, EmitContext ctx, TypeSpec type, FileEmitSpec file, CollectionSliceSpec slice)
    {
        string record = $"global::{ctx.Namespace}.{type.Name}";
        string offset = $"Base_{file.FileId}";
        using (w.Block($"partial class {type.Collection}"))
        {
            for (int i = 0; i < slice.Facts.Count; i++)
            {
                FactSpec fact = slice.Facts[i];
                FactDocs(w, ctx, type, fact);
                w.WriteLine($"public static {record} {fact.MemberName} => __Item({offset} + {i.ToString(CultureInfo.InvariantCulture)});");
                w.WriteLine();
            }
            const int per = FactsPerClass;
            int chunks = (slice.Facts.Count + per - 1) / per;
            for (int c = 0; c < chunks; c++)
            {
                if (c > 0) w.WriteLine();
                string name = "Load_" + file.FileId + "_" + c.ToString(CultureInfo.InvariantCulture);
                EmitDataLoader(w, ctx, type, slice, "private", name, "s_items", offset, c * per, Math.Min(slice.Facts.Count, (c + 1) * per));
            }
        }
    }

    /// <summary>
    /// TypedDatasetFactMembers=Extensions (C# 14): per chunk of <see cref="FactsPerClass"/> facts of
    /// the file, the facts as static extension members of the collection (<c>Events.X</c> as with
    /// properties) and their loaders, in a static class of the chunk's own, or, for a partly filled
    /// chunk, in one of the collection's shared classes (<see cref="SharedClass"/>). The collection
    /// class then has no member per fact: the runtime loads it, and then one class of a few hundred
    /// members, on the first access, instead of a class with a getter per fact
    /// (docs/architecture.md, "Fact members").
    /// </summary>
    private static void EmitExtensionSlice(SourceWriter w, EmitContext ctx, TypeSpec type, FileEmitSpec file, CollectionSliceSpec slice)
    {
        string record = $"global::{ctx.Namespace}.{type.Name}";
        string collection = $"global::{ctx.Namespace}.{type.Collection}";
        string offset = $"{collection}.Base_{file.FileId}";
        int classes = (slice.Facts.Count + FactsPerClass - 1) / FactsPerClass;
        for (int k = 0; k < classes; k++)
        {
            if (k > 0) w.WriteLine();
            int from = k * FactsPerClass, to = Math.Min(slice.Facts.Count, from + FactsPerClass);
            string range = $"{type.Name} facts {(from + 1).ToString(CultureInfo.InvariantCulture)} to {to.ToString(CultureInfo.InvariantCulture)} of {file.DisplayPath}";
            // A full chunk has a class of its own; a partly filled one is part of a class that chunks
            // of other files share (declared with the collection), and its helpers carry its name.
            string? shared = SharedClass(type, file.FileId, k, slice.Facts.Count, slice.SharedClasses);
            string suffix = shared is null ? "" : "_" + file.FileId + "_" + k.ToString(CultureInfo.InvariantCulture);
            if (shared is null)
            {
                Summary(w, $"{range}: members of {type.Collection} (written {type.Collection}.Member) and the code that builds them.");
                MembersClassAttributes(w);
            }
            else
            {
                w.WriteLine($"// {CSharpText.Xml(range)}: in a class shared with other files' facts.");
            }
            using (w.Block(shared is null ? $"public static class {MembersClass(type, file.FileId, k)}" : $"public static partial class {shared}"))
            {
                using (w.Block($"extension({collection})"))
                {
                    for (int i = from; i < to; i++)
                    {
                        if (i > from) w.WriteLine();
                        FactSpec fact = slice.Facts[i];
                        FactDocs(w, ctx, type, fact);
                        w.WriteLine($"public static {record} {fact.MemberName} => __Fact{suffix}({i.ToString(CultureInfo.InvariantCulture)});");
                    }
                }
                w.WriteLine();
                // The i-th fact of the file: one small method, so a member is a call with a constant.
                w.WriteLine($"private static {record} __Fact{suffix}(int i) => {collection}.s_items[{offset} + i] ?? Load{suffix}({offset} + i);");
                w.WriteLine();
                // A named fact is built through its own class: no dispatch method, which would make
                // the JIT load the classes of every chunk it can call. The loader takes the lock
                // itself (the collection's dispatch calls it holding it already: the lock is
                // re-entrant), so a chunk is two methods, not three: with ReadyToRun every method a
                // chunk adds is an import cell that the runtime relocates when it loads the image.
                EmitDataLoader(w, ctx, type, slice, "internal", "Load" + suffix, $"{collection}.s_items", offset, from, to, $"{collection}.s_lock", record);
            }
        }
    }

    /// <summary>A class of extension members is hidden from IntelliSense: users write <c>Books.Earthsea</c>.</summary>
    private static void MembersClassAttributes(SourceWriter w)
    {
        w.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.WriteLine(GeneratedCode);
    }

    /// <summary>The class of <see cref="FactsPerClass"/> facts' extension members and loaders (TypedDatasetFactMembers=Extensions).</summary>
    private static string MembersClass(TypeSpec type, string fileId, int number) =>
        $"{type.Collection}__{fileId}_{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// How many classes a collection's partly filled chunks share (TypedDatasetFactMembers=Extensions),
    /// from its number of facts in each file: a power of two that gives about
    /// <see cref="FactsPerClass"/> / 2 to <see cref="FactsPerClass"/> facts per class, or 0 when
    /// every chunk is full. Under the JIT the runtime hashes every type of an IL assembly when it
    /// loads it, and each class brings three (the class and the compiler's two for its extension
    /// block): a data file of 20 facts with a class of its own made 5,000 classes at 100,000 facts,
    /// most of the first access (docs/benchmarks.md, "The shape of the first access"). A power of
    /// two changes seldom as facts are added, and every data file's source depends on it.
    /// </summary>
    public static int SharedClassCount(IEnumerable<int> factsPerFile)
    {
        long partial = factsPerFile.Sum(count => (long)(count % FactsPerClass));
        if (partial == 0) return 0;
        int classes = 1;
        while (classes < (partial + FactsPerClass - 1) / FactsPerClass) classes *= 2;
        return classes;
    }

    /// <summary>
    /// The class that holds chunk <paramref name="number"/> of a file's facts of a collection when
    /// the chunk has fewer than <see cref="FactsPerClass"/> facts: one of the collection's
    /// <paramref name="sharedClasses"/>, chosen by a hash of the file and the chunk, so that it
    /// depends on nothing else; null for a full chunk, which has a class of its own.
    /// </summary>
    private static string? SharedClass(TypeSpec type, string fileId, int number, int factsInFile, int sharedClasses)
    {
        if (sharedClasses == 0 || factsInFile - number * FactsPerClass >= FactsPerClass) return null;
        uint which = Names.KeyHash(fileId + "/" + number.ToString(CultureInfo.InvariantCulture)) & (uint)(sharedClasses - 1);
        return $"{type.Collection}__Shared{which.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The loader of facts [<paramref name="from"/>, <paramref name="to"/>) of a file's facts: a
    /// method that builds the fact at a given index, and only that fact, from the chunk's data
    /// (<see cref="FactData"/>). With ReadyToRun the literal is fixed up on the loader's first call.
    /// </summary>
    private static void EmitDataLoader(SourceWriter w, EmitContext ctx, TypeSpec type, CollectionSliceSpec slice, string access, string name, string itemsExpression, string offset, int from, int to, string? lockExpression = null, string? record = null)
    {
        // Without a lock (the default layout: only the collection's dispatch calls it, under its
        // lock), a loader stores the fact; with one (extension members), it also takes the lock,
        // skips a fact built meanwhile, and returns the fact.
        using (w.Block(lockExpression is null ? $"{access} static void {name}(int index)" : $"{access} static {record} {name}(int index)"))
        {
            using (lockExpression is null ? null : w.Block($"lock ({lockExpression})"))
            {
                using (lockExpression is null ? null : w.Block($"if ({itemsExpression}[index] is null)"))
                {
                    // The data inline, not in a const: a constant's value would be stored a second
                    // time, in the metadata's blob heap.
                    w.WriteLine("string data =");
                    w.WriteLine($"    {FactData.Chunk(ctx.Type, ctx.Schema.Enums, type, slice.Facts, from, to)};");
                    w.WriteLine($"int at = global::{ctx.Namespace}.TypedDatasetReaders.Start(data, index - ({offset} + {from.ToString(CultureInfo.InvariantCulture)}));");
                    w.WriteLine($"{itemsExpression}[index] = global::{ctx.Namespace}.TypedDatasetReaders.Read{type.Name}(data, ref at);");
                }
                if (lockExpression is not null) w.WriteLine($"return {itemsExpression}[index]!;");
            }
        }
    }

    /// <summary>The IntelliSense text of a fact: its values, then its evidence.</summary>
    private static void FactDocs(SourceWriter w, EmitContext ctx, TypeSpec type, FactSpec fact)
    {
        w.WriteLine("/// <summary>");
        string? title = null;
        if (type.NameField is not null)
        {
            int i = IndexOf(type, type.NameField);
            if (i >= 0 && fact.Values[i].Kind == ValueKind.String) title = fact.Values[i].Text;
        }
        w.WriteLine($"/// <para>{type.Name} <c>{CSharpText.Xml(fact.Key)}</c>{(title is null ? "" : ": <b>" + CSharpText.Xml(title, 200) + "</b>")}</para>");
        EvidenceSpec? ev = ctx.Schema.Evidence;
        var evidence = new List<string>();
        for (int i = 0; i < type.Fields.Count; i++)
        {
            FieldSpec field = type.Fields[i];
            ValueSpec value = fact.Values[i];
            if (ev is not null && field.Kind == FieldKind.Value && field.Target == ev.QuoteType)
            {
                foreach (ValueSpec quote in value.Kind == ValueKind.List ? value.Items : new[] { value }.ToImmutableEquatableArray())
                {
                    if (quote.Kind == ValueKind.Object) evidence.Add(Evidence(ctx, ev, quote));
                }
                continue;
            }
            if (field.YamlName == type.NameField) continue;
            string? shown = Show(value);
            if (shown is null) continue;
            w.WriteLine($"/// <para>{CSharpText.Xml(field.YamlName, 80)}: {CSharpText.Xml(shown, 300)}</para>");
        }
        foreach (string e in evidence) w.WriteLine($"/// <para>Evidence: {e}</para>");
        w.WriteLine("/// </summary>");
    }

    private static string Evidence(EmitContext ctx, EvidenceSpec ev, ValueSpec quote)
    {
        TypeSpec quoteType = ctx.Type(ev.QuoteType);
        string text = Text(quoteType, quote, ev.TextField) ?? "";
        string source = Text(quoteType, quote, ev.QuoteSourceField) ?? "?";
        string paragraph = Text(quoteType, quote, ev.ParagraphField) ?? "?";
        return $"“{CSharpText.Xml(text, 400)}” ({CSharpText.Xml(source, 80)}, paragraph {CSharpText.Xml(paragraph, 12)})";
    }

    private static string? Text(TypeSpec type, ValueSpec value, string field)
    {
        int i = IndexOf(type, field);
        return i >= 0 && i < value.Items.Count && value.Items[i].Kind != ValueKind.Null ? value.Items[i].Text : null;
    }

    private static int IndexOf(TypeSpec type, string yamlName)
    {
        for (int i = 0; i < type.Fields.Count; i++)
        {
            if (type.Fields[i].YamlName == yamlName) return i;
        }
        return -1;
    }

    /// <summary>A short human rendering of a value for docs, or null to leave it out.</summary>
    private static string? Show(ValueSpec value) => value.Kind switch
    {
        ValueKind.Null => null,
        ValueKind.List when value.Items.Count == 0 => null,
        ValueKind.List when value.Items.All(i => i.Kind != ValueKind.Object) => string.Join(", ", value.Items.Select(i => i.Text)),
        ValueKind.List => $"{value.Items.Count} item(s)",
        ValueKind.Object => string.Join("; ", value.Items.Select(Show).Where(s => s is not null)),
        _ => value.Text,
    };
}
