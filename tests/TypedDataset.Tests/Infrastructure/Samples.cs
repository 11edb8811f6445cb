using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TypedDataset.Tests.Infrastructure;

/// <summary>The sample dataset in TestData/Library (a schema, two data files and a source text).</summary>
public static class Samples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "Library");

    public static TestFile Schema => Read("schema.yaml");

    public static TestFile Authors => Read("authors.yaml");

    public static TestFile Books => Read("books.yaml");

    public static TestFile Catalogue => TestFile.Source("texts/catalogue.txt", File.ReadAllText(Path.Combine(Folder, "catalogue.txt")));

    /// <summary>Schema and data files, without the source text.</summary>
    public static IReadOnlyList<TestFile> Library => new[] { Schema, Authors, Books };

    /// <summary>Schema and data files plus the source text, for evidence checks.</summary>
    public static IReadOnlyList<TestFile> LibraryWithTexts => Library.Append(Catalogue).ToArray();

    private static TestFile Read(string name) => TestFile.Data("facts/" + name, File.ReadAllText(Path.Combine(Folder, name)).Replace("\r\n", "\n"));
}
