using System.Collections.Concurrent;

namespace ChatMock.Protocol;

/// <summary>
/// Remembers what a pure function of one or two header values returned, because a client sends the same
/// <c>Accept</c> and <c>Accept-Language</c> on every call. Bounded: only short values are kept, and at most
/// <see cref="Capacity"/> of them, so odd or hostile headers cost a computation, never memory.
/// </summary>
/// <typeparam name="TValue">What the function returns; it must not be changed by whoever gets it.</typeparam>
internal sealed class HeaderValueCache<TValue>
{
    public const int Capacity = 256;

    private const int MaxKeyLength = 256;

    private readonly ConcurrentDictionary<(string?, string?), TValue> _values = new();

    public TValue GetOrAdd(string? first, string? second, Func<string?, string?, TValue> compute)
    {
        if ((first?.Length ?? 0) + (second?.Length ?? 0) > MaxKeyLength)
        {
            return compute(first, second);
        }

        if (_values.TryGetValue((first, second), out var value))
        {
            return value;
        }

        value = compute(first, second);
        if (_values.Count < Capacity)
        {
            _values.TryAdd((first, second), value);
        }

        return value;
    }
}
