using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TypedDataset.Benchmarks;

/// <summary>Size facts of a built assembly, read with System.Reflection.Metadata (nothing is loaded).</summary>
public sealed record AssemblyStats(long FileBytes, int Methods, int MaxIlBytes, string MaxIlMethod, int MethodsOver8K, long TotalIlBytes)
{
    /// <summary>Reads every method body: its IL size (code bytes, without the method header).</summary>
    public static AssemblyStats Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        int methods = 0, max = 0, over = 0;
        long total = 0;
        string maxName = "";
        foreach (MethodDefinitionHandle handle in md.MethodDefinitions)
        {
            MethodDefinition method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0) continue;
            int size = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader().Length;
            methods++;
            total += size;
            if (size > 8 * 1024) over++;
            if (size > max)
            {
                max = size;
                TypeDefinition type = md.GetTypeDefinition(method.GetDeclaringType());
                maxName = md.GetString(type.Name) + "." + md.GetString(method.Name);
            }
        }
        return new AssemblyStats(new FileInfo(path).Length, methods, max, maxName, over, total);
    }
}
