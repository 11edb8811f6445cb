using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TypedDataset.Generator.Common;

/// <summary>
/// An immutable array with structural (element-wise) equality, so that pipeline models that
/// hold collections compare by value and the incremental driver can cache them.
/// </summary>
internal sealed class ImmutableEquatableArray<T> : IEquatable<ImmutableEquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    public static ImmutableEquatableArray<T> Empty { get; } = new(Array.Empty<T>());

    private readonly T[] _values;
    private int _hash;

    public ImmutableEquatableArray(IEnumerable<T> values) => _values = values.ToArray();

    private ImmutableEquatableArray(T[] values) => _values = values;

    public T this[int index] => _values[index];

    public int Count => _values.Length;

    public bool Equals(ImmutableEquatableArray<T>? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._values.Length != _values.Length) return false;
        if (_hash != 0 && other._hash != 0 && _hash != other._hash) return false;
        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < _values.Length; i++)
        {
            if (!comparer.Equals(_values[i], other._values[i])) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is ImmutableEquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        int hash = 17;
        foreach (T value in _values)
        {
            hash = unchecked(hash * 31 + (value is null ? 0 : value.GetHashCode()));
        }
        if (hash == 0) hash = 1;
        _hash = hash; // benign race: every thread computes the same value
        return hash;
    }

    public Enumerator GetEnumerator() => new(_values);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    public struct Enumerator
    {
        private readonly T[] _values;
        private int _index;

        internal Enumerator(T[] values)
        {
            _values = values;
            _index = -1;
        }

        public bool MoveNext() => ++_index < _values.Length;

        public readonly T Current => _values[_index];
    }
}

internal static class ImmutableEquatableArray
{
    public static ImmutableEquatableArray<T> ToImmutableEquatableArray<T>(this IEnumerable<T> values)
        where T : IEquatable<T> => new(values);
}
