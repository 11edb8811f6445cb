namespace TypedDataset.Consumer.Cli;

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Bad usage: a parse error (System.CommandLine's code), an unknown collection or option value.</summary>
    public const int Usage = 1;

    /// <summary>An id, name or text that matches nothing (with suggestions on standard error).</summary>
    public const int NotFound = 2;

    /// <summary>The export could not be written.</summary>
    public const int IoError = 3;
}
