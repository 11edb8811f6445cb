using System.IO;

namespace TypedDataset.EndToEnd.Tests;

/// <summary>The consumer publishes with NativeAOT with zero trim/AOT warnings (warnings are errors) and runs.</summary>
[Collection(PackageFeedCollection.Name)] // builds the same projects as the pack: never at the same time
public class NativeAotTests
{
    [Fact]
    public void Consumer_publishes_with_native_aot_and_runs()
    {
        string output = Path.Combine(Path.GetTempPath(), "typeddataset-aot-" + System.Guid.NewGuid().ToString("N")[..8]);
        try
        {
            CommandResult publish = DotNet.Run(PackageFeedFixture.RepositoryRoot, null,
                "publish", "consumer", "-c", "Release", "-r", "linux-x64", "-p:NativeAot=true", "-o", output,
                "--artifacts-path", Path.Combine(output, "artifacts"), // keep the repo's bin/ and obj/ untouched
                "-nodeReuse:false");
            Assert.True(publish.ExitCode == 0, publish.ToString());
            Assert.DoesNotContain("warning IL", publish.Output); // trim (IL2xxx) and AOT (IL3xxx) analysis
            string exe = Path.Combine(output, "mosul");
            Assert.True(new FileInfo(exe).Length > 1_000_000, "not a native, self-contained executable");
            Assert.True(File.Exists(exe), "no native executable");

            var start = new System.Diagnostics.ProcessStartInfo(exe, "show john-dorrian") { RedirectStandardOutput = true, UseShellExecute = false };
            start.Environment["NO_COLOR"] = "1";
            using var process = System.Diagnostics.Process.Start(start)!;
            string text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("John Dorrian", text);
            Assert.Contains("U.S.-led coalition", text);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
