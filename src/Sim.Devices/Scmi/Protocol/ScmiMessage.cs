namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// An SCMI message as virtio-scmi carries it: the 4-byte <see cref="ScmiHeader"/>, then the payload (command
/// parameters, response status and return values, or notification payload) (virtio 1.2, 5.17.6; Arm DEN0056, 4.1.2).
/// </summary>
public static class ScmiMessage
{
    /// <summary><paramref name="header"/> followed by <paramref name="payload"/>.</summary>
    public static byte[] Compose(ScmiHeader header, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[ScmiHeader.Size + payload.Length];
        header.WriteTo(bytes);
        payload.CopyTo(bytes.AsSpan(ScmiHeader.Size));
        return bytes;
    }

    /// <summary>A performance protocol command message for <paramref name="request"/> with <paramref name="token"/>.</summary>
    public static byte[] Command(ScmiPerfRequest request, ushort token) => Compose(
        new ScmiHeader((byte)request.MessageId, ScmiMessageType.Command, ScmiPerfLayout.ProtocolId, token),
        ScmiPerfRequestCodec.Encode(request));

    /// <summary>Splits <paramref name="message"/> into header and payload; false when it is shorter than a header.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> message, out ScmiHeader header, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (!ScmiHeader.TryRead(message, out header)) return false;
        payload = message[ScmiHeader.Size..];
        return true;
    }
}
