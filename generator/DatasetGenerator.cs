using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Emitting;
using TypedDataset.Generator.Model;
using TypedDataset.Generator.Parsing;
using TypedDataset.Generator.Validation;

namespace TypedDataset.Generator;

/// <summary>
/// Pipeline wiring only: which inputs feed which step. Parsing, validation and emitting live in
/// their own classes. Every step catches its own failures and turns them into TDS999, so no
/// exception ever escapes into the compiler.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DatasetGenerator : IIncrementalGenerator
{
    internal const string KindMetadata = "build_metadata.AdditionalFiles.TypedDatasetKind";
    internal const string DataKind = "Data";
    internal const string SourceTextKind = "SourceText";

    /// <summary><c>LanguageVersion.CSharp14</c>'s value.</summary>
    private const int CSharp14 = 1400;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. Classify additional files by the metadata the .targets gives them.
        var classified = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) =>
            {
                AnalyzerConfigOptions options = pair.Right.GetOptions(pair.Left);
                options.TryGetValue(KindMetadata, out string? kind);
                pair.Right.GlobalOptions.TryGetValue("build_property.ProjectDir", out string? projectDir);
                return new ClassifiedFile(pair.Left, kind ?? string.Empty, OrderKey(pair.Left.Path, projectDir));
            });

        // 2. One parse step per data file (cached per file).
        var parsed = classified
            .Where(static f => f.Kind == DataKind)
            .WithTrackingName(TrackingNames.DataFiles)
            .Select(static (f, ct) => ParseSafely(f, ct))
            .WithTrackingName(TrackingNames.Parse);

        var sourceTexts = classified
            .Where(static f => f.Kind == SourceTextKind)
            .Select(static (f, ct) => ReadSourceText(f.Text, ct))
            .Where(static t => t is not null)
            .Select(static (t, _) => t!)
            .WithTrackingName(TrackingNames.SourceTexts);

        // 3. Build settings, reduced to the few facts the output depends on.
        var compilationFacts = context.CompilationProvider.Select(static (c, _) => (
            NeedsIsExternalInit: !HasAccessibleType(c, "System.Runtime.CompilerServices.IsExternalInit"),
            NeedsNotNullWhen: !HasAccessibleType(c, "System.Diagnostics.CodeAnalysis.NotNullWhenAttribute"),
            // .NET 8 or later, seen by a type it added (the data tables' helpers use its APIs).
            IsNet8OrLater: HasAccessibleType(c, "System.Text.Ascii")));
        var language = context.ParseOptionsProvider.Select(static (o, _) => (
            Ok: o is not CSharpParseOptions cs || cs.LanguageVersion >= LanguageVersion.CSharp9,
            // C# 12: u8 literals (C# 11) and passing `in` to .NET 8's `ref readonly` parameters
            // (Unsafe.AsRef), which the data tables' helpers do.
            DataTables: o is CSharpParseOptions u && u.LanguageVersion >= LanguageVersion.CSharp12,
            // C# 14 (extension members) by number: the Roslyn this generator compiles against predates it.
            Extensions: o is CSharpParseOptions e && (int)e.LanguageVersion >= CSharp14));
        var config = context.AnalyzerConfigOptionsProvider
            .Select(static (o, _) =>
            {
                o.GlobalOptions.TryGetValue("build_property.TypedDatasetNamespace", out string? ns);
                if (string.IsNullOrWhiteSpace(ns)) o.GlobalOptions.TryGetValue("build_property.RootNamespace", out ns);
                o.GlobalOptions.TryGetValue("build_property.TypedDatasetSourceTextsFound", out string? found);
                o.GlobalOptions.TryGetValue("build_property.TypedDatasetFactMembers", out string? members);
                return (Namespace: string.IsNullOrWhiteSpace(ns) ? "TypedDataset.Generated" : ns!.Trim(),
                    SourceTexts: string.Equals(found, "true", StringComparison.OrdinalIgnoreCase),
                    FactMembers: members?.Trim() ?? string.Empty);
            })
            .Combine(compilationFacts)
            .Combine(language)
            .Select(static (x, _) => new ConfigSpec(x.Left.Left.Namespace, x.Left.Left.SourceTexts,
                x.Left.Right.NeedsIsExternalInit, x.Left.Right.NeedsNotNullWhen, x.Right.Ok,
                Utf8Keys: x.Right.DataTables && x.Left.Right.IsNet8OrLater,
                FactMembers: x.Left.Left.FactMembers, ExtensionsSupported: x.Right.Extensions))
            .WithTrackingName(TrackingNames.Config);

        // 4. The schema, validated once; then one typing step per file (cached per file: an edit
        //    re-types only the edited file); then the checks that need every file.
        var schema = parsed
            .Where(static f => f.Kind == ParsedFileKind.Schema)
            .Collect()
            .Select(static (files, ct) => ValidateSchemaSafely(files, ct))
            .WithTrackingName(TrackingNames.Schema);

        var typed = parsed
            .Combine(schema)
            .Select(static (x, ct) => TypeSafely(x.Left, x.Right, ct))
            .WithTrackingName(TrackingNames.Type);

        var model = typed.Collect()
            .Combine(schema)
            .Combine(sourceTexts.Collect())
            .Combine(config)
            .Select(static (x, ct) => ValidateSafely(x.Left.Left.Right, x.Left.Left.Left, x.Left.Right, x.Right, ct))
            .WithTrackingName(TrackingNames.Validate);

        // 5. Outputs: diagnostics; the core (types, collections, root); one source per data file.
        context.RegisterSourceOutput(
            model.Select(static (m, _) => m.Diagnostics).WithTrackingName(TrackingNames.Diagnostics),
            static (spc, diagnostics) =>
            {
                foreach (DiagnosticInfo d in diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
            });

        context.RegisterSourceOutput(
            model.Select(static (m, _) => m.Core).WithTrackingName(TrackingNames.Core),
            static (spc, core) =>
            {
                if (core is null) return;
                Emit(spc, "emitting the dataset types", () => DatasetEmitter.EmitCore(core).ToArray());
            });

        context.RegisterSourceOutput(
            model.SelectMany(static (m, _) => m.Lookups).WithTrackingName(TrackingNames.LookupInputs)
                .Select(static (input, ct) => IndexSafely(input, ct)).WithTrackingName(TrackingNames.LookupOutputs),
            static (spc, lookup) =>
            {
                if (lookup.Spec is null)
                {
                    spc.ReportDiagnostic(lookup.Error!.ToDiagnostic());
                    return;
                }
                Emit(spc, "emitting the lookups of " + lookup.Spec.Collection,
                    () => new[] { (DatasetEmitter.HintName(lookup.Spec), DatasetEmitter.EmitLookups(lookup.Spec)) });
            });

        context.RegisterSourceOutput(
            model.SelectMany(static (m, _) => m.Files).WithTrackingName(TrackingNames.FileOutputs),
            static (spc, file) => Emit(spc, "emitting " + file.DisplayPath,
                () => new[] { (DatasetEmitter.HintName(file), DatasetEmitter.EmitFile(file)) }));
    }

    private static ParsedFile ParseSafely(ClassifiedFile file, System.Threading.CancellationToken ct)
    {
        string path = file.Text.Path;
        try
        {
            string text = file.Text.GetText(ct)?.ToString() ?? string.Empty;
            return DatasetParser.Parse(path, file.OrderKey, text);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ParsedFile(path, file.OrderKey, ParsedFileKind.Empty, null, ImmutableEquatableArray<RawCollection>.Empty,
                new[] { InternalError("reading " + Path.GetFileName(path), ex, LocationInfo.FileStart(path)) }.ToImmutableEquatableArray());
        }
    }

    private static SchemaResult ValidateSchemaSafely(ImmutableArray<ParsedFile> files, System.Threading.CancellationToken ct)
    {
        try
        {
            ct.ThrowIfCancellationRequested();
            return DatasetValidator.ValidateSchema(files);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LocationInfo? at = files.Select(f => LocationInfo.FileStart(f.Path)).FirstOrDefault();
            return new SchemaResult(null, files.Length > 0, null, at, new[] { InternalError("validating the schema", ex, at) }.ToImmutableEquatableArray());
        }
    }

    private static TypedFile TypeSafely(ParsedFile file, SchemaResult schema, System.Threading.CancellationToken ct)
    {
        try
        {
            ct.ThrowIfCancellationRequested();
            return FactTyper.Type(file, schema);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new TypedFile(file.Path, file.OrderKey, ParsedFileKind.Empty, false, ImmutableEquatableArray<TypedFact>.Empty,
                new[] { InternalError("typing " + Path.GetFileName(file.Path), ex, LocationInfo.FileStart(file.Path)) }.ToImmutableEquatableArray());
        }
    }

    private static DatasetModel ValidateSafely(SchemaResult schema, ImmutableArray<TypedFile> files, ImmutableArray<SourceTextSpec> texts, ConfigSpec config, System.Threading.CancellationToken ct)
    {
        try
        {
            ct.ThrowIfCancellationRequested();
            return DatasetValidator.Validate(schema, files, texts, config);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LocationInfo? at = files.OrderBy(f => f.OrderKey, StringComparer.Ordinal).Select(f => LocationInfo.FileStart(f.Path)).FirstOrDefault();
            return new DatasetModel(new[] { InternalError("validating the dataset", ex, at) }.ToImmutableEquatableArray(), null,
                ImmutableEquatableArray<FileEmitSpec>.Empty, ImmutableEquatableArray<LookupInput>.Empty);
        }
    }

    private static LookupResult IndexSafely(LookupInput input, System.Threading.CancellationToken ct)
    {
        try
        {
            ct.ThrowIfCancellationRequested();
            return new LookupResult(LookupIndexer.Build(input), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new LookupResult(null, InternalError("indexing the lookups of " + input.Collection, ex, null));
        }
    }

    private static void Emit(SourceProductionContext spc, string what, Func<(string HintName, string Source)[]> emit)
    {
        try
        {
            foreach ((string hint, string source) in emit()) spc.AddSource(hint, SourceText.From(source, Encoding.UTF8));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            spc.ReportDiagnostic(InternalError(what, ex, null).ToDiagnostic());
        }
    }

    private static DiagnosticInfo InternalError(string what, Exception ex, LocationInfo? at) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, at, what, ex.GetType().Name + ": " + ex.Message);

    private static bool HasAccessibleType(Compilation compilation, string metadataName)
    {
        INamedTypeSymbol? type = compilation.GetTypeByMetadataName(metadataName);
        return type is not null && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly);
    }

    /// <summary>The file's path relative to the project (for ordering and stable names), with '/' separators.</summary>
    internal static string OrderKey(string path, string? projectDir)
    {
        string normalized = path.Replace('\\', '/');
        if (!string.IsNullOrEmpty(projectDir))
        {
            string dir = projectDir!.Replace('\\', '/');
            if (!dir.EndsWith("/", StringComparison.Ordinal)) dir += "/";
            if (normalized.StartsWith(dir, StringComparison.Ordinal)) return normalized.Substring(dir.Length);
        }
        return normalized;
    }

    private static readonly Regex BlankLine = new(@"\n[ \t]*\n", RegexOptions.CultureInvariant);

    /// <summary>Reads a source text once: its SHA-256 (of the UTF-8 text) and its paragraphs (separated by blank lines).</summary>
    private static SourceTextSpec? ReadSourceText(AdditionalText file, System.Threading.CancellationToken ct)
    {
        try
        {
            string text = file.GetText(ct)?.ToString() ?? string.Empty;
            string hash;
            using (SHA256 sha = SHA256.Create())
            {
                byte[] digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
                hash = string.Concat(digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            }
            string[] paragraphs = BlankLine.Split(text.Replace("\r\n", "\n").Replace('\r', '\n'))
                .Select(p => p.Trim())
                .Where(p => p.Length > 0)
                .ToArray();
            return new SourceTextSpec(Path.GetFileName(file.Path), file.Path, hash, paragraphs.ToImmutableEquatableArray());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>An additional file and what the project says it is. Compared by the text instance.</summary>
    private sealed record ClassifiedFile(AdditionalText Text, string Kind, string OrderKey);
}
