using System;
using System.Text;

namespace TypedDataset.Generator.Common;

/// <summary>A small indented text writer for emitting C# (no syntax trees, no NormalizeWhitespace).</summary>
internal sealed class SourceWriter
{
    private const int SpacesPerIndent = 4;
    private readonly StringBuilder _builder = new();

    public int Indentation { get; set; }

    public void OpenBrace()
    {
        WriteLine("{");
        Indentation++;
    }

    public void CloseBrace(string suffix = "")
    {
        Indentation--;
        WriteLine("}" + suffix);
    }

    public void WriteLine(string text)
    {
        if (text.Length == 0)
        {
            _builder.Append('\n');
            return;
        }
        _builder.Append(' ', Indentation * SpacesPerIndent);
        _builder.Append(text);
        _builder.Append('\n');
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes a block of lines (separated by '\n'), each indented.</summary>
    public void WriteLines(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            WriteLine(line);
        }
    }

    public override string ToString() => _builder.ToString();

    public IDisposable Block(string header, string suffix = "")
    {
        WriteLine(header);
        OpenBrace();
        return new BlockScope(this, suffix);
    }

    private sealed class BlockScope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _suffix;

        public BlockScope(SourceWriter writer, string suffix)
        {
            _writer = writer;
            _suffix = suffix;
        }

        public void Dispose() => _writer.CloseBrace(_suffix);
    }
}
