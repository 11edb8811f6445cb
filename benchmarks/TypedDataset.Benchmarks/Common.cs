using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TypedDataset.Benchmarks;

public static class Stats
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return double.NaN;
        double[] sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>A GitHub-flavoured markdown table.</summary>
public sealed class MarkdownTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = new();

    public MarkdownTable(params string[] headers) => _headers = headers;

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var b = new StringBuilder();
        b.Append("| ").Append(string.Join(" | ", _headers)).Append(" |\n");
        b.Append('|').Append(string.Concat(_headers.Select(_ => "---|"))).Append('\n');
        foreach (string[] row in _rows) b.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|").Replace("\n", " ")))).Append(" |\n");
        return b.ToString();
    }
}
