namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// The 32-bit SCMI message header (Arm DEN0056, 4.1.2; Linux <c>drivers/firmware/arm_scmi/common.h</c>
/// <c>MSG_ID_MASK</c> / <c>MSG_TYPE_MASK</c> / <c>MSG_PROTOCOL_ID_MASK</c> / <c>MSG_TOKEN_ID_MASK</c>): message id
/// bits [7:0], message type [9:8], protocol id [17:10], token [27:18], bits [31:28] reserved (zero when encoded,
/// ignored when decoded). Little-endian on the wire.
/// </summary>
/// <param name="MessageId">The message id within the protocol (8 bits).</param>
/// <param name="Type">The message type (2 bits).</param>
/// <param name="ProtocolId">The protocol id, for example <see cref="ScmiPerfLayout.ProtocolId"/> (8 bits).</param>
/// <param name="Token">The sequence token the agent chose, echoed in the response (10 bits).</param>
public readonly record struct ScmiHeader(byte MessageId, ScmiMessageType Type, byte ProtocolId, ushort Token)
{
    /// <summary>Size of the header on the wire.</summary>
    public const int Size = 4;

    /// <summary>Bit position of the message id.</summary>
    public const int MessageIdShift = 0;

    /// <summary>Mask of the message id after shifting.</summary>
    public const uint MessageIdMask = 0xFF;

    /// <summary>Bit position of the message type.</summary>
    public const int TypeShift = 8;

    /// <summary>Mask of the message type after shifting.</summary>
    public const uint TypeMask = 0x3;

    /// <summary>Bit position of the protocol id.</summary>
    public const int ProtocolIdShift = 10;

    /// <summary>Mask of the protocol id after shifting.</summary>
    public const uint ProtocolIdMask = 0xFF;

    /// <summary>Bit position of the token.</summary>
    public const int TokenShift = 18;

    /// <summary>Mask of the token after shifting (10 bits).</summary>
    public const ushort TokenMask = 0x3FF;

    /// <summary>The header word; throws <see cref="ArgumentOutOfRangeException"/> when the token needs more than 10 bits or the type more than 2.</summary>
    public uint Encode()
    {
        if (Token > TokenMask) throw new ArgumentOutOfRangeException(nameof(Token), Token, "an SCMI token has 10 bits");
        if ((uint)Type > TypeMask) throw new ArgumentOutOfRangeException(nameof(Type), Type, "an SCMI message type has 2 bits");
        return ((uint)MessageId << MessageIdShift) | ((uint)Type << TypeShift)
            | ((uint)ProtocolId << ProtocolIdShift) | ((uint)Token << TokenShift);
    }

    /// <summary>The fields of <paramref name="word"/>; reserved bits [31:28] are ignored.</summary>
    public static ScmiHeader Decode(uint word) => new(
        (byte)((word >> MessageIdShift) & MessageIdMask),
        (ScmiMessageType)((word >> TypeShift) & TypeMask),
        (byte)((word >> ProtocolIdShift) & ProtocolIdMask),
        (ushort)((word >> TokenShift) & TokenMask));

    /// <summary>Writes the header little-endian into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(destination, Encode());

    /// <summary>Reads a header from <paramref name="message"/>; false when it is shorter than <see cref="Size"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out ScmiHeader header)
    {
        header = default;
        if (message.Length < Size) return false;
        header = Decode(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(message));
        return true;
    }
}
