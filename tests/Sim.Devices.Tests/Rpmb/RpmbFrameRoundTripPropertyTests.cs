using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Rpmb;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Rpmb;

/// <summary>Property (a): any frame, every field over its full range, decodes to itself and re-encodes to the same 512 bytes (virtio 1.2, 5.12.6.1).</summary>
public sealed class RpmbFrameRoundTripPropertyTests
{
    private static readonly Gen<RpmbFrame> Frames =
        from stuff in RpmbGen.Bytes(RpmbLayout.StuffSize)
        from keyMac in RpmbGen.Bytes(RpmbLayout.KeyMacSize)
        from data in RpmbGen.Bytes(RpmbLayout.DataSize)
        from nonce in RpmbGen.Nonce
        from counter in RpmbGen.U32
        from address in RpmbGen.U16
        from blocks in RpmbGen.U16
        from result in RpmbGen.U16
        from reqResp in RpmbGen.U16
        select new RpmbFrame(keyMac, data, nonce, counter, address, blocks, (RpmbResult)result, reqResp, stuff);

    [Fact]
    public void A_frame_round_trips_through_its_512_bytes()
    {
        Check.One(PropertyRuns.Config(200), Prop.ForAll(Arb.From(Frames), frame =>
        {
            byte[] bytes = frame.Encode();
            RpmbFrame back = RpmbFrame.Decode(bytes);
            return (bytes.Length == RpmbLayout.FrameSize && back.Equals(frame) && back.Encode().AsSpan().SequenceEqual(bytes))
                .Label($"{frame} -> {Convert.ToHexString(bytes)} -> {back}");
        }));
    }

    [Fact]
    public void Any_512_bytes_round_trip_through_a_frame()
    {
        Check.One(PropertyRuns.Config(200), Prop.ForAll(Arb.From(RpmbGen.Bytes(RpmbLayout.FrameSize)), bytes =>
            RpmbFrame.Decode(bytes).Encode().AsSpan().SequenceEqual(bytes).Label(Convert.ToHexString(bytes))));
    }
}
