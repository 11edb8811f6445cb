using TypedDataset.Generator.Common;

namespace TypedDataset.Generator.Model;

// Pipeline models. Every one is a value-equatable record of strings, numbers, LocationInfo and
// ImmutableEquatableArray: never YAML nodes, symbols, syntax or a Compilation, so the
// incremental driver can cache each step.

// ---------- Per-file parse output ----------

internal enum ParsedFileKind
{
    /// <summary>No YAML document (empty, or only comments), or unreadable.</summary>
    Empty,
    Schema,
    Data,
}

internal enum RawKind
{
    Null,
    /// <summary>An unquoted scalar: may be read as a number, boolean or date.</summary>
    Plain,
    /// <summary>A quoted or block scalar, or one tagged !!str: always text.</summary>
    Text,
    Sequence,
    Mapping,
}

/// <summary>An untyped YAML value with its location; typed against the schema by the validator.</summary>
internal sealed record RawValue(
    RawKind Kind,
    string Text,
    LocationInfo Location,
    ImmutableEquatableArray<RawValue> Items,
    ImmutableEquatableArray<RawEntry> Entries)
{
    public string Describe() => Kind switch
    {
        RawKind.Null => "null",
        RawKind.Sequence => "a list",
        RawKind.Mapping => "a mapping",
        _ => Text,
    };
}

internal sealed record RawEntry(string Key, LocationInfo KeyLocation, RawValue Value);

/// <summary>The facts one data file gives to one collection.</summary>
internal sealed record RawCollection(string Name, LocationInfo Location, ImmutableEquatableArray<RawValue> Facts);

/// <summary>Everything one additional file contributes, parsed once and cached per file.</summary>
internal sealed record ParsedFile(
    string Path,
    string OrderKey,
    ParsedFileKind Kind,
    SchemaSpec? Schema,
    ImmutableEquatableArray<RawCollection> Collections,
    ImmutableEquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The validated schema (null when it has errors or there is none) and its diagnostics.</summary>
internal sealed record SchemaResult(
    SchemaSpec? Schema,
    bool HasSchemaFile,
    string? SchemaPath,
    LocationInfo? Location,
    ImmutableEquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A reference to check once every file is typed: does <see cref="Key"/> exist in <see cref="TypeName"/>?</summary>
internal sealed record RefCheck(string TypeName, string Key, LocationInfo Location);

/// <summary>An evidence quote to check against the source texts.</summary>
internal sealed record QuoteSpec(string SourceKey, int Paragraph, string Text, LocationInfo Location);

/// <summary>
/// One fact typed against the schema. <see cref="Values"/> is null when the fact has errors of its
/// own; <see cref="Spec"/> is the emit model, built here once so that the cross-file step hands the
/// very same instances to the emitter for unchanged files (equality then short-cuts on reference). <see cref="Raw"/> is kept for the checks that read source facts' fields with their locations.
/// </summary>
internal sealed record TypedFact(
    string TypeName,
    string? Key,
    LocationInfo KeyLocation,
    string? MemberName,
    ImmutableEquatableArray<ValueSpec>? Values,
    FactSpec? Spec,
    ImmutableEquatableArray<RefCheck> References,
    ImmutableEquatableArray<QuoteSpec> Quotes,
    RawValue Raw,
    ImmutableEquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// One file's facts typed against the schema: the per-file (cached) validation step.
/// <see cref="StringBytes"/>: an upper bound of the string-heap bytes its facts would take
/// (<see cref="Validation.StringHeap.UpperBound"/>), summed across files without walking them again.
/// </summary>
internal sealed record TypedFile(
    string Path,
    string OrderKey,
    ParsedFileKind Kind,
    bool HasCollections,
    ImmutableEquatableArray<TypedFact> Facts,
    ImmutableEquatableArray<DiagnosticInfo> Diagnostics,
    long StringBytes = 0);

/// <summary>A source text (for evidence checks): its paragraphs and hash, computed once per file.</summary>
internal sealed record SourceTextSpec(string FileName, string Path, string Sha256, ImmutableEquatableArray<string> Paragraphs);

/// <summary>MSBuild and compilation facts the output depends on.</summary>
internal sealed record ConfigSpec(
    string Namespace,
    bool SourceTextsConfigured,
    bool NeedsIsExternalInit,
    bool NeedsNotNullWhen,
    bool LanguageVersionSupported,
    bool Utf8Keys = false,
    string FactMembers = "",
    bool ExtensionsSupported = false);

// ---------- Schema ----------

internal enum FieldKind
{
    Unresolved,
    String,
    Integer,
    Decimal,
    Boolean,
    Date,
    Enum,
    Reference,
    Value,
}

internal sealed record SchemaSpec(
    string Root,
    string? Doc,
    ImmutableEquatableArray<EnumSpec> Enums,
    ImmutableEquatableArray<TypeSpec> Types,
    EvidenceSpec? Evidence,
    LocationInfo Location);

internal sealed record EnumSpec(string Name, string? Doc, ImmutableEquatableArray<EnumValueSpec> Values, LocationInfo Location);

internal sealed record EnumValueSpec(string Text, string MemberName, LocationInfo Location);

/// <summary>An identity type (<see cref="IsEntity"/>: has a collection and a key) or a value type.</summary>
internal sealed record TypeSpec(
    string Name,
    bool IsEntity,
    string Collection,
    string KeyField,
    string KeyProperty,
    string? KeyDoc,
    string? NameField,
    string? AliasesField,
    string? Doc,
    ImmutableEquatableArray<FieldSpec> Fields,
    LocationInfo Location);

/// <summary>A field; <see cref="Kind"/> and <see cref="Target"/> are filled in by the validator.</summary>
internal sealed record FieldSpec(
    string YamlName,
    string PropertyName,
    string TypeText,
    string? Doc,
    string? Inverse,
    LocationInfo Location,
    LocationInfo TypeLocation,
    FieldKind Kind = FieldKind.Unresolved,
    string Target = "",
    bool IsList = false,
    bool IsOptional = false);

/// <summary>Which types and fields carry verifiable evidence (see docs/schema.md, "Evidence").</summary>
internal sealed record EvidenceSpec(
    string SourceType,
    string FileField,
    string Sha256Field,
    string? ParagraphsField,
    string QuoteType,
    string QuoteSourceField,
    string ParagraphField,
    string TextField,
    LocationInfo Location);

// ---------- Validated model, ready to emit ----------

internal enum ValueKind
{
    Null,
    String,
    Integer,
    Decimal,
    Boolean,
    Date,
    Enum,
    Reference,
    Object,
    List,
}

/// <summary>
/// A typed value. <see cref="Text"/> is the string, the invariant number text, the ISO date, the enum
/// member name or the referenced key; objects and lists hold <see cref="Items"/> (objects: one per field).
/// </summary>
internal sealed record ValueSpec(ValueKind Kind, string Text, ImmutableEquatableArray<ValueSpec> Items)
{
    public static readonly ValueSpec Null = new(ValueKind.Null, string.Empty, ImmutableEquatableArray<ValueSpec>.Empty);
}

internal sealed record FactSpec(string Key, string MemberName, ImmutableEquatableArray<ValueSpec> Values);

/// <summary>
/// The facts of one collection from one file. <see cref="SharedClasses"/>: with extension members,
/// how many classes the collection's partly filled chunks of facts share (a power of two, or 0;
/// see <c>DatasetEmitter.SharedClass</c>).
/// </summary>
internal sealed record CollectionSliceSpec(string TypeName, ImmutableEquatableArray<FactSpec> Facts, int SharedClasses = 0);

/// <summary>
/// One data file's generated source: depends on that file and the schema only, and, with extension
/// members, on the number of shared classes of its collections (<see cref="CollectionSliceSpec.SharedClasses"/>).
/// </summary>
internal sealed record FileEmitSpec(
    string Namespace,
    string FileId,
    string DisplayPath,
    SchemaSpec Schema,
    ImmutableEquatableArray<CollectionSliceSpec> Slices,
    bool ExtensionMembers = false);

/// <summary>A file's share of a collection: where its facts start in <c>All</c>.</summary>
internal sealed record SliceRef(string FileId, int Offset, int Count);

/// <summary>
/// A collection's files and its keys in <c>All</c> order (for the precomputed key table), and
/// <see cref="CollectionSliceSpec.SharedClasses"/>.
/// </summary>
internal sealed record CollectionIndexSpec(string TypeName, ImmutableEquatableArray<SliceRef> Slices, int Count, ImmutableEquatableArray<string> Keys, int SharedClasses = 0);

/// <summary>
/// The types, collection classes and root: depends on the schema and on fact counts per file.
/// <see cref="Utf8Keys"/>: the compilation has C# 12 (<c>u8</c> literals, <c>ref readonly</c> arguments) and .NET 8 (seen by its
/// <c>System.Text.Ascii</c>), so key and name tables hold their text as constant data: the keys'
/// UTF-16 bytes and the names' ASCII (see the emitter).
/// </summary>
internal sealed record CoreSpec(
    string Namespace,
    SchemaSpec Schema,
    ImmutableEquatableArray<CollectionIndexSpec> Collections,
    bool NeedsIsExternalInit,
    bool NeedsNotNullWhen,
    bool Utf8Keys = false,
    bool ExtensionMembers = false);

/// <summary>
/// One collection's name and inverse indexes, computed at build time (so a lookup builds only the
/// facts it returns). A separate output from <see cref="CoreSpec"/>: editing a name or a reference
/// re-emits only this collection's lookup file.
/// </summary>
internal sealed record LookupSpec(
    string Namespace,
    string Collection,
    string RecordName,
    NameIndexSpec? Names,
    ImmutableEquatableArray<InverseIndexSpec> Inverses,
    bool Utf8Names = false);

/// <summary>
/// Distinct names and aliases (trimmed; the first spelling of each case-insensitive group): per
/// entry its <see cref="Names.NameHash"/>, which name of its first fact spells it (0: the name
/// property, or the key when the key is the name; k: alias k - 1) and, in CSR form, the indexes of
/// the facts carrying it: entry <c>e</c>'s facts are <c>Items[Starts[e]..Starts[e + 1]]</c>, in
/// <c>All</c> order. <see cref="Texts"/>: each entry's spelling (trimmed), which the UTF-8 name
/// table (<see cref="LookupSpec.Utf8Names"/>) stores when it is ASCII.
/// </summary>
internal sealed record NameIndexSpec(
    string? NameProperty,
    string? AliasesProperty,
    ImmutableEquatableArray<string> Texts,
    ImmutableEquatableArray<uint> Hashes,
    ImmutableEquatableArray<int> Which,
    ImmutableEquatableArray<int> Starts,
    ImmutableEquatableArray<int> Items);

/// <summary>
/// An inverse navigation: for each fact of <see cref="TargetCollection"/> (by its index there), the
/// indexes of this collection's facts whose field refers to it (CSR form, <c>All</c> order).
/// </summary>
internal sealed record InverseIndexSpec(
    string Field,
    string TargetCollection,
    ImmutableEquatableArray<int> Starts,
    ImmutableEquatableArray<int> Items);

/// <summary>
/// What one collection's lookups (<see cref="LookupSpec"/>) are computed from: its facts' names and
/// references, in <c>All</c> order. The cross-file step extracts it; the indexes are built in a
/// step of their own, which an edit that changes no name, reference or key leaves cached.
/// </summary>
internal sealed record LookupInput(
    string Namespace,
    string Collection,
    string RecordName,
    bool Utf8Names,
    NameInput? Names,
    ImmutableEquatableArray<InverseInput> Inverses);

/// <summary>
/// Every fact's names, untrimmed: fact <c>i</c>'s are <c>Texts[FactStarts[i]..FactStarts[i + 1]]</c>,
/// each with its position (0: the name, or the key when the key is the name; k: alias k - 1).
/// </summary>
internal sealed record NameInput(
    string? NameProperty,
    string? AliasesProperty,
    ImmutableEquatableArray<string> Texts,
    ImmutableEquatableArray<int> Positions,
    ImmutableEquatableArray<int> FactStarts);

/// <summary>
/// One reference field: the keys fact <c>i</c> refers to are <c>Refs[FactStarts[i]..FactStarts[i + 1]]</c>;
/// <see cref="TargetKeys"/>: the target collection's keys in <c>All</c> order.
/// </summary>
internal sealed record InverseInput(
    string Field,
    string TargetCollection,
    ImmutableEquatableArray<string> TargetKeys,
    ImmutableEquatableArray<string> Refs,
    ImmutableEquatableArray<int> FactStarts);

/// <summary>A collection's lookups, or the internal error (TDS999) that stopped them.</summary>
internal sealed record LookupResult(LookupSpec? Spec, DiagnosticInfo? Error);

/// <summary>The validator's result: diagnostics, and what can safely be generated.</summary>
internal sealed record DatasetModel(
    ImmutableEquatableArray<DiagnosticInfo> Diagnostics,
    CoreSpec? Core,
    ImmutableEquatableArray<FileEmitSpec> Files,
    ImmutableEquatableArray<LookupInput> Lookups);
