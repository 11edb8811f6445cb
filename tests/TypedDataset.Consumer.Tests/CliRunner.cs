using System.IO;
using TypedDataset.Consumer.Cli;

namespace TypedDataset.Consumer.Tests;

/// <summary>The result of one run of the explorer: exit code, standard output, standard error.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the explorer in-process with captured output (no terminal, no ANSI codes).</summary>
public static class CliRunner
{
    /// <summary>Wide enough that table cells holding ids and short texts never wrap.</summary>
    public const int Width = 260;

    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = ExplorerApp.Run(args, ExplorerConsole.ForWriters(output, error, Width));
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
