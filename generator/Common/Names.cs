using System;
using System.Collections.Generic;
using System.Text;

namespace TypedDataset.Generator.Common;

/// <summary>Turning YAML names and keys into C# identifiers, and suggesting near matches.</summary>
internal static class Names
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>Longest generated name (C# allows 512 characters; members are built from these with prefixes).</summary>
    public const int MaxNameLength = 200;

    /// <summary>
    /// Converts <c>john-dorrian</c>, <c>in_print</c>, <c>at least</c> or <c>Air/drone strike</c> to
    /// <c>JohnDorrian</c>, <c>InPrint</c>, <c>AtLeast</c>, <c>AirDroneStrike</c>. Returns null when the
    /// text holds anything but ASCII letters, digits and separators, or does not start with a letter:
    /// such names could give invisible or confusable identifiers. Also null when the result is longer than
    /// <see cref="MaxNameLength"/>.
    /// </summary>
    public static string? ToPascalCase(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool upperNext = true;
        foreach (char c in text)
        {
            if (IsAsciiLetterOrDigit(c))
            {
                if (builder.Length == 0 && !IsAsciiLetter(c)) return null;
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else if (c is '-' or '_' or '.' or ' ' or '/' or '(' or ')' or ',' or '\'' or '&' or '+')
            {
                upperNext = true;
            }
            else
            {
                return null;
            }
        }
        return builder.Length == 0 || builder.Length > MaxNameLength ? null : builder.ToString();
    }

    /// <summary>Keys: ASCII letters and digits separated by single '-', '_' or '.', starting with a letter.</summary>
    public static bool IsValidKey(string key)
    {
        if (key.Length == 0 || key.Length > 200 || !IsAsciiLetter(key[0])) return false;
        char previous = key[0];
        foreach (char c in key)
        {
            bool separator = c is '-' or '_' or '.';
            if (!separator && !IsAsciiLetterOrDigit(c)) return false;
            if (separator && (previous is '-' or '_' or '.')) return false;
            previous = c;
        }
        return !(previous is '-' or '_' or '.');
    }

    /// <summary>A schema name used verbatim as a C# type name: an ASCII identifier that is not a keyword.</summary>
    public static bool IsValidTypeName(string name)
    {
        if (name.Length == 0 || name.Length > 200 || !(IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (char c in name)
        {
            if (!(IsAsciiLetterOrDigit(c) || c == '_')) return false;
        }
        return !Keywords.Contains(name);
    }

    /// <summary>A dotted namespace of valid identifiers.</summary>
    public static bool IsValidNamespace(string name)
    {
        foreach (string part in name.Split('.'))
        {
            if (!IsValidTypeName(part)) return false;
        }
        return true;
    }

    public static bool IsKeyword(string name) => Keywords.Contains(name);

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || c is >= '0' and <= '9';

    /// <summary>The closest candidate by edit distance, or null when none is close enough to be a typo.</summary>
    public static string? Suggest(string text, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        int limit = Math.Max(2, text.Length / 3);
        foreach (string candidate in candidates)
        {
            if (Math.Abs(candidate.Length - text.Length) > limit) continue;
            int distance = EditDistance(text, candidate, limit);
            if (distance < bestDistance || (distance == bestDistance && best is not null && string.CompareOrdinal(candidate, best) < 0))
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Formats a suggestion as a sentence tail: "; did you mean 'x'?" or "".</summary>
    public static string DidYouMean(string text, IEnumerable<string> candidates)
    {
        string? suggestion = Suggest(text, candidates);
        return suggestion is null ? string.Empty : $"; did you mean '{ForMessage(suggestion)}'?";
    }

    /// <summary>
    /// Like <see cref="DidYouMean(string, IEnumerable{string})"/>, but spends <paramref name="budget"/>: once a
    /// run has compared too many candidates (thousands of typos against thousands of keys), no more
    /// suggestions are made, so that suggestions can never make a build slow.
    /// </summary>
    public static string DidYouMean(string text, IReadOnlyCollection<string> candidates, SuggestionBudget budget) =>
        budget.TrySpend(candidates.Count) ? DidYouMean(text, candidates) : string.Empty;

    /// <summary>
    /// User text (a key, a value, a name) as shown inside a diagnostic message: on one line, with
    /// control, format (bidi, zero-width), separator, surrogate, private-use and unassigned characters
    /// written as visible \uXXXX, and cut to <paramref name="maxLength"/> characters. A message can then
    /// neither fake another line of build output nor reorder what the reader sees.
    /// </summary>
    public static string ForMessage(string text, int maxLength = 200)
    {
        bool clean = text.Length <= maxLength;
        for (int i = 0; i < text.Length && clean; i++) clean = !IsInvisible(text[i]);
        if (clean) return text;
        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 16);
        for (int i = 0; i < text.Length; i++)
        {
            if (i >= maxLength)
            {
                builder.Append("...");
                break;
            }
            char c = text[i];
            if (IsInvisible(c)) builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool IsInvisible(char c)
    {
        if (c >= ' ' && c <= '~') return false;
        System.Globalization.UnicodeCategory category = System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c);
        return category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
            or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse
            or System.Globalization.UnicodeCategory.OtherNotAssigned;
    }

    /// <summary>Levenshtein distance (case-insensitive), giving up above <paramref name="limit"/>.</summary>
    public static int EditDistance(string a, string b, int limit)
    {
        if (a.Length > 256 || b.Length > 256) return int.MaxValue; // suggestions are for short names only
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit) return int.MaxValue;
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>A stable (process- and machine-independent) 32-bit FNV-1a hash, as 8 hex digits.</summary>
    public static string StableHash(string text) => Fnv1a(text).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The key table's hash (must agree with <c>TypedDatasetRuntime.KeyHash</c> in the generated
    /// support code): the length, then four UTF-16 code units at a time packed little-endian into a
    /// 64-bit word (the last word zero-padded), each folded in with one multiplication, then a
    /// final mix so the low bits (the table slot) depend on every character. Four characters per
    /// step keep the serial multiply chain short (7 steps for a 25-character key instead of 25).
    /// </summary>
    public static uint KeyHash(string key) => Hash(key, 0, key.Length, foldCase: false);

    /// <summary>
    /// The name table's hash over <c>text[start..end)</c> (must agree with
    /// <c>TypedDatasetRuntime.NameHash</c>): <see cref="KeyHash"/>'s scheme over characters folded so
    /// that any two that the run time's OrdinalIgnoreCase may equate hash alike, whatever runtime
    /// (and Unicode tables) the generator and the dataset run on: ASCII letters upper-cased; every
    /// non-ASCII character, and I, S and K (whose case partners on some runtimes are non-ASCII:
    /// dotless i, long s, the Kelvin sign), counted as 0. The comparison after a hash match is the
    /// run time's own.
    /// </summary>
    public static uint NameHash(string text, int start, int end) => Hash(text, start, end, foldCase: true);

    /// <summary>
    /// The key table's hash when the keys have a <see cref="KeyWindow"/> (must agree with
    /// <c>TypedDatasetRuntime.WindowHash4</c>/<c>WindowHash8</c>): the key's length, then the window's
    /// one or two words as in <see cref="KeyHash"/>, then the same final mix.
    /// </summary>
    public static uint WindowHash(string key, KeyWindow window)
    {
        int start = window.StartIn(key.Length);
        ulong hash = Mix(Seed ^ (ulong)key.Length, Word(key, start));
        if (window.Words == 2) hash = Mix(hash, Word(key, start + 4));
        return Finish(hash);
    }

    /// <summary>Four UTF-16 code units from <paramref name="start"/>, packed little-endian (a 64-bit read on little-endian machines).</summary>
    public static ulong Word(string text, int start) =>
        text[start] | (ulong)text[start + 1] << 16 | (ulong)text[start + 2] << 32 | (ulong)text[start + 3] << 48;

    private const ulong Seed = 0xCBF29CE484222325UL;

    private static ulong Mix(ulong hash, ulong word) => unchecked((hash ^ word) * 0x9E3779B97F4A7C15UL);

    private static uint Finish(ulong hash)
    {
        hash ^= hash >> 32;
        hash = unchecked(hash * 0xD6E8FEB86659FD93UL);
        hash ^= hash >> 32;
        return (uint)hash;
    }

    /// <summary>The scheme shared by <see cref="KeyHash"/> and <see cref="NameHash"/>.</summary>
    private static uint Hash(string text, int start, int end, bool foldCase)
    {
        ulong hash = Seed ^ (ulong)(end - start);
        int i = start;
        for (; i + 4 <= end; i += 4)
        {
            ulong word = 0;
            for (int k = 0; k < 4; k++) word |= (ulong)Unit(text[i + k], foldCase) << (16 * k);
            hash = Mix(hash, word);
        }
        if (i < end)
        {
            ulong word = 0;
            for (int shift = 0; i < end; i++, shift += 16) word |= (ulong)Unit(text[i], foldCase) << shift;
            hash = Mix(hash, word);
        }
        return Finish(hash);
    }

    private static uint Unit(char c, bool foldCase) => foldCase ? FoldCase(c) : c;

    private static uint FoldCase(char c)
    {
        if (c >= 0x80) return 0;
        uint upper = c >= 'a' && c <= 'z' ? (uint)(c - 32) : c;
        return upper == 'I' || upper == 'S' || upper == 'K' ? 0 : upper;
    }

    /// <summary>32-bit FNV-1a over UTF-16 code units (stable file ids).</summary>
    public static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text) hash = unchecked((hash ^ c) * 16777619);
        return hash;
    }
}

/// <summary>
/// How many candidate comparisons "did you mean" may still make in one validation run. One instance per
/// run (never shared between runs or threads).
/// </summary>
internal sealed class SuggestionBudget
{
    /// <summary>Candidate comparisons per run: ample for real typos, bounded for hostile input.</summary>
    public const long Default = 2_000_000;

    private long _remaining;

    public SuggestionBudget(long comparisons = Default) => _remaining = comparisons;

    public bool TrySpend(int comparisons)
    {
        if (comparisons > _remaining) return false;
        _remaining -= comparisons;
        return true;
    }
}
