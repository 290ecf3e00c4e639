using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Rpmb;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Rpmb;

/// <summary>
/// Properties (d), (e) and (f) of write authentication (virtio 1.2, 5.12.6.1, 5.12.6.1.3): a tampered frame, a foreign
/// key or a missing key is refused with its result code, and the partition is left as it was.
/// </summary>
public sealed class RpmbAuthenticationPropertyTests
{
    /// <summary>Bytes of the first frame the device reads before checking the MAC: address, block_count, req_resp (5.12.6.1.3).</summary>
    private static bool CheckedBeforeMac(int frame, int offset) =>
        frame == 0 && (offset is >= RpmbLayout.AddressOffset and < RpmbLayout.ResultOffset || offset >= RpmbLayout.ReqRespOffset);

    /// <summary>The bytes a flip may hit: the MAC (last frame only) and the MAC'd range, split by <see cref="CheckedBeforeMac"/>.</summary>
    private static int[] Offsets(int frame, int blocks, bool beforeMac) =>
        Enumerable.Range(RpmbLayout.KeyMacOffset, RpmbLayout.FrameSize - RpmbLayout.KeyMacOffset)
            .Where(o => beforeMac
                ? CheckedBeforeMac(frame, o)
                : !CheckedBeforeMac(frame, o) && (o >= RpmbLayout.MacMessageOffset || frame == blocks - 1))
            .ToArray();

    private static Gen<(byte[] Key, RpmbWrite[] Before, RpmbWrite Write, int Frame, int Offset, int Bit)> Tampering(bool beforeMac) =>
        from key in RpmbGen.Key
        from before in RpmbGen.Writes(0, 3)
        from write in RpmbGen.Write
        from frame in beforeMac ? Gen.Constant(0) : Gen.Choose(0, write.Blocks - 1)
        from offset in Gen.Elements(Offsets(frame, write.Blocks, beforeMac))
        from bit in Gen.Choose(0, 7)
        select (key, before, write, frame, offset, bit);

    private static (RpmbRig Rig, byte[] Request) Tamper((byte[] Key, RpmbWrite[] Before, RpmbWrite Write, int Frame, int Offset, int Bit) t)
    {
        var rig = RpmbRig.Programmed(t.Key);
        for (int i = 0; i < t.Before.Length; i++)
            Assert.Equal(RpmbResult.Ok, rig.Send(rig.Client.DataWrite((uint)i, t.Before[i].Address, t.Before[i].Data), 1).Outcome.Result);
        byte[] request = rig.Client.DataWrite(rig.Partition.WriteCounter, t.Write.Address, t.Write.Data);
        request[t.Frame * RpmbLayout.FrameSize + t.Offset] ^= (byte)(1 << t.Bit);
        return (rig, request);
    }

    [Fact]
    public void A_write_with_one_bit_flipped_in_the_mac_or_the_maced_range_gets_auth_failure_and_changes_nothing()
    {
        Check.One(PropertyRuns.Config(300), Prop.ForAll(Arb.From(Tampering(beforeMac: false)), t =>
        {
            var (rig, request) = Tamper(t);
            var before = rig.Snapshot();
            var (outcome, response) = rig.Send(request, 1);
            return (outcome.Result == RpmbResult.AuthFailure && RpmbFrameFields.Result(response) == RpmbResult.AuthFailure && rig.Unchanged(before))
                .Label($"flip of bit {t.Bit} at byte {t.Offset} of frame {t.Frame} in {t.Write}: {outcome}");
        }));
    }

    [Fact]
    public void A_flip_in_a_field_checked_before_the_mac_is_still_refused_and_changes_nothing()
    {
        // The device reads address, block_count and req_resp before it checks the MAC (5.12.6.1.3 lists ADDR_FAILURE
        // and the block count before AUTH_FAILURE), so such a flip may be answered with another failure code.
        Check.One(PropertyRuns.Config(200), Prop.ForAll(Arb.From(Tampering(beforeMac: true)), t =>
        {
            var (rig, request) = Tamper(t);
            var before = rig.Snapshot();
            var (outcome, _) = rig.Send(request, 1);
            return (outcome.Result != RpmbResult.Ok && rig.Unchanged(before))
                .Label($"flip of bit {t.Bit} at byte {t.Offset} of frame {t.Frame} in {t.Write}: {outcome}");
        }));
    }

    [Fact]
    public void A_write_under_another_key_gets_auth_failure_and_changes_nothing()
    {
        var gen = from keys in RpmbGen.TwoKeys from before in RpmbGen.Writes(0, 3) from write in RpmbGen.Write select (keys, before, write);
        Check.One(PropertyRuns.Config(100), Prop.ForAll(Arb.From(gen), t =>
        {
            var rig = RpmbRig.Programmed(t.keys.Programmed);
            for (int i = 0; i < t.before.Length; i++)
                rig.Send(rig.Client.DataWrite((uint)i, t.before[i].Address, t.before[i].Data), 1);
            var snapshot = rig.Snapshot();
            var intruder = new RpmbClient(t.keys.Other);
            var (outcome, response) = rig.Send(intruder.DataWrite(rig.Partition.WriteCounter, t.write.Address, t.write.Data), 1);
            return (outcome.Result == RpmbResult.AuthFailure && rig.Unchanged(snapshot)
                    && rig.Client.Check(response, RpmbResponseType.DataWrite) == RpmbResponseCheck.Valid
                    && intruder.Check(response, RpmbResponseType.DataWrite) == RpmbResponseCheck.BadMac)
                .Label($"{t.write} under another key: {outcome}");
        }));
    }

    [Fact]
    public void Before_the_key_is_programmed_writes_reads_and_counter_reads_get_no_auth_key()
    {
        var gen = from key in RpmbGen.Key
                  from write in RpmbGen.Write
                  from counter in RpmbGen.U32
                  from nonce in RpmbGen.Nonce
                  select (key, write, counter, nonce);
        Check.One(PropertyRuns.Config(100), Prop.ForAll(Arb.From(gen), t =>
        {
            var rig = new RpmbRig(t.key);
            var before = rig.Snapshot();
            var (write, _) = rig.Send(rig.Client.DataWrite(t.counter, t.write.Address, t.write.Data), 1);
            var (read, _) = rig.Send(RpmbClient.DataRead(t.write.Address, t.write.Blocks, t.nonce), t.write.Blocks);
            var (counter, _) = rig.Send(RpmbClient.GetWriteCounter(t.nonce), 1);
            return (write.Result == RpmbResult.NoAuthKey && read.Result == RpmbResult.NoAuthKey && counter.Result == RpmbResult.NoAuthKey
                    && rig.Unchanged(before) && rig.Partition.State == RpmbPartitionState.KeyNotProgrammed)
                .Label($"write {write}, read {read}, counter {counter}");
        }));
    }
}
