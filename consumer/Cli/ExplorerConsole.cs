using System;
using System.Globalization;
using System.IO;
using Spectre.Console;

namespace TypedDataset.Consumer.Cli;

/// <summary>
/// Where the explorer writes: a Spectre console for tables and text, the raw writer beneath it
/// for exports (bytes exactly as produced), and an error writer. Commands never touch
/// <see cref="System.Console"/>, so tests capture everything with <see cref="StringWriter"/>s.
/// </summary>
public sealed class ExplorerConsole
{
    /// <summary>Width used when output is redirected and <c>COLUMNS</c> is not set.</summary>
    public const int RedirectedWidth = 120;

    private ExplorerConsole(IAnsiConsole console, TextWriter output, TextWriter error)
    {
        Console = console;
        Output = output;
        Error = error;
    }

    /// <summary>Tables and formatted text.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Raw standard output (the Spectre console writes to it too).</summary>
    public TextWriter Output { get; }

    /// <summary>Error messages.</summary>
    public TextWriter Error { get; }

    /// <summary>
    /// The process console. ANSI codes and colors are disabled when standard output is
    /// redirected (or <c>NO_COLOR</c> is set), so piped output is plain text.
    /// </summary>
    public static ExplorerConsole ForProcess()
    {
        bool redirected = System.Console.IsOutputRedirected;
        bool noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        TextWriter output = System.Console.Out;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected || noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (redirected)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int columns) && columns > 20
                ? columns
                : RedirectedWidth;
        }
        return new ExplorerConsole(console, output, System.Console.Error);
    }

    /// <summary>A console over plain writers: no ANSI codes, no colors, a fixed width.</summary>
    public static ExplorerConsole ForWriters(TextWriter output, TextWriter error, int width = RedirectedWidth)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = width;
        console.Profile.Capabilities.Unicode = true;
        return new ExplorerConsole(console, output, error);
    }
}
