namespace Sim.Tracing.MessagePack;

/// <summary>A UTF-8 string (spec "Type system": String; the "str format family"). Compared ordinally.</summary>
public sealed class MessagePackString : MessagePackValue
{
    /// <summary>The string <paramref name="value"/>.</summary>
    /// <param name="value">The text; must be valid UTF-16 (no lone surrogates) to be writable.</param>
    public MessagePackString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>The text.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override MessagePackType Type => MessagePackType.String;

    /// <inheritdoc/>
    public override void Write(MessagePackWriter writer) => writer.WriteString(Value);

    /// <inheritdoc/>
    public override bool Equals(MessagePackValue? other) => other is MessagePackString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value.Length <= 40 ? $"\"{Value}\"" : $"\"{Value[..40]}...\" ({Value.Length} chars)";
}

/// <summary>A byte array (spec "Type system": Binary; the "bin format family"). Holds its own copy of the bytes.</summary>
public sealed class MessagePackBinary : MessagePackValue
{
    private readonly byte[] _bytes;

    /// <summary>Binary holding a copy of <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The bytes.</param>
    public MessagePackBinary(ReadOnlySpan<byte> bytes) => _bytes = bytes.ToArray();

    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <inheritdoc/>
    public override MessagePackType Type => MessagePackType.Binary;

    /// <inheritdoc/>
    public override void Write(MessagePackWriter writer) => writer.WriteBinary(_bytes);

    /// <inheritdoc/>
    public override bool Equals(MessagePackValue? other) => other is MessagePackBinary b && b._bytes.AsSpan().SequenceEqual(_bytes);

    /// <inheritdoc/>
    public override int GetHashCode() => BlobHash.Of(0, _bytes);

    /// <inheritdoc/>
    public override string ToString() => $"bin[{_bytes.Length}]";
}

/// <summary>
/// An extension value: a type code and opaque bytes (spec "Type system": Extension; the "ext format family"). The
/// timestamp extension (type -1) is kept raw. Holds its own copy of the bytes.
/// </summary>
public sealed class MessagePackExtension : MessagePackValue
{
    private readonly byte[] _data;

    /// <summary>Extension <paramref name="typeCode"/> holding a copy of <paramref name="data"/>.</summary>
    /// <param name="typeCode">The extension type (-128..-1 are reserved by the spec).</param>
    /// <param name="data">The payload.</param>
    public MessagePackExtension(sbyte typeCode, ReadOnlySpan<byte> data)
    {
        TypeCode = typeCode;
        _data = data.ToArray();
    }

    /// <summary>The extension type.</summary>
    public sbyte TypeCode { get; }

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <inheritdoc/>
    public override MessagePackType Type => MessagePackType.Extension;

    /// <inheritdoc/>
    public override void Write(MessagePackWriter writer) => writer.WriteExtension(TypeCode, _data);

    /// <inheritdoc/>
    public override bool Equals(MessagePackValue? other) =>
        other is MessagePackExtension e && e.TypeCode == TypeCode && e._data.AsSpan().SequenceEqual(_data);

    /// <inheritdoc/>
    public override int GetHashCode() => BlobHash.Of(TypeCode, _data);

    /// <inheritdoc/>
    public override string ToString() => $"ext({TypeCode})[{_data.Length}]";
}

/// <summary>A hash of a byte array for the binary and extension values' structural equality.</summary>
internal static class BlobHash
{
    public static int Of(int seed, byte[] bytes)
    {
        var hash = new HashCode();
        hash.Add(seed);
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
