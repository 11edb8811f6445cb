using System.Collections.Generic;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Emitting;

/// <summary>
/// Emitting: validated models → C# text. Pure functions of their spec (no Roslyn symbols, no
/// diagnostics), so output is deterministic. The layout:
/// <list type="bullet">
/// <item><c>{Root}.Support.g.cs</c>: <c>PartialDate</c>, <c>DatePrecision</c>, run-time helpers, polyfills.</item>
/// <item><c>{Root}.Types.g.cs</c>: enums and records.</item>
/// <item><c>{Collection}.g.cs</c>: a collection's storage, its lookup by key and the dispatch to its chunks.</item>
/// <item><c>{Collection}.Lookups.g.cs</c>: its lookup by name and its inverse navigations.</item>
/// <item><c>{Root}.g.cs</c>: the root class.</item>
/// <item><c>Data.{file}.g.cs</c>: one per data file: its named fact members and the code that builds them.</item>
/// </list>
/// One partial file per generated file's kind: this one has the entry points, the root class and
/// the helpers they share; <c>DatasetEmitter.Support.cs</c>, <c>.Types.cs</c>, <c>.Collections.cs</c>,
/// <c>.Lookups.cs</c> and <c>.DataFiles.cs</c> the rest.
/// </summary>
internal static partial class DatasetEmitter
{
    public const string GeneratorName = "TypedDataset.Generator";
    /// <summary>The package version (from Directory.Build.props, via the assembly), without a source-control suffix.</summary>
    public static readonly string GeneratorVersion = ReadVersion();

    /// <summary>
    /// Facts per chunk: one string literal of data (<see cref="FactData"/>) and its loader, which
    /// builds one fact from it; with extension members also the facts per class. Under the JIT the
    /// runtime hashes every type of the module when it loads it, and each such class brings three
    /// types (the class and the compiler's two for its extension block).
    /// </summary>
    public const int FactsPerClass = 256;

    /// <summary>Most cases in one generated dispatch switch.</summary>
    public const int DispatchFanout = 16;

    /// <summary>The line that turns the nullable analysis off in a data file (the tests turn it back on).</summary>
    public const string NoNullableWarnings = "#nullable disable warnings";

    private static readonly string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"" + GeneratorName + "\", \"" + GeneratorVersion + "\")]";

    private static string ReadVersion()
    {
        string? version = typeof(DatasetEmitter).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion;
        if (string.IsNullOrEmpty(version)) return "0.0.0";
        int plus = version!.IndexOf('+');
        return plus < 0 ? version : version.Substring(0, plus);
    }

    private const string IReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";

    public static IEnumerable<(string HintName, string Source)> EmitCore(CoreSpec core)
    {
        var ctx = new EmitContext(core.Namespace, core.Schema);
        yield return ($"{core.Schema.Root}.Support.g.cs", EmitSupport(ctx, core));
        yield return ($"{core.Schema.Root}.Types.g.cs", EmitTypes(ctx));
        foreach (CollectionIndexSpec collection in core.Collections)
        {
            TypeSpec type = ctx.Type(collection.TypeName);
            yield return ($"{type.Collection}.g.cs", EmitCollection(ctx, type, collection, core.Utf8Keys, core.ExtensionMembers));
        }
        yield return ($"{core.Schema.Root}.g.cs", EmitRoot(ctx, core));
    }

    // ---------------------------------------------------------------- root

    private static string EmitRoot(EmitContext ctx, CoreSpec core)
    {
        SourceWriter w = Begin();
        using (w.Block($"namespace {ctx.Namespace}"))
        {
            Summary(w, ctx.Schema.Doc ?? "The dataset: every collection.");
            w.WriteLine(GeneratedCode);
            using (w.Block($"public static partial class {ctx.Schema.Root}"))
            {
                Summary(w, "The names of the collections, in schema order.");
                w.WriteLine($"public static {IReadOnlyList}<string> CollectionNames {{ get; }} = TypedDatasetRuntime.List(new string[] {{ {string.Join(", ", core.Collections.Select(c => CSharpText.Literal(ctx.Type(c.TypeName).Collection)))} }});");
                foreach (CollectionIndexSpec c in core.Collections)
                {
                    TypeSpec type = ctx.Type(c.TypeName);
                    w.WriteLine();
                    SummaryXml(w, $"Every {type.Name} fact (<see cref=\"global::{ctx.Namespace}.{type.Collection}.All\"/>).");
                    w.WriteLine($"public static {IReadOnlyList}<global::{ctx.Namespace}.{type.Name}> {type.Collection} => global::{ctx.Namespace}.{type.Collection}.All;");
                }
            }
        }
        return w.ToString();
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// The header of a generated file. Every file has nullable annotations; the data files
    /// (<paramref name="nullableWarnings"/> false) are compiled without the nullable analysis,
    /// whose only work there is a constructor call per fact: it was 15 % of a 100,000-fact build
    /// (docs/architecture.md, "Data files without nullable analysis"). The tests compile them
    /// with the warnings on.
    /// </summary>
    private static SourceWriter Begin(bool nullableWarnings = true)
    {
        var w = new SourceWriter();
        w.WriteLine("// <auto-generated/>");
        w.WriteLine($"// Generated by {GeneratorName} {GeneratorVersion} from YAML. Do not edit: edit the YAML and rebuild.");
        if (nullableWarnings)
        {
            w.WriteLine("#nullable enable");
        }
        else
        {
            w.WriteLine("#nullable enable annotations");
            w.WriteLine(NoNullableWarnings);
        }
        w.WriteLine();
        return w;
    }

    /// <summary>A summary from data (schema docs): escaped.</summary>
    private static void Summary(SourceWriter w, string text) => w.WriteLine($"/// <summary>{CSharpText.Xml(text, 2000)}</summary>");

    /// <summary>A summary written by the generator, which may hold XML tags; data inside it is escaped by the caller.</summary>
    private static void SummaryXml(SourceWriter w, string xml) => w.WriteLine($"/// <summary>{xml}</summary>");

    private static string Param(string propertyName) => "@" + char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);

    private static string Backing(FieldSpec field) => Backing(field.PropertyName);

    /// <summary>The field behind a record's property: <c>_aliases</c> for <c>Aliases</c>.</summary>
    private static string Backing(string propertyName) => "_" + char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);

    /// <summary>Lookups over the schema for one emit call.</summary>
    private sealed class EmitContext
    {
        private readonly Dictionary<string, TypeSpec> _types;

        public EmitContext(string ns, SchemaSpec schema)
        {
            Namespace = ns;
            Schema = schema;
            _types = schema.Types.ToDictionary(t => t.Name, System.StringComparer.Ordinal);
        }

        public string Namespace { get; }

        public SchemaSpec Schema { get; }

        public TypeSpec Type(string name) => _types[name];

        public IEnumerable<(TypeSpec Owner, FieldSpec Field, string Name)> InversesOf(TypeSpec target)
        {
            if (!target.IsEntity) yield break;
            foreach (TypeSpec owner in Schema.Types.Where(t => t.IsEntity))
            {
                foreach (FieldSpec f in owner.Fields.Where(f => f.Kind == FieldKind.Reference && f.Target == target.Name))
                {
                    yield return (owner, f, f.Inverse ?? owner.Collection + "By" + f.PropertyName);
                }
            }
        }

        public string ElementType(FieldSpec f) => f.Kind switch
        {
            FieldKind.String => "string",
            FieldKind.Integer => "int",
            FieldKind.Decimal => "decimal",
            FieldKind.Boolean => "bool",
            FieldKind.Date => $"global::{Namespace}.PartialDate",
            _ => $"global::{Namespace}.{f.Target}",
        };

        public string PropertyType(FieldSpec f) =>
            f.IsList ? $"{IReadOnlyList}<{ElementType(f)}>" : ElementType(f) + (f.IsOptional ? "?" : "");

        public string ParameterType(FieldSpec f)
        {
            if (StoredAsInt(f)) return "int";
            string element = f.Kind == FieldKind.Reference ? "string" : ElementType(f);
            return f.IsList ? element + "[]" : element + (f.IsOptional ? "?" : "");
        }
    }
}
