using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Net;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Net;

/// <summary>
/// Properties over random field values: a <c>virtio_net_hdr_v1</c> and a VQ_PAIRS_SET command decode to what was
/// encoded and re-encode to the same bytes; a mergeable receive placement takes the fewest buffers in order, fills all
/// but the last, and writes exactly header plus packet.
/// </summary>
public sealed class NetRoundTripPropertyTests
{
    private static readonly Gen<byte> Bytes = Gen.Choose(0, 255).Select(b => (byte)b);
    private static readonly Gen<ushort> U16 = Gen.Frequency(
        (1, Gen.Elements<ushort>(0, 1, 0x00ff, 0xff00, 0xffff)), (4, Gen.Choose(0, 0xffff).Select(v => (ushort)v)));

    private static readonly Arbitrary<NetHeader> Headers = Arb.From(
        from flags in Bytes
        from gsoType in Bytes
        from hdrLen in U16
        from gsoSize in U16
        from csumStart in U16
        from csumOffset in U16
        from numBuffers in U16
        select new NetHeader(flags, gsoType, hdrLen, gsoSize, csumStart, csumOffset, numBuffers));

    [Fact]
    public void A_net_header_decodes_to_what_was_encoded()
    {
        var property = Prop.ForAll(Headers, header =>
        {
            byte[] bytes = header.Encode();
            var back = NetHeader.Decode(bytes);
            return (bytes.Length == NetLayout.HeaderSize && back == header && back.Encode().AsSpan().SequenceEqual(bytes))
                .Label($"{header} -> {Convert.ToHexString(bytes)} -> {back}");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void A_vq_pairs_set_decodes_to_what_was_encoded()
    {
        var property = Prop.ForAll(Arb.From(U16), pairs =>
        {
            byte[] bytes = new NetMqCommand(pairs).Encode();
            bool ok = NetMqCommand.TryDecode(bytes, out var back, out string problem);
            return (ok && back == new NetMqCommand(pairs)).Label($"{pairs}: {problem}");
        });
        Check.One(PropertyRuns.Config(200), property);
    }

    [Fact]
    public void A_mergeable_placement_takes_the_fewest_buffers_and_fills_all_but_the_last()
    {
        var cases = Arb.From(
            from count in Gen.Choose(1, 8)
            from sizes in Gen.ArrayOf(Gen.Choose(NetLayout.HeaderSize, 4096).Select(s => (uint)s), count)
            from packet in Gen.Choose(0, 20_000)
            select (Sizes: sizes, Packet: packet));
        var property = Prop.ForAll(cases, c =>
        {
            var placed = NetRxBuffers.Place(c.Packet, c.Sizes, mergeable: true);
            long total = NetLayout.HeaderSize + c.Packet;
            long room = c.Sizes.Sum(s => (long)s);
            if (!placed.Fits) return (room < total && placed.Shortfall == NetRxShortfall.NotEnoughBuffers).Label($"refused with room {room} for {total}: {placed.Problem}");
            int n = placed.BufferCount;
            bool exact = placed.BytesWritten.Sum(b => (long)b) == total;
            bool fullButLast = Enumerable.Range(0, n - 1).All(i => placed.BytesWritten[i] == c.Sizes[i]);
            bool fewest = c.Sizes.Take(n - 1).Sum(s => (long)s) < total;
            return (exact && fullButLast && fewest && placed.NumBuffers == n).Label($"{string.Join(",", c.Sizes)} / {c.Packet}: {string.Join(",", placed.BytesWritten)}");
        });
        Check.One(PropertyRuns.Config(300), property);
    }
}
