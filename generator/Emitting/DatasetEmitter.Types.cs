using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Emitting;

// The types file: {Root}.Types.g.cs (enums, records and the per-type readers).
internal static partial class DatasetEmitter
{
    private static string EmitTypes(EmitContext ctx)
    {
        SourceWriter w = Begin();
        using (w.Block($"namespace {ctx.Namespace}"))
        {
            bool first = true;
            foreach (EnumSpec e in ctx.Schema.Enums)
            {
                if (!first) w.WriteLine();
                first = false;
                EmitEnum(w, e);
            }
            foreach (TypeSpec type in ctx.Schema.Types)
            {
                if (!first) w.WriteLine();
                first = false;
                EmitRecord(w, ctx, type);
            }
            if (ctx.Schema.Types.Count > 0)
            {
                w.WriteLine();
                EmitReaders(w, ctx);
            }
        }
        return w.ToString();
    }

    /// <summary>
    /// The code that builds a fact or a value from the data files' data (<see cref="FactData"/>):
    /// a method per type, reading its fields in schema order, and one per kind of list.
    /// </summary>
    private static void EmitReaders(SourceWriter w, EmitContext ctx)
    {
        const string Reader = "string data, ref int at";
        Summary(w, "Builds facts and values from the data of the generated data files (the other part of this class reads the values).");
        w.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.WriteLine(GeneratedCode);
        using (w.Block("internal static partial class TypedDatasetReaders"))
        {
            var lists = new List<(string Name, FieldSpec Field)>();
            bool first = true;
            foreach (TypeSpec type in ctx.Schema.Types)
            {
                if (!first) w.WriteLine();
                first = false;
                var args = new List<string>();
                if (type.IsEntity) args.Add("TextOrNull(data, ref at)!");
                foreach (FieldSpec f in type.Fields)
                {
                    if (f.IsList)
                    {
                        // One list reader per element type: under the JIT each is a method to compile.
                        string item = ReadScalar(ctx, f);
                        int known = lists.FindIndex(l => ReadScalar(ctx, l.Field) == item);
                        string name = "List" + (known < 0 ? lists.Count : known).ToString(CultureInfo.InvariantCulture);
                        if (known < 0) lists.Add((name, f));
                        args.Add($"{name}(data, ref at)");
                    }
                    else if (StoredAsInt(f)) args.Add(FactData.HasPresenceFlag(f) ? $"Bool(data, ref at) ? {ReadStoredInt(f)} : -1" : ReadStoredInt(f));
                    else if (FactData.HasPresenceFlag(f)) args.Add($"Bool(data, ref at) ? {ReadScalar(ctx, f)} : null");
                    else args.Add(ReadScalar(ctx, f));
                }
                w.WriteLine($"internal static global::{ctx.Namespace}.{type.Name} Read{type.Name}({Reader}) =>");
                w.WriteLine($"    new global::{ctx.Namespace}.{type.Name}({string.Join(", ", args)});");
            }
            foreach ((string name, FieldSpec f) in lists)
            {
                string element = f.Kind == FieldKind.Reference ? "string" : ctx.ElementType(f);
                w.WriteLine();
                using (w.Block($"private static {element}[] {name}({Reader})"))
                {
                    w.WriteLine("int count = (int)Number(data, ref at);");
                    w.WriteLine($"if (count == 0) return global::System.Array.Empty<{element}>();");
                    w.WriteLine($"var items = new {element}[count];");
                    w.WriteLine($"for (int i = 0; i < count; i++) items[i] = {ReadScalar(ctx, f)};");
                    w.WriteLine("return items;");
                }
            }
        }
    }

    /// <summary>
    /// Whether a record stores the field as an int (<see cref="ReadStoredInt"/>): a single enum or
    /// date. Loading a record loads the types of its value-type fields; an int field defers the
    /// enum's or PartialDate's load to the first read of the property (docs/benchmarks.md).
    /// </summary>
    private static bool StoredAsInt(FieldSpec f) => !f.IsList && (f.Kind is FieldKind.Enum or FieldKind.Date);

    /// <summary>The reader's expression for a field stored as an int: the enum's position, or a date packed by <see cref="PackedDate"/>.</summary>
    private static string ReadStoredInt(FieldSpec f) => f.Kind == FieldKind.Enum
        ? "(int)Number(data, ref at)"
        : PackedDate("Int(data, ref at)", "Int(data, ref at)", "Int(data, ref at)");

    /// <summary>A date stored as an int: year &lt;&lt; 9 | month &lt;&lt; 5 | day (month and day 0 when unknown; year 1-9999).</summary>
    private static string PackedDate(string year, string month, string day) => $"({year} << 9) | ({month} << 5) | {day}";

    /// <summary>The <c>PartialDate</c> of an int made by <see cref="PackedDate"/>.</summary>
    private static string UnpackedDate(string partialDate, string packed) => $"new {partialDate}({packed} >> 9, ({packed} >> 5) & 15, {packed} & 31)";

    /// <summary>The reader call for one value of a field (an item, for a list).</summary>
    private static string ReadScalar(EmitContext ctx, FieldSpec f) => f.Kind switch
    {
        FieldKind.String or FieldKind.Reference => f.IsOptional && !f.IsList ? "TextOrNull(data, ref at)" : "TextOrNull(data, ref at)!",
        FieldKind.Integer => "Int(data, ref at)",
        FieldKind.Decimal => "Decimal(data, ref at)",
        FieldKind.Boolean => "Bool(data, ref at)",
        FieldKind.Date => $"new global::{ctx.Namespace}.PartialDate(Int(data, ref at), Int(data, ref at), Int(data, ref at))",
        FieldKind.Enum => $"(global::{ctx.Namespace}.{f.Target})Number(data, ref at)",
        _ => $"Read{f.Target}(data, ref at)",
    };

    private static void EmitEnum(SourceWriter w, EnumSpec e)
    {
        Summary(w, e.Doc ?? $"The values of {e.Name}.");
        w.WriteLine(GeneratedCode);
        using (w.Block($"public enum {e.Name}"))
        {
            foreach (EnumValueSpec v in e.Values)
            {
                Summary(w, $"'{v.Text}'");
                w.WriteLine(v.MemberName + ",");
            }
        }
        w.WriteLine();
        SummaryXml(w, $"Conversions of <see cref=\"{e.Name}\"/> to and from the text used in the dataset.");
        w.WriteLine(GeneratedCode);
        using (w.Block($"public static class {e.Name}Extensions"))
        {
            Summary(w, "The value as written in the dataset (for example in YAML and exports).");
            using (w.Block($"public static string ToYamlString(this {e.Name} value) => value switch", ";"))
            {
                foreach (EnumValueSpec v in e.Values) w.WriteLine($"{e.Name}.{v.MemberName} => {CSharpText.Literal(v.Text)},");
                w.WriteLine("_ => value.ToString(),");
            }
            w.WriteLine();
            Summary(w, "Parses the text used in the dataset (exact, case-sensitive).");
            using (w.Block($"public static bool TryParse(string? text, out {e.Name} value)"))
            {
                using (w.Block("switch (text)"))
                {
                    foreach (EnumValueSpec v in e.Values) w.WriteLine($"case {CSharpText.Literal(v.Text)}: value = {e.Name}.{v.MemberName}; return true;");
                    w.WriteLine("default: value = default; return false;");
                }
            }
        }
    }

    private static void EmitRecord(SourceWriter w, EmitContext ctx, TypeSpec type)
    {
        Summary(w, type.Doc ?? (type.IsEntity ? $"A fact of {type.Collection}." : $"A {type.Name} value."));
        w.WriteLine(GeneratedCode);
        using (w.Block($"public sealed partial record {type.Name}"))
        {
            // constructor
            var parameters = new List<string>();
            if (type.IsEntity) parameters.Add($"string {Param(type.KeyProperty)}");
            parameters.AddRange(type.Fields.Select(f => $"{ctx.ParameterType(f)} {Param(f.PropertyName)}"));
            w.WriteLine($"internal {type.Name}({string.Join(", ", parameters)})");
            w.OpenBrace();
            if (type.IsEntity) w.WriteLine($"{type.KeyProperty} = {Param(type.KeyProperty)};");
            foreach (FieldSpec f in type.Fields)
            {
                string p = Param(f.PropertyName);
                // Lists keep their array; the read-only list over it is made on first read.
                if (f.Kind == FieldKind.Reference || f.IsList || StoredAsInt(f)) w.WriteLine($"{Backing(f)} = {p};");
                else w.WriteLine($"{f.PropertyName} = {p};");
            }
            w.CloseBrace();

            if (type.IsEntity)
            {
                w.WriteLine();
                if (type.KeyDoc is not null) Summary(w, type.KeyDoc);
                else SummaryXml(w, $"The key ('{CSharpText.Xml(type.KeyField)}') of this fact in <see cref=\"global::{ctx.Namespace}.{type.Collection}\"/>.");
                w.WriteLine($"public string {type.KeyProperty} {{ get; }}");
            }
            foreach (FieldSpec f in type.Fields)
            {
                w.WriteLine();
                string doc = f.Doc ?? $"The '{f.YamlName}' field.";
                if (f.Kind == FieldKind.Reference)
                {
                    string target = $"global::{ctx.Namespace}.{f.Target}";
                    string collection = $"global::{ctx.Namespace}.{ctx.Type(f.Target).Collection}";
                    w.WriteLine(f.IsList ? $"internal readonly string[] {Backing(f)};" : $"internal readonly string{(f.IsOptional ? "?" : "")} {Backing(f)};");
                    if (f.IsList) w.WriteLine($"private {IReadOnlyList}<{target}>? {Backing(f)}List;");
                    w.WriteLine();
                    Summary(w, doc);
                    // Made on first read (building a fact then loads no list or delegate type), with a
                    // static lambda, not the method group Collection.Get: the delegate points into this
                    // record's closure class, so the target collection class (one member per fact in
                    // the properties layout, costly to load at 100,000 facts) loads only when a
                    // reference is resolved.
                    if (f.IsList) w.WriteLine($"public {IReadOnlyList}<{target}> {f.PropertyName} => {Backing(f)}List ?? TypedDatasetRuntime.Publish(ref {Backing(f)}List, new TypedDatasetRuntime.RefList<{target}>({Backing(f)}, static key => {collection}.Get(key)));");
                    else if (f.IsOptional) w.WriteLine($"public {target}? {f.PropertyName} => {Backing(f)} is null ? null : {collection}.Get({Backing(f)});");
                    else w.WriteLine($"public {target} {f.PropertyName} => {collection}.Get({Backing(f)});");
                }
                else if (f.IsList)
                {
                    string element = ctx.ElementType(f);
                    // internal: FindByName reads an alias straight from the array, without making the list.
                    w.WriteLine($"internal readonly {element}[] {Backing(f)};");
                    w.WriteLine($"private {IReadOnlyList}<{element}>? {Backing(f)}List;");
                    w.WriteLine();
                    Summary(w, doc);
                    w.WriteLine($"public {IReadOnlyList}<{element}> {f.PropertyName} => {Backing(f)}List ?? TypedDatasetRuntime.Publish(ref {Backing(f)}List, TypedDatasetRuntime.List({Backing(f)}));");
                }
                else if (StoredAsInt(f))
                {
                    // An int, not the enum or PartialDate: loading the record then loads no type for
                    // this field (the runtime loads a value-type field's type to lay the record out);
                    // the typed value is made when the property is read.
                    string typed = ctx.ElementType(f);
                    string value = f.Kind == FieldKind.Enum
                        ? $"({typed}){Backing(f)}"
                        : UnpackedDate(typed, Backing(f));
                    w.WriteLine($"private readonly int {Backing(f)}; // {(f.Kind == FieldKind.Enum ? "the value" : "year << 9 | month << 5 | day")}{(f.IsOptional ? ", or -1 when absent" : "")}");
                    w.WriteLine();
                    Summary(w, doc);
                    w.WriteLine(f.IsOptional
                        ? $"public {typed}? {f.PropertyName} => {Backing(f)} < 0 ? ({typed}?)null : {value};"
                        : $"public {typed} {f.PropertyName} => {value};");
                }
                else
                {
                    Summary(w, doc);
                    w.WriteLine($"public {ctx.PropertyType(f)} {f.PropertyName} {{ get; }}");
                }
            }

            // inverse navigation
            foreach ((TypeSpec owner, FieldSpec field, string name) in ctx.InversesOf(type))
            {
                w.WriteLine();
                SummaryXml(w, $"Every fact of <see cref=\"global::{ctx.Namespace}.{owner.Collection}\"/> whose <see cref=\"global::{ctx.Namespace}.{owner.Name}.{field.PropertyName}\"/> is this {type.Name} (inverse of '{CSharpText.Xml(field.YamlName)}').");
                w.WriteLine($"public {IReadOnlyList}<global::{ctx.Namespace}.{owner.Name}> {name} => global::{ctx.Namespace}.{owner.Collection}.{InverseMethod(field.PropertyName)}({type.KeyProperty});");
            }

            // equality and printing
            w.WriteLine();
            if (type.IsEntity)
            {
                Summary(w, $"Facts are equal when their keys are equal.");
                w.WriteLine($"public bool Equals({type.Name}? other) => other is not null && string.Equals({type.KeyProperty}, other.{type.KeyProperty}, global::System.StringComparison.Ordinal);");
                w.WriteLine();
                w.WriteLine("/// <inheritdoc/>");
                w.WriteLine($"public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode({type.KeyProperty});");
                w.WriteLine();
                // References are printed by key, so cycles between facts cannot recurse.
                FieldSpec? nameField = type.NameField is null ? null : type.Fields.FirstOrDefault(f => f.YamlName == type.NameField);
                using (w.Block("private bool PrintMembers(global::System.Text.StringBuilder builder)"))
                {
                    w.WriteLine($"builder.Append(\"{type.KeyProperty} = \").Append({type.KeyProperty});");
                    if (nameField is not null) w.WriteLine($"builder.Append(\", {nameField.PropertyName} = \").Append({nameField.PropertyName});");
                    w.WriteLine("return true;");
                }
            }
            else
            {
                Summary(w, "Values are equal when all their fields are equal (lists element by element).");
                string comparisons = type.Fields.Count == 0 ? "true" : string.Join(" && ", type.Fields.Select(f => Compare(ctx, f)));
                w.WriteLine($"public bool Equals({type.Name}? other) => other is not null && {comparisons};");
                w.WriteLine();
                w.WriteLine("/// <inheritdoc/>");
                using (w.Block("public override int GetHashCode()"))
                {
                    w.WriteLine("int hash = 17;");
                    foreach (FieldSpec f in type.Fields)
                    {
                        string member = f.Kind == FieldKind.Reference ? Backing(f) : f.PropertyName;
                        w.WriteLine(f.IsList && f.Kind != FieldKind.Reference
                            ? $"hash = unchecked(hash * 31 + TypedDatasetRuntime.SequenceHash({member}));"
                            : f.IsList ? $"hash = unchecked(hash * 31 + TypedDatasetRuntime.SequenceHash<string>({member}));"
                            : $"hash = TypedDatasetRuntime.Hash(hash, {member});");
                    }
                    w.WriteLine("return hash;");
                }
            }
        }
    }

    private static string Compare(EmitContext ctx, FieldSpec f)
    {
        if (f.Kind == FieldKind.Reference)
        {
            return f.IsList
                ? $"TypedDatasetRuntime.SequenceEqual<string>({Backing(f)}, other.{Backing(f)})"
                : $"string.Equals({Backing(f)}, other.{Backing(f)}, global::System.StringComparison.Ordinal)";
        }
        if (f.IsList) return $"TypedDatasetRuntime.SequenceEqual({f.PropertyName}, other.{f.PropertyName})";
        return $"global::System.Collections.Generic.EqualityComparer<{ctx.PropertyType(f)}>.Default.Equals({f.PropertyName}, other.{f.PropertyName})";
    }
}
