using System;
using System.Collections.Generic;

namespace TypedDataset.Generator.Common;

/// <summary>
/// A window of every key — 4 or 8 UTF-16 code units at a fixed distance from the key's start or
/// end — that tells the keys apart, chosen at build time: the key table then hashes the window and
/// the key's length instead of the whole key (one or two 64-bit reads and multiplications), and
/// rejects a key outside [<see cref="MinLength"/>, <see cref="MaxLength"/>] before hashing it. The
/// idea is FrozenDictionary's (its "substring" comparers); a hash match is still confirmed against
/// the whole key.
/// </summary>
/// <param name="Offset">Code units between the window and the key's start (or end, <paramref name="FromEnd"/>).</param>
/// <param name="Words">Window length in 64-bit words of four code units: 1 or 2.</param>
internal readonly record struct KeyWindow(int Offset, bool FromEnd, int Words, int MinLength, int MaxLength)
{
    /// <summary>How far from either end a window is looked for (the search is O(keys) per position).</summary>
    public const int MaxOffset = 16;

    /// <summary>The window's length in UTF-16 code units.</summary>
    public int Length => 4 * Words;

    /// <summary>Where the window starts in a key of this length (which must be in range).</summary>
    public int StartIn(int keyLength) => FromEnd ? keyLength - Offset - Length : Offset;

    /// <summary>
    /// The first window that tells every key apart (together with the key's length, which the hash
    /// includes), trying 4 code units before 8, and for each length the positions from the end (keys
    /// often share a prefix) before those from the start, nearest first; when none does, the one
    /// that tells the most apart if at most one key in 20 shares its window with another
    /// (FrozenDictionary's threshold); otherwise none, and the whole key is hashed. Deterministic:
    /// depends only on the keys and their order.
    /// </summary>
    public static KeyWindow? Choose(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0) return null;
        int min = int.MaxValue, max = 0;
        foreach (string key in keys)
        {
            min = Math.Min(min, key.Length);
            max = Math.Max(max, key.Length);
        }
        KeyWindow? best = null;
        int bestDistinct = 0;
        var seen = new HashSet<(ulong, ulong, int)>();
        for (int words = 1; words <= 2; words++)
        {
            foreach (bool fromEnd in new[] { true, false })
            {
                for (int offset = 0; offset <= MaxOffset && offset + 4 * words <= min; offset++)
                {
                    var window = new KeyWindow(offset, fromEnd, words, min, max);
                    seen.Clear();
                    foreach (string key in keys)
                    {
                        int start = window.StartIn(key.Length);
                        seen.Add((Names.Word(key, start), words == 2 ? Names.Word(key, start + 4) : 0, key.Length));
                    }
                    if (seen.Count == keys.Count) return window;
                    if (seen.Count > bestDistinct)
                    {
                        best = window;
                        bestDistinct = seen.Count;
                    }
                }
            }
        }
        return best is not null && bestDistinct >= keys.Count - keys.Count / 20 ? best : null;
    }
}
