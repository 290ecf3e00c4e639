namespace Sim.Tracing.MessagePack;

/// <summary>The nil value (spec "Type system": Nil; format nil 0xc0). There is one instance.</summary>
public sealed class MessagePackNil : MessagePackValue
{
    /// <summary>The nil value.</summary>
    public static MessagePackNil Instance { get; } = new();

    private MessagePackNil()
    {
    }

    /// <inheritdoc/>
    public override MessagePackType Type => MessagePackType.Nil;

    /// <inheritdoc/>
    public override void Write(MessagePackWriter writer) => writer.WriteNil();

    /// <inheritdoc/>
    public override bool Equals(MessagePackValue? other) => other is MessagePackNil;

    /// <inheritdoc/>
    public override int GetHashCode() => 0x6e69;

    /// <inheritdoc/>
    public override string ToString() => "nil";
}

/// <summary>A boolean (spec "Type system": Boolean; formats false 0xc2, true 0xc3). There are two instances.</summary>
public sealed class MessagePackBoolean : MessagePackValue
{
    /// <summary>true.</summary>
    public static MessagePackBoolean True { get; } = new(true);

    /// <summary>false.</summary>
    public static MessagePackBoolean False { get; } = new(false);

    private MessagePackBoolean(bool value) => Value = value;

    /// <summary>The value.</summary>
    public bool Value { get; }

    /// <summary>The instance for <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public static MessagePackBoolean Of(bool value) => value ? True : False;

    /// <inheritdoc/>
    public override MessagePackType Type => MessagePackType.Boolean;

    /// <inheritdoc/>
    public override void Write(MessagePackWriter writer) => writer.WriteBoolean(Value);

    /// <inheritdoc/>
    public override bool Equals(MessagePackValue? other) => other is MessagePackBoolean b && b.Value == Value;

    /// <inheritdoc/>
    public override int GetHashCode() => Value ? 1 : 2;

    /// <inheritdoc/>
    public override string ToString() => Value ? "true" : "false";
}

/// <summary>
/// An integer from -2^63 to 2^64-1 (spec "Type system": Integer; the "int format family"). Signed and unsigned values
/// are one range: 5 made from a long equals 5 made from a ulong.
/// </summary>
public sealed class MessagePackInteger : MessagePackValue
{
    private readonly ulong _bits;

    /// <summary>The integer <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public MessagePackInteger(long value)
    {
        _bits = (ulong)value;
        IsNegative = value < 0;
    }

    /// <summary>The integer <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public MessagePackInteger(ulong value) => _bits = value;

    /// <summary>Whether the value is below zero (then <see cref="AsInt64"/> holds it; otherwise <see cref="AsUInt64"/> does).</summary>
    public bool IsNegative { get; }

    /// <summary>The value as a long; values above <see cref="long.MaxValue"/> throw <see cref="OverflowException"/>.</summary>
    public long AsInt64 => IsNegative || _bits <= long.MaxValue ? (long)_bits : throw new OverflowException($"{_bits} does not fit Int64");

    /// <summary>The value as a ulong; negative values throw <see cref="OverflowException"/>.</summary>
    public ulong AsUInt64 => IsNegative ? throw new OverflowException($"{(long)_bits} is negative") : _bits;

    /// <inheritdoc/>
    public override MessagePackType Type => MessagePackType.Integer;

    /// <inheritdoc/>
    public override void Write(MessagePackWriter writer)
    {
        if (IsNegative) writer.WriteInt64((long)_bits);
        else writer.WriteUInt64(_bits);
    }

    /// <inheritdoc/>
    public override bool Equals(MessagePackValue? other) =>
        other is MessagePackInteger i && i.IsNegative == IsNegative && i._bits == _bits;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsNegative, _bits);

    /// <inheritdoc/>
    public override string ToString() => IsNegative ? ((long)_bits).ToString(System.Globalization.CultureInfo.InvariantCulture) : _bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A floating point number (spec "Type system": Float; the "float format family"), remembering whether it is a
/// float 32 or a float 64. Equality compares the precision and the exact bits, so NaN equals the same NaN.
/// </summary>
public sealed class MessagePackFloat : MessagePackValue
{
    private readonly ulong _bits;

    /// <summary>A float 64.</summary>
    /// <param name="value">The value.</param>
    public MessagePackFloat(double value) => _bits = BitConverter.DoubleToUInt64Bits(value);

    /// <summary>A float 32.</summary>
    /// <param name="value">The value.</param>
    public MessagePackFloat(float value)
    {
        _bits = BitConverter.SingleToUInt32Bits(value);
        IsSingle = true;
    }

    /// <summary>Whether this is a float 32 (otherwise a float 64).</summary>
    public bool IsSingle { get; }

    /// <summary>The value (a float 32 widened exactly).</summary>
    public double Value => IsSingle ? BitConverter.UInt32BitsToSingle((uint)_bits) : BitConverter.UInt64BitsToDouble(_bits);

    /// <inheritdoc/>
    public override MessagePackType Type => MessagePackType.Float;

    /// <inheritdoc/>
    public override void Write(MessagePackWriter writer)
    {
        if (IsSingle) writer.WriteSingle(BitConverter.UInt32BitsToSingle((uint)_bits));
        else writer.WriteDouble(BitConverter.UInt64BitsToDouble(_bits));
    }

    /// <inheritdoc/>
    public override bool Equals(MessagePackValue? other) =>
        other is MessagePackFloat f && f.IsSingle == IsSingle && f._bits == _bits;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsSingle, _bits);

    /// <inheritdoc/>
    public override string ToString() =>
        (IsSingle ? "f32 " : "f64 ") + Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
