using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace TypedDataset.Benchmarks;

public sealed record ProcessResult(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    /// <summary>The last lines of the output and error, for failure messages.</summary>
    public string Tail(int lines = 40) =>
        string.Join("\n", (Output + "\n" + Error).Split('\n').Where(l => l.Trim().Length > 0).TakeLast(lines));
}

/// <summary>Starts processes (only our own: dotnet builds and the benchmark apps) and waits for them, with a time limit.</summary>
public static class ProcessRunner
{
    public static ProcessResult Dotnet(string arguments, string workingDirectory, TimeSpan timeout) =>
        Run("dotnet", arguments, workingDirectory, timeout);

    public static ProcessResult Run(string fileName, string arguments, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // The measured apps run with the runtime's defaults, whatever this process was started with.
        info.Environment.Remove("DOTNET_TieredPGO");
        info.Environment.Remove("DOTNET_TieredCompilation");
        info.Environment.Remove("DOTNET_ReadyToRun");

        var output = new StringBuilder();
        var error = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{fileName} {arguments}' did not finish within {timeout}.");
        }
        process.WaitForExit();
        stopwatch.Stop();
        return new ProcessResult(process.ExitCode, output.ToString(), error.ToString(), stopwatch.Elapsed);
    }
}
