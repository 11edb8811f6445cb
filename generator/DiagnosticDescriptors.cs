using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedDataset.Generator;

/// <summary>
/// Every diagnostic the generator reports. Documented in docs/diagnostics.md and tracked in
/// AnalyzerReleases.*.md. Messages name the fix.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Yaml = "TypedDataset.Yaml";
    private const string Schema = "TypedDataset.Schema";
    private const string Data = "TypedDataset.Data";
    private const string Evidence = "TypedDataset.Evidence";
    private const string Build = "TypedDataset.Build";

    // ---- YAML (TDS0xx) ----
    public static readonly DiagnosticDescriptor YamlSyntax = Error("TDS001", "YAML syntax error", "YAML syntax error: {0}", Yaml);
    public static readonly DiagnosticDescriptor DuplicateMappingKey = Error("TDS002", "Duplicate mapping key",
        "Duplicate key '{0}' in this mapping (first at line {1}); YAML keys must be unique: remove or rename one", Yaml);
    public static readonly DiagnosticDescriptor UnsupportedTag = Error("TDS003", "Unsupported YAML tag",
        "Unsupported tag '{0}'; only !!str, !!int, !!float, !!bool and !!null are allowed: remove the tag", Yaml);
    public static readonly DiagnosticDescriptor LimitExceeded = Error("TDS004", "YAML limit exceeded",
        "{0}: the file was not read further; split or simplify it", Yaml);
    public static readonly DiagnosticDescriptor WrongNodeKind = Error("TDS005", "Unexpected YAML node",
        "Expected {0} here but found {1}", Yaml);

    // ---- Schema (TDS1xx) ----
    public static readonly DiagnosticDescriptor NoSchema = Error("TDS101", "No schema file",
        "No schema file among the TypedDatasetFile items; add a YAML file whose top-level key is 'schema' (see docs/schema.md)", Schema);
    public static readonly DiagnosticDescriptor MultipleSchemas = Error("TDS102", "More than one schema file",
        "A second schema file (the first is '{0}'); keep a single file with a top-level 'schema' key", Schema);
    public static readonly DiagnosticDescriptor UnknownSchemaKey = Error("TDS103", "Unknown schema option",
        "Unknown {0} option '{1}'{2}", Schema);
    public static readonly DiagnosticDescriptor MissingSchemaKey = Error("TDS104", "Missing schema option",
        "{0} '{1}' has no '{2}'; add it", Schema);
    public static readonly DiagnosticDescriptor InvalidName = Error("TDS105", "Invalid name",
        "'{0}' cannot be used as a {1} name: {2}", Schema);
    public static readonly DiagnosticDescriptor DuplicateName = Error("TDS106", "Duplicate name",
        "The name '{0}' is used twice ({1}); rename one", Schema);
    public static readonly DiagnosticDescriptor UnknownFieldType = Error("TDS107", "Unknown field type",
        "Unknown field type '{0}'{1}; use string, integer, decimal, boolean, date, a declared enum, type or value, with optional [] and ?", Schema);
    public static readonly DiagnosticDescriptor RecursiveValue = Error("TDS108", "Value object contains itself",
        "Value '{0}' contains itself through {1}; make the field a list, optional, or a reference to an identity type", Schema);
    public static readonly DiagnosticDescriptor InvalidEvidenceConfig = Error("TDS109", "Invalid evidence configuration",
        "Evidence option '{0}': {1}", Schema);
    public static readonly DiagnosticDescriptor InvalidInverse = Error("TDS110", "Invalid inverse",
        "'inverse' on field '{0}': {1}", Schema);

    // ---- Data (TDS2xx) ----
    public static readonly DiagnosticDescriptor UnknownCollection = Error("TDS201", "Unknown collection",
        "Unknown collection '{0}'{1}; top-level keys of a data file are the collection names declared in the schema", Data);
    public static readonly DiagnosticDescriptor UnknownField = Error("TDS202", "Unknown field",
        "'{0}' has no field '{1}'{2}", Data);
    public static readonly DiagnosticDescriptor MissingField = Error("TDS203", "Missing required field",
        "{0} '{1}' is missing the required field '{2}'; add it, or make the field optional ('?') in the schema", Data);
    public static readonly DiagnosticDescriptor WrongValue = Error("TDS204", "Wrong value",
        "Field '{0}' expects {1} but the value is '{2}'{3}", Data);
    public static readonly DiagnosticDescriptor BadDate = Error("TDS205", "Bad date",
        "'{0}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (for example 2017-02-22)", Data);
    public static readonly DiagnosticDescriptor UnknownEnumValue = Error("TDS206", "Unknown enum value",
        "'{0}' is not a value of {1}{2}; allowed: {3}", Data);
    public static readonly DiagnosticDescriptor UnknownReference = Error("TDS207", "Unknown reference",
        "Unknown reference '{0}' to {1}{2}", Data);
    public static readonly DiagnosticDescriptor DuplicateKey = Error("TDS208", "Duplicate key",
        "Duplicate key '{0}' in {1} (first defined at {2}); keys must be unique across all files", Data);
    public static readonly DiagnosticDescriptor InvalidKey = Error("TDS209", "Invalid key",
        "Key '{0}' cannot become a C# member name; use ASCII letters and digits separated by '-', '_' or '.', starting with a letter (for example 'john-dorrian')", Data);
    public static readonly DiagnosticDescriptor KeyCollision = Error("TDS210", "Key collides after conversion",
        "Key '{0}' becomes the member name '{1}', which {2}; rename the key", Data);
    public static readonly DiagnosticDescriptor TooMuchText = Error("TDS211", "Too much text for one assembly",
        "With this fact the dataset's data need about {0} MB of string literals, more than the {1} MB one assembly can hold (the compiler would fail with CS8103); split the facts into two or more dataset projects, or shorten the longest texts", Data);

    // ---- Evidence (TDS3xx) ----
    public static readonly DiagnosticDescriptor EvidenceNotVerified = Info("TDS301", "Evidence not verified",
        "Evidence was not verified: no source texts were given (set the TypedDatasetSourceTexts property to the folder holding {0})", Evidence);
    public static readonly DiagnosticDescriptor QuoteNotFound = Error("TDS302", "Evidence not found in its paragraph",
        "The quote is not in paragraph {0} of '{1}'{2}; copy the words exactly (quotes, apostrophes and spaces included)", Evidence);
    public static readonly DiagnosticDescriptor ParagraphOutOfRange = Error("TDS303", "Paragraph out of range",
        "Paragraph {0} does not exist: '{1}' has {2} paragraphs (numbered from 1)", Evidence);
    public static readonly DiagnosticDescriptor SourceHashMismatch = Error("TDS304", "Source text hash mismatch",
        "The SHA-256 of '{0}' is {1}, not {2}; the text changed or the hash is wrong", Evidence);
    public static readonly DiagnosticDescriptor SourceTextMissing = Warning("TDS305", "Source text missing",
        "No source text named '{0}' in the source text folder; evidence citing it was not verified", Evidence);
    public static readonly DiagnosticDescriptor ParagraphCountMismatch = Error("TDS306", "Paragraph count mismatch",
        "'{0}' has {1} paragraphs, not {2}", Evidence);

    // ---- Build (TDS9xx) ----
    public static readonly DiagnosticDescriptor LanguageVersion = Error("TDS901", "C# 9 or later required",
        "The generated dataset code needs C# 9 or later (records); set <LangVersion>9</LangVersion> or later in the project", Build);
    public static readonly DiagnosticDescriptor InvalidNamespace = Error("TDS902", "Invalid namespace",
        "'{0}' is not a valid namespace; set TypedDatasetNamespace (or RootNamespace) to dotted C# identifiers", Build);
    public static readonly DiagnosticDescriptor UnknownFactMembers = Warning("TDS903", "Unknown fact member layout",
        "TypedDatasetFactMembers is '{0}'; use Properties (the default) or Extensions. The facts are emitted as properties", Build);
    public static readonly DiagnosticDescriptor ExtensionsNeedCSharp14 = Warning("TDS904", "Extension members need C# 14",
        "TypedDatasetFactMembers=Extensions needs C# 14 or later; set <LangVersion>14</LangVersion> in the project (and in the projects that use the dataset). The facts are emitted as properties", Build);
    public static readonly DiagnosticDescriptor LargeCollectionAsProperties = Info("TDS905", "Large collection in one class",
        "{0} has {1} facts, each a property of the class {0}: the first access to any of them makes the runtime load a class with {1} members (about 0.4 µs each, so {2} ms). Set <TypedDatasetFactMembers>Extensions</TypedDatasetFactMembers> (C# 14) to put the facts in classes of a few hundred", Build);
    public static readonly DiagnosticDescriptor InternalError = Error("TDS999", "Internal generator error",
        "Internal error in the TypedDataset generator while {0}: {1}; please report it with the YAML that caused it", Build);

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToDictionary(d => d.Id);

    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal);

    public static DiagnosticDescriptor ById(string id) => s_byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Warning(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Info(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static string HelpLink(string id) => "docs/diagnostics.md#" + id.ToLowerInvariant();
}
