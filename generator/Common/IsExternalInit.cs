// netstandard2.0 lacks this type, which C# records with positional parameters need.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
