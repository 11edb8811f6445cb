namespace TypedDataset.Generator;

/// <summary>Names of the pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    public const string DataFiles = "TypedDataset.DataFiles";
    public const string Parse = "TypedDataset.Parse";
    public const string Schema = "TypedDataset.Schema";
    public const string Type = "TypedDataset.Type";
    public const string SourceTexts = "TypedDataset.SourceTexts";
    public const string Config = "TypedDataset.Config";
    public const string Validate = "TypedDataset.Validate";
    public const string Diagnostics = "TypedDataset.Diagnostics";
    public const string Core = "TypedDataset.Core";
    public const string FileOutputs = "TypedDataset.FileOutputs";

    /// <summary>One item per collection: what its name and inverse indexes are built from.</summary>
    public const string LookupInputs = "TypedDataset.LookupInputs";

    /// <summary>One item per collection: its name and inverse indexes (precomputed at build time).</summary>
    public const string LookupOutputs = "TypedDataset.LookupOutputs";
}
