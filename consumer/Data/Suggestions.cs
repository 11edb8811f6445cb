using System;
using System.Collections.Generic;
using System.Linq;

namespace TypedDataset.Consumer.Data;

/// <summary>"Did you mean" candidates: substring matches first, then small edit distances.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The closest candidates to <paramref name="query"/>, best first. A candidate is offered
    /// when one text contains the other, or when the edit distance to the text (or, for a
    /// one-word query, to one of its words) is at most a third of the query's length (at least 2). Each candidate may have several texts (id, name, aliases);
    /// its best text counts.
    /// </summary>
    public static IReadOnlyList<T> Closest<T>(string query, IEnumerable<T> candidates, Func<T, IEnumerable<string>> texts, int max = 5)
    {
        string q = Normalize(query);
        if (q.Length == 0) return Array.Empty<T>();
        int threshold = Math.Max(2, q.Length / 3);

        var scored = new List<(T Item, int Tier, int Score, int Order)>();
        int order = 0;
        foreach (T candidate in candidates)
        {
            int bestTier = int.MaxValue, bestScore = int.MaxValue;
            foreach (string raw in texts(candidate))
            {
                string text = Normalize(raw);
                if (text.Length == 0) continue;
                (int tier, int score) = Score(q, text, threshold);
                if (tier < bestTier || (tier == bestTier && score < bestScore))
                {
                    bestTier = tier;
                    bestScore = score;
                }
            }
            if (bestTier != int.MaxValue) scored.Add((candidate, bestTier, bestScore, order));
            order++;
        }

        return scored
            .OrderBy(s => s.Tier)
            .ThenBy(s => s.Score)
            .ThenBy(s => s.Order)
            .Take(max)
            .Select(s => s.Item)
            .ToArray();
    }

    private static (int Tier, int Score) Score(string query, string text, int threshold)
    {
        if (text == query) return (0, 0);
        int distance = Distance(query, text);
        if (distance <= threshold) return (1, distance);
        // A word of a longer text ("townsent" ~ "townsend" in "stephen townsend").
        if (text.Contains(' ', StringComparison.Ordinal) && !query.Contains(' ', StringComparison.Ordinal))
        {
            int best = int.MaxValue;
            foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Length >= 3) best = Math.Min(best, Distance(query, word));
            }
            if (best <= threshold) return (1, best + 1);
        }
        // Substring either way ("dorrian" in "john dorrian", "west mosul" in "west-mosul pocket").
        if (query.Length >= 3 && (text.Contains(query, StringComparison.Ordinal) || (text.Length >= 3 && query.Contains(text, StringComparison.Ordinal))))
        {
            return (2, Math.Abs(text.Length - query.Length));
        }
        return (int.MaxValue, int.MaxValue);
    }

    /// <summary>Lower case; hyphens, underscores and dots count as spaces (ids vs names).</summary>
    private static string Normalize(string text)
    {
        var chars = new char[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = char.ToLowerInvariant(text[i]);
            chars[i] = c is '-' or '_' or '.' ? ' ' : c;
        }
        return new string(chars).Trim();
    }

    /// <summary>Levenshtein distance (insert, delete, substitute: cost 1 each).</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
