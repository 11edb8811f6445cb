using System;
using System.Collections.Generic;
using System.Linq;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Emitting;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Validation;

/// <summary>
/// The string-literal budget of one assembly: every distinct string literal is stored once in the
/// metadata's user-string heap, which ECMA-335 limits to 2^24 bytes (the compiler reports CS8103
/// beyond it). The generated code's literals are the facts' data, a literal per chunk of facts
/// (<see cref="FactData"/>: two bytes per character); the generator adds none of its own beyond a
/// few short messages, for which a margin is kept.
/// </summary>
internal static class StringHeap
{
    /// <summary>The heap's capacity, less a margin for the generated code's own literals.</summary>
    public const long MaxBytes = 0xFFFFFF - 256 * 1024;

    /// <summary>
    /// The heap bytes of a file's facts' data (an upper bound: each fact's bytes, its offset and a
    /// chunk's framing), computed per file when the file is typed, so the cross-file step only sums
    /// the files'.
    /// </summary>
    public static long UpperBound(SchemaSpec schema, IEnumerable<TypedFact> facts)
    {
        Func<TypedFact, long> cost = Cost(schema);
        long bytes = 0;
        foreach (TypedFact fact in facts) bytes += cost(fact);
        return bytes;
    }

    /// <summary>
    /// The first fact (in file order) at which the data exceed <see cref="MaxBytes"/>, with the size
    /// reached; null when they fit. <paramref name="upperBound"/> is the files' <see cref="UpperBound"/>
    /// summed: when it is within the limit (datasets well within it), nothing is walked.
    /// </summary>
    public static (LocationInfo At, long Bytes)? FindOverflow(long upperBound, SchemaSpec schema, IEnumerable<TypedFact> facts)
    {
        if (upperBound <= MaxBytes) return null;
        Func<TypedFact, long> cost = Cost(schema);
        long total = 0;
        foreach (TypedFact fact in facts)
        {
            total += cost(fact);
            if (total > MaxBytes) return (fact.KeyLocation, total);
        }
        return null;
    }

    private static Func<TypedFact, long> Cost(SchemaSpec schema)
    {
        Dictionary<string, TypeSpec> types = schema.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Func<TypeSpec, FactSpec, int> size = FactData.Sizes(name => types[name], schema.Enums);
        return fact => fact.Spec is null ? 0 : size(types[fact.TypeName], fact.Spec);
    }
}
