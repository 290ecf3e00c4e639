namespace Sim.Tracing.MessagePack;

/// <summary>
/// An array of values (spec "Type system": Array; the "array format family"). Equal to another array with equal
/// elements in the same order.
/// </summary>
public sealed class MessagePackArray : MessagePackValue
{
    private readonly MessagePackValue[] _items;

    /// <summary>An array of a copy of <paramref name="items"/>.</summary>
    /// <param name="items">The elements, in order.</param>
    public MessagePackArray(IEnumerable<MessagePackValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
    }

    /// <summary>The elements, in order.</summary>
    public IReadOnlyList<MessagePackValue> Items => _items;

    /// <inheritdoc/>
    public override MessagePackType Type => MessagePackType.Array;

    /// <inheritdoc/>
    public override void Write(MessagePackWriter writer)
    {
        writer.WriteArrayHeader(_items.Length);
        foreach (var item in _items) item.Write(writer);
    }

    /// <inheritdoc/>
    public override bool Equals(MessagePackValue? other) =>
        other is MessagePackArray a && a._items.AsSpan().SequenceEqual(_items);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", _items.Select(i => i.ToString())) + "]";
}

/// <summary>
/// A map (spec "Type system": Map; the "map format family"), kept as the ordered list of key-value pairs found on the
/// wire: duplicate keys are kept, and two maps are equal when they have equal pairs in the same order (the spec
/// leaves key order and duplicates to applications; a codec test wants the exact wire content).
/// </summary>
public sealed class MessagePackMap : MessagePackValue
{
    private readonly KeyValuePair<MessagePackValue, MessagePackValue>[] _entries;

    /// <summary>A map of a copy of <paramref name="entries"/>.</summary>
    /// <param name="entries">The key-value pairs, in order.</param>
    public MessagePackMap(IEnumerable<KeyValuePair<MessagePackValue, MessagePackValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToArray();
    }

    /// <summary>The key-value pairs, in order.</summary>
    public IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>> Entries => _entries;

    /// <inheritdoc/>
    public override MessagePackType Type => MessagePackType.Map;

    /// <inheritdoc/>
    public override void Write(MessagePackWriter writer)
    {
        writer.WriteMapHeader(_entries.Length);
        foreach (var (key, value) in _entries)
        {
            key.Write(writer);
            value.Write(writer);
        }
    }

    /// <inheritdoc/>
    public override bool Equals(MessagePackValue? other)
    {
        if (other is not MessagePackMap m || m._entries.Length != _entries.Length) return false;
        for (int i = 0; i < _entries.Length; i++)
        {
            if (!_entries[i].Key.Equals(m._entries[i].Key) || !_entries[i].Value.Equals(m._entries[i].Value)) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _entries)
        {
            hash.Add(key);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Key}: {e.Value}")) + "}";
}
