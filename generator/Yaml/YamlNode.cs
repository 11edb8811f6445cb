using System.Collections.Generic;

namespace TypedDataset.Generator.Yaml;

internal enum YamlNodeKind
{
    Scalar,
    Sequence,
    Mapping,
}

/// <summary>
/// A YAML node with its position. Lives only inside one parse step: it never enters the
/// incremental pipeline (the parser turns it into equatable specs).
/// </summary>
internal sealed class YamlNode
{
    public YamlNode(YamlNodeKind kind, Position start)
    {
        Kind = kind;
        Start = start;
        End = start;
    }

    public YamlNodeKind Kind { get; }

    /// <summary>Scalar text (empty for collections).</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>True for a plain (unquoted, non-block) scalar: only plain scalars can be null, numbers or booleans.</summary>
    public bool IsPlain { get; set; }

    /// <summary>The resolved YAML tag, when the node had an explicit one.</summary>
    public string? Tag { get; set; }

    public Position Start { get; }

    public Position End { get; set; }

    public List<YamlNode> Items { get; } = new();

    public List<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = new();

    /// <summary>Number of nodes in this subtree, aliases expanded (used to bound alias expansion).</summary>
    public long Size { get; set; } = 1;

    /// <summary>True for a plain scalar that YAML reads as null: empty, '~', 'null'.</summary>
    public bool IsNull => Kind == YamlNodeKind.Scalar
        && (Tag == "tag:yaml.org,2002:null" || (IsPlain && Tag is null && Value is "" or "~" or "null" or "Null" or "NULL"));

    public string Describe() => Kind switch
    {
        YamlNodeKind.Mapping => "a mapping",
        YamlNodeKind.Sequence => "a list",
        _ => IsNull ? "null" : "a scalar",
    };
}

/// <summary>A 0-based position in the file (character offset, line and column).</summary>
internal readonly struct Position
{
    public Position(int offset, int line, int column)
    {
        Offset = offset;
        Line = line;
        Column = column;
    }

    public int Offset { get; }
    public int Line { get; }
    public int Column { get; }
}
