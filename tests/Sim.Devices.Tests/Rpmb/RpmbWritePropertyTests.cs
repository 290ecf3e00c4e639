using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Rpmb;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Rpmb;

/// <summary>
/// Properties (b), (c) and (g) of authenticated writes and reads on a programmed partition (virtio 1.2, 5.12.6.1.2-4,
/// 5.12.6.3): the counter counts successful writes, reads return what was last written, a replayed write is refused
/// with COUNT_FAILURE, and read and get-counter responses verify under the key and echo the nonce.
/// </summary>
public sealed class RpmbWritePropertyTests
{
    [Fact]
    public void Valid_writes_advance_the_counter_by_one_each_and_reads_return_the_last_data_written()
    {
        var gen = from key in RpmbGen.Key from writes in RpmbGen.Writes(1, 12) from nonce in RpmbGen.Nonce select (key, writes, nonce);
        Check.One(PropertyRuns.Config(100), Prop.ForAll(Arb.From(gen), t =>
        {
            var rig = RpmbRig.Programmed(t.key);
            var model = new byte[rig.Partition.Contents.Length];
            for (int i = 0; i < t.writes.Length; i++)
            {
                RpmbWrite w = t.writes[i];
                var (outcome, response) = rig.Send(rig.Client.DataWrite((uint)i, w.Address, w.Data), 1);
                bool counted = outcome.Result == RpmbResult.Ok && rig.Partition.WriteCounter == i + 1
                    && RpmbFrameFields.WriteCounter(response) == i + 1 && RpmbFrameFields.Address(response) == w.Address
                    && rig.Client.Check(response, RpmbResponseType.DataWrite) == RpmbResponseCheck.Valid;
                if (!counted) return false.Label($"write {i} ({w}): {outcome}, counter {rig.Partition.WriteCounter}");
                w.Data.CopyTo(model, w.Address * RpmbLayout.BlockSize);
            }
            foreach (RpmbWrite w in t.writes)
            {
                byte[] read = rig.ReadVerified(w.Address, w.Blocks, t.nonce);
                if (!read.AsSpan().SequenceEqual(model.AsSpan(w.Address * RpmbLayout.BlockSize, read.Length)))
                    return false.Label($"read of {w} differs from the last data written there");
            }
            return rig.Partition.Contents.SequenceEqual(model).Label("contents differ from the model");
        }));
    }

    [Fact]
    public void A_replayed_write_is_refused_with_count_failure_and_changes_nothing()
    {
        var gen = from key in RpmbGen.Key
                  from writes in RpmbGen.Writes(1, 8)
                  from replayed in Gen.Choose(0, writes.Length - 1)
                  from withResultRead in Gen.Elements(true, false)
                  select (key, writes, replayed, withResultRead);
        Check.One(PropertyRuns.Config(100), Prop.ForAll(Arb.From(gen), t =>
        {
            var rig = RpmbRig.Programmed(t.key);
            var sent = new List<byte[]>();
            for (int i = 0; i < t.writes.Length; i++)
            {
                byte[] request = rig.Client.DataWrite((uint)i, t.writes[i].Address, t.writes[i].Data, t.withResultRead);
                Assert.Equal(RpmbResult.Ok, rig.Send(request, 1).Outcome.Result);
                sent.Add(request);
            }
            var before = rig.Snapshot();
            var (outcome, response) = rig.Send(sent[t.replayed], 1);
            bool answered = !t.withResultRead || RpmbFrameFields.Result(response) == RpmbResult.CountFailure;
            return (outcome.Result == RpmbResult.CountFailure && answered && rig.Unchanged(before))
                .Label($"replay of write {t.replayed}: {outcome}");
        }));
    }

    [Fact]
    public void Read_responses_verify_under_the_key_and_echo_the_nonce()
    {
        var gen = from key in RpmbGen.Key
                  from writes in RpmbGen.Writes(0, 6)
                  from blocks in Gen.Choose(1, RpmbRig.SmallConfig.MaxReadCount)
                  from address in Gen.Choose(0, RpmbRig.SmallConfig.Blocks - blocks)
                  from nonce in RpmbGen.Nonce
                  select (key, writes, address: (ushort)address, blocks: (ushort)blocks, nonce);
        Check.One(PropertyRuns.Config(100), Prop.ForAll(Arb.From(gen), t =>
        {
            var rig = RpmbRig.Programmed(t.key);
            for (int i = 0; i < t.writes.Length; i++)
                rig.Send(rig.Client.DataWrite((uint)i, t.writes[i].Address, t.writes[i].Data), 1);

            var (read, frames) = rig.Send(RpmbClient.DataRead(t.address, t.blocks, t.nonce), t.blocks);
            RpmbResponseCheck readCheck = rig.Client.Check(frames, RpmbResponseType.DataRead, t.nonce);
            bool dataMatches = Enumerable.Range(0, t.blocks).All(i =>
                RpmbFrameFields.Data(frames.AsSpan(i * RpmbLayout.FrameSize))
                    .SequenceEqual(rig.Partition.Contents.Slice((t.address + i) * RpmbLayout.BlockSize, RpmbLayout.BlockSize)));

            var (counter, counterFrame) = rig.Send(RpmbClient.GetWriteCounter(t.nonce), 1);
            RpmbResponseCheck counterCheck = rig.Client.Check(counterFrame, RpmbResponseType.GetCounter, t.nonce);

            return (read.Result == RpmbResult.Ok && read.ResponseFrames == t.blocks && readCheck == RpmbResponseCheck.Valid && dataMatches
                    && counter.Result == RpmbResult.Ok && counterCheck == RpmbResponseCheck.Valid
                    && RpmbFrameFields.WriteCounter(counterFrame) == t.writes.Length)
                .Label($"read {read} {readCheck}, data {dataMatches}; counter {counter} {counterCheck}");
        }));
    }
}
