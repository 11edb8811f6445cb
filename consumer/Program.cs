using System;
using System.Linq;
using TypedDataset.Mosul;

// Overview of the Mosul dataset, written against the generated API: every fact name below is
// checked by the compiler.
Console.WriteLine("TypedDataset.Mosul: facts from two 2017 reports on the battle for Mosul");
Console.WriteLine();
foreach (string name in MosulFacts.CollectionNames)
{
    int count = name switch
    {
        "Sources" => Sources.Count,
        "Organizations" => Organizations.Count,
        "People" => People.Count,
        "Places" => Places.Count,
        "Events" => Events.Count,
        "Figures" => Figures.Count,
        "Quotations" => Quotations.Count,
        "Relations" => Relations.Count,
        _ => 0,
    };
    Console.WriteLine($"  {name,-14} {count,4}");
}

Person dorrian = People.JohnDorrian;
Console.WriteLine();
Console.WriteLine($"{dorrian.Title} {dorrian.Name} ({dorrian.Affiliation?.Name}): {dorrian.Role}");
foreach (Quotation quote in dorrian.Quotations.Where(q => q.Mode == QuotationMode.Direct))
{
    Console.WriteLine($"  “{quote.Text}”");
}
