using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace TypedDataset.EndToEnd.Tests;

public sealed record CommandResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>Runs the dotnet CLI in a child process, isolated from the test host's MSBuild environment.</summary>
public static class DotNet
{
    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        // The test host runs under MSBuild/VSTest variables that would leak into child builds.
        foreach (string key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_HOST_PATH" or "MSBUILD_EXE_PATH")
            {
                start.Environment.Remove(key);
            }
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (environment is not null)
        {
            foreach ((string key, string value) in environment) start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(" ", args) + " did not finish in 8 minutes:\n" + output);
        }
        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.ToString());
    }
}
