using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedDataset.Generator.Common;

/// <summary>
/// An equatable stand-in for <see cref="Diagnostic"/> (which is not equatable) so that diagnostics
/// can travel through the incremental pipeline and be cached.
/// </summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, ImmutableEquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] arguments) =>
        new(descriptor.Id, location, arguments.Select(a => a?.ToString() ?? string.Empty).ToImmutableEquatableArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        DiagnosticDescriptors.ById(Id),
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        Arguments.Cast<object>().ToArray());
}
