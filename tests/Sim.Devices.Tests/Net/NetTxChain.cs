using Sim.Devices.Net;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Net;

/// <summary>
/// Driver-side builder of a transmit chain for <see cref="NetTxParser"/>: buffers laid out one after another in a
/// flat memory, readable ones first, as a validated <see cref="DescriptorChain"/> would hold them.
/// <c>NetTxChain.Of(header, packet)</c> is the usual two-buffer chain.
/// </summary>
internal sealed class NetTxChain
{
    private readonly List<(byte[] Bytes, bool Writable)> _buffers = [];

    /// <summary>A chain with the encoded <paramref name="header"/> in one buffer and a packet of <paramref name="packetLength"/> bytes in the next.</summary>
    public static NetTxChain Of(NetHeader header, int packetLength) =>
        new NetTxChain().Readable(header.Encode()).Readable(new byte[packetLength]);

    /// <summary>Adds a device-readable buffer.</summary>
    public NetTxChain Readable(byte[] bytes)
    {
        _buffers.Add((bytes, false));
        return this;
    }

    /// <summary>Adds a device-writable buffer of <paramref name="length"/> bytes.</summary>
    public NetTxChain Writable(int length)
    {
        _buffers.Add((new byte[length], true));
        return this;
    }

    /// <summary>Parses the chain with the given negotiated <paramref name="features"/>.</summary>
    public (bool Ok, NetTxPacket? Packet, NetTxError Error, string Problem) Parse(ulong features, IDeviceMemory? through = null)
    {
        var memory = new FlatMemory(_buffers.Sum(b => b.Bytes.Length));
        var chain = new DescriptorChain();
        chain.Reset(7);
        ulong address = 0;
        foreach (var (bytes, writable) in _buffers)
        {
            bytes.CopyTo(memory.Bytes, (int)address);
            chain.Add(new ChainSegment(address, (uint)bytes.Length, writable));
            address += (ulong)bytes.Length;
        }
        bool ok = new NetTxParser(features).TryParse(chain, through ?? memory, out var packet, out var error, out string problem);
        return (ok, packet, error, problem);
    }

    /// <summary>Guest memory as one byte array at address 0.</summary>
    private sealed class FlatMemory(int size) : IDeviceMemory
    {
        public byte[] Bytes { get; } = new byte[size];

        public AccessVerdict Read(ulong address, Span<byte> destination)
        {
            if (address + (ulong)destination.Length > (ulong)Bytes.Length) return AccessVerdict.OutOfRange;
            Bytes.AsSpan((int)address, destination.Length).CopyTo(destination);
            return AccessVerdict.Allowed;
        }

        public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
        {
            if (address + (ulong)source.Length > (ulong)Bytes.Length) return AccessVerdict.OutOfRange;
            source.CopyTo(Bytes.AsSpan((int)address));
            return AccessVerdict.Allowed;
        }
    }

    /// <summary>An access path that refuses every access.</summary>
    public sealed class DenyAll : IDeviceMemory
    {
        /// <inheritdoc />
        public AccessVerdict Read(ulong address, Span<byte> destination) => AccessVerdict.Denied;

        /// <inheritdoc />
        public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source) => AccessVerdict.Denied;
    }
}
