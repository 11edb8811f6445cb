using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedDataset.Generator.Common;

/// <summary>
/// An equatable position inside an additional (YAML or text) file. Lines and columns are 0-based,
/// as in Roslyn's <see cref="LinePosition"/>; MSBuild shows them 1-based.
/// </summary>
internal sealed record LocationInfo(string Path, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public Location ToLocation() => Location.Create(
        Path,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));

    /// <summary>The start of a file, for problems that concern the whole file.</summary>
    public static LocationInfo FileStart(string path) => new(path, 0, 0, 0, 0, 0, 0);

    public override string ToString() => $"{Path}({StartLine + 1},{StartColumn + 1})";
}
