using System.Collections.Generic;
using TypedDataset.Generator.Common;
using TypedDataset.Generator.Model;

namespace TypedDataset.Generator.Validation;

/// <summary>
/// The string-literal budget of one assembly: every distinct string literal is stored once in the
/// metadata's user-string heap, which ECMA-335 limits to 2^24 bytes (the compiler reports CS8103
/// beyond it). The generated code's literals are the facts' keys, string values and references;
/// the generator adds none of its own beyond a few short messages, for which a margin is kept.
/// </summary>
internal static class StringHeap
{
    /// <summary>The heap's capacity, less a margin for the generated code's own literals.</summary>
    public const long MaxBytes = 0xFFFFFF - 256 * 1024;

    /// <summary>
    /// The heap bytes of the facts' strings counted with repeats: an upper bound of what they take,
    /// computed per file when the file is typed (so the cross-file step only sums the files').
    /// </summary>
    public static long UpperBound(IEnumerable<TypedFact> facts)
    {
        long bytes = 0;
        foreach (TypedFact fact in facts) bytes += Cost(fact, null);
        return bytes;
    }

    /// <summary>
    /// The first fact (in file order) at which the distinct strings exceed <see cref="MaxBytes"/>,
    /// with the size reached; null when they fit. <paramref name="upperBound"/> is the files'
    /// <see cref="UpperBound"/> summed: when it is within the limit (datasets well within it),
    /// nothing is walked or hashed.
    /// </summary>
    public static (LocationInfo At, long Bytes)? FindOverflow(long upperBound, IEnumerable<TypedFact> facts)
    {
        if (upperBound <= MaxBytes) return null;
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        long total = 0;
        foreach (TypedFact fact in facts)
        {
            total += Cost(fact, seen);
            if (total > MaxBytes) return (fact.KeyLocation, total);
        }
        return null;
    }

    /// <summary>The heap bytes a fact's strings add (only those not yet in <paramref name="seen"/>, when given).</summary>
    private static long Cost(TypedFact fact, HashSet<string>? seen)
    {
        if (fact.Spec is null) return 0;
        long bytes = Cost(fact.Spec.Key, seen);
        foreach (ValueSpec value in fact.Spec.Values) bytes += Cost(value, seen);
        return bytes;
    }

    private static long Cost(ValueSpec value, HashSet<string>? seen)
    {
        switch (value.Kind)
        {
            case ValueKind.String:
            case ValueKind.Reference:
                return Cost(value.Text, seen);
            case ValueKind.Object:
            case ValueKind.List:
                long bytes = 0;
                foreach (ValueSpec item in value.Items) bytes += Cost(item, seen);
                return bytes;
            default:
                return 0;
        }
    }

    /// <summary>One user string: a compressed length prefix, UTF-16 code units, one trailing byte.</summary>
    private static long Cost(string text, HashSet<string>? seen)
    {
        if (seen is not null && !seen.Add(text)) return 0;
        long blob = 2L * text.Length + 1;
        return blob + (blob < 0x80 ? 1 : blob < 0x4000 ? 2 : 4);
    }
}
