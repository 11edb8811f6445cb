using Spectre.Console;
using Spectre.Console.Rendering;

namespace TypedDataset.Consumer.Rendering;

/// <summary>Small Spectre helpers. Data is always wrapped in <see cref="Text"/>, never parsed as markup.</summary>
internal static class Ui
{
    private static readonly Style s_heading = new(decoration: Decoration.Bold);
    private static readonly Style s_dim = new(foreground: Color.Grey);

    public static IRenderable Cell(string? text) => new Text(text ?? "");

    /// <summary>A table with the given headers; the <c>id</c> column never wraps.</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (int i = 0; i < headers.Length; i++)
        {
            var column = new TableColumn(new Text(headers[i], s_heading));
            if (headers[i] == "id") column.NoWrap();
            table.AddColumn(column);
        }
        return table;
    }

    public static void AddTextRow(this Table table, params string?[] cells)
    {
        var renderables = new IRenderable[cells.Length];
        for (int i = 0; i < cells.Length; i++) renderables[i] = Cell(cells[i]);
        table.AddRow(renderables);
    }

    public static void Heading(IAnsiConsole console, string text)
    {
        console.WriteLine();
        console.Write(new Rule("[bold]" + Markup.Escape(text) + "[/]").LeftJustified().RuleStyle(s_dim));
    }

    public static void Line(IAnsiConsole console, string text = "") => console.Write(new Text(text + "\n"));

    public static void DimLine(IAnsiConsole console, string text) => console.Write(new Text(text + "\n", s_dim));
}
