using Sim.Devices.Rpmb;

namespace Sim.Devices.Tests.Rpmb;

/// <summary>
/// Worked examples of the device requirements (virtio 1.2, 5.12.6.1.1-5, 5.12.6.3): one-time key, block-count limits,
/// address range, the result register, counter expiry, and requests refused as malformed.
/// </summary>
public sealed class RpmbPartitionExampleTests
{
    private static readonly byte[] KeyA = Enumerable.Range(0, 32).Select(i => (byte)(i + 1)).ToArray();
    private static readonly byte[] KeyB = Enumerable.Range(0, 32).Select(i => (byte)(0xFF - i)).ToArray();
    private static readonly byte[] Nonce = Enumerable.Range(0, 16).Select(i => (byte)(0x30 + i)).ToArray();
    private static readonly byte[] OneBlock = Enumerable.Repeat((byte)0xC3, RpmbLayout.BlockSize).ToArray();

    [Fact]
    public void Programming_the_key_answers_resp_program_key_ok_under_the_new_key()
    {
        var rig = new RpmbRig(KeyA);
        var (outcome, response) = rig.Send(rig.Client.ProgramKey(), 1);
        Assert.Equal(new RpmbOutcome(RpmbResult.Ok, 1, RpmbRefusal.None), outcome);
        Assert.Equal(RpmbResponseCheck.Valid, rig.Client.Check(response, RpmbResponseType.ProgramKey));
        Assert.Equal(RpmbPartitionState.Programmed, rig.Partition.State);
    }

    [Fact]
    public void A_second_program_key_fails_with_general_failure_and_the_first_key_stays()
    {
        var rig = RpmbRig.Programmed(KeyA);
        var (outcome, response) = rig.Send(new RpmbClient(KeyB).ProgramKey(), 1);
        Assert.Equal(RpmbResult.GeneralFailure, outcome.Result);
        Assert.Equal(RpmbResponseCheck.Valid, rig.Client.Check(response, RpmbResponseType.ProgramKey));
        Assert.Equal(RpmbResult.Ok, rig.Send(rig.Client.DataWrite(0, 0, OneBlock), 1).Outcome.Result);
    }

    [Fact]
    public void A_program_key_with_block_count_other_than_1_fails_and_leaves_no_key()
    {
        var rig = new RpmbRig(KeyA);
        byte[] request = rig.Client.ProgramKey();
        RpmbFrameFields.SetBlockCount(request, 0);
        Assert.Equal(RpmbResult.GeneralFailure, rig.Send(request, 1).Outcome.Result);
        Assert.Equal(RpmbPartitionState.KeyNotProgrammed, rig.Partition.State);
    }

    [Fact]
    public void A_write_without_result_read_returns_no_frame_and_a_later_result_read_returns_its_result()
    {
        var rig = RpmbRig.Programmed(KeyA);
        var (write, none) = rig.Send(rig.Client.DataWrite(0, 7, OneBlock, withResultRead: false), 1);
        Assert.Equal((RpmbResult.Ok, 0), (write.Result, none.Length));

        var (read, frame) = rig.Send(RpmbClient.ResultRead(), 1);
        Assert.Equal(RpmbResult.Ok, read.Result);
        Assert.Equal(RpmbResponseCheck.Valid, rig.Client.Check(frame, RpmbResponseType.DataWrite));
        Assert.Equal((1u, (ushort)7), (RpmbFrameFields.WriteCounter(frame), RpmbFrameFields.Address(frame)));
    }

    [Fact]
    public void A_result_read_with_block_count_other_than_1_gets_general_failure()
    {
        var rig = RpmbRig.Programmed(KeyA);
        byte[] request = RpmbClient.ResultRead();
        RpmbFrameFields.SetBlockCount(request, 0);
        Assert.Equal(RpmbResult.GeneralFailure, rig.Send(request, 1).Outcome.Result);
    }

    [Fact]
    public void Block_counts_above_max_wr_cnt_and_max_rd_cnt_get_general_failure_and_zero_means_no_limit()
    {
        var limited = RpmbRig.Programmed(KeyA, new RpmbConfig(1, MaxWriteCount: 2, MaxReadCount: 2));
        byte[] threeBlocks = [.. OneBlock, .. OneBlock, .. OneBlock];
        Assert.Equal(RpmbResult.GeneralFailure, limited.Send(limited.Client.DataWrite(0, 0, threeBlocks), 1).Outcome.Result);
        Assert.Equal(RpmbResult.GeneralFailure, limited.Send(RpmbClient.DataRead(0, 3, Nonce), 3).Outcome.Result);
        Assert.Equal(RpmbResult.GeneralFailure, limited.Send(RpmbClient.DataRead(0, 0, Nonce), 1).Outcome.Result);
        Assert.Equal(0u, limited.Partition.WriteCounter);

        var unlimited = RpmbRig.Programmed(KeyA, new RpmbConfig(1, MaxWriteCount: 0, MaxReadCount: 0));
        Assert.Equal(RpmbResult.Ok, unlimited.Send(unlimited.Client.DataWrite(0, 0, threeBlocks), 1).Outcome.Result);
        Assert.Equal(threeBlocks, unlimited.ReadVerified(0, 3, Nonce));
    }

    [Fact]
    public void Blocks_past_the_capacity_get_addr_failure()
    {
        var rig = RpmbRig.Programmed(KeyA);
        byte[] twoBlocks = [.. OneBlock, .. OneBlock];
        Assert.Equal(RpmbResult.AddrFailure, rig.Send(rig.Client.DataWrite(0, 511, twoBlocks), 1).Outcome.Result);
        Assert.Equal(RpmbResult.AddrFailure, rig.Send(RpmbClient.DataRead(512, 1, Nonce), 1).Outcome.Result);
        Assert.Equal(RpmbResult.Ok, rig.Send(rig.Client.DataWrite(0, 510, twoBlocks), 1).Outcome.Result);
    }

    [Fact]
    public void A_stale_or_future_counter_gets_count_failure()
    {
        var rig = RpmbRig.Programmed(KeyA, writeCounter: 5);
        Assert.Equal(RpmbResult.CountFailure, rig.Send(rig.Client.DataWrite(4, 0, OneBlock), 1).Outcome.Result);
        Assert.Equal(RpmbResult.CountFailure, rig.Send(rig.Client.DataWrite(6, 0, OneBlock), 1).Outcome.Result);
        Assert.Equal(RpmbResult.Ok, rig.Send(rig.Client.DataWrite(5, 0, OneBlock), 1).Outcome.Result);
    }

    [Fact]
    public void The_counter_saturates_at_its_maximum_then_writes_fail_and_every_result_carries_the_expired_flag()
    {
        var rig = RpmbRig.Programmed(KeyA, writeCounter: uint.MaxValue - 1);
        var (last, lastFrame) = rig.Send(rig.Client.DataWrite(uint.MaxValue - 1, 3, OneBlock), 1);
        Assert.Equal(RpmbResult.WriteCounterExpired, last.Result);
        Assert.Equal(uint.MaxValue, RpmbFrameFields.WriteCounter(lastFrame));
        Assert.Equal(RpmbPartitionState.CounterExpired, rig.Partition.State);

        var before = rig.Snapshot();
        byte[] other = Enumerable.Repeat((byte)0x11, RpmbLayout.BlockSize).ToArray();
        var (refused, _) = rig.Send(rig.Client.DataWrite(uint.MaxValue, 3, other), 1);
        Assert.Equal(RpmbResult.WriteCounterExpired | RpmbResult.WriteFailure, refused.Result);
        Assert.True(rig.Unchanged(before));

        var (read, frames) = rig.Send(RpmbClient.DataRead(3, 1, Nonce), 1);
        Assert.Equal(RpmbResult.WriteCounterExpired, read.Result);
        Assert.Equal(RpmbResponseCheck.Valid, rig.Client.Check(frames, RpmbResponseType.DataRead, Nonce));
        Assert.Equal(OneBlock, RpmbFrameFields.Data(frames).ToArray());
    }

    [Fact]
    public void Get_write_counter_needs_block_count_1()
    {
        var rig = RpmbRig.Programmed(KeyA);
        byte[] request = RpmbClient.GetWriteCounter(Nonce);
        RpmbFrameFields.SetBlockCount(request, 0);
        var (outcome, frame) = rig.Send(request, 1);
        Assert.Equal(RpmbResult.GeneralFailure, outcome.Result);
        Assert.Equal(RpmbResponseCheck.Valid, rig.Client.Check(frame, RpmbResponseType.GetCounter, Nonce));
    }

    [Fact]
    public void A_response_checked_with_another_key_or_nonce_is_rejected()
    {
        var rig = RpmbRig.Programmed(KeyA);
        var (_, frame) = rig.Send(RpmbClient.GetWriteCounter(Nonce), 1);
        Assert.Equal(RpmbResponseCheck.BadMac, new RpmbClient(KeyB).Check(frame, RpmbResponseType.GetCounter, Nonce));
        Assert.Equal(RpmbResponseCheck.NonceMismatch, rig.Client.Check(frame, RpmbResponseType.GetCounter, new byte[16]));
        Assert.Equal(RpmbResponseCheck.WrongResponseType, rig.Client.Check(frame, RpmbResponseType.DataRead, Nonce));
        Assert.Equal(RpmbResponseCheck.NotWholeFrames, rig.Client.Check(frame.AsSpan(1), RpmbResponseType.GetCounter, Nonce));
    }

    public static TheoryData<string, int, RpmbRefusal, string> Malformed => new()
    {
        { "empty", 1, RpmbRefusal.NotWholeFrames, "5.12.6.1" },
        { "half frame", 1, RpmbRefusal.NotWholeFrames, "5.12.6.1" },
        { "unknown req_resp", 1, RpmbRefusal.UnknownRequestType, "5.12.6" },
        { "response type as request", 1, RpmbRefusal.UnknownRequestType, "5.12.6" },
        { "write of 2 blocks in 1 frame", 1, RpmbRefusal.FrameCountMismatch, "5.12.6.1" },
        { "get counter of 2 frames", 1, RpmbRefusal.FrameCountMismatch, "5.12.6.1" },
        { "read into 1 frame of room for 2", 1, RpmbRefusal.ResponseTooSmall, "5.12.6.1" },
        { "write with result read and no room", 0, RpmbRefusal.ResponseTooSmall, "5.12.6.1" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_request_is_refused_naming_its_section_and_changes_nothing(string shape, int room, RpmbRefusal refusal, string section)
    {
        var rig = RpmbRig.Programmed(KeyA);
        Assert.Equal(RpmbResult.Ok, rig.Send(rig.Client.DataWrite(0, 0, OneBlock), 1).Outcome.Result);
        var before = rig.Snapshot();
        byte[] request = MalformedRequest(rig, shape);

        var (outcome, response) = rig.Send(request, room);

        Assert.Equal(RpmbOutcome.Refused(refusal), outcome);
        Assert.Equal(section, outcome.SpecSection);
        Assert.Empty(response);
        Assert.True(rig.Unchanged(before));
        Assert.Equal(RpmbResponseType.DataWrite, (RpmbResponseType)RpmbFrameFields.ReqResp(rig.Send(RpmbClient.ResultRead(), 1).Response));
    }

    private static byte[] MalformedRequest(RpmbRig rig, string shape)
    {
        byte[] write = rig.Client.DataWrite(1, 0, OneBlock);
        switch (shape)
        {
            case "empty": return [];
            case "half frame": return write[..256];
            case "unknown req_resp": RpmbFrameFields.SetReqResp(write, 0x0009); return write;
            case "response type as request": RpmbFrameFields.SetReqResp(write, (ushort)RpmbResponseType.DataWrite); return write;
            case "write of 2 blocks in 1 frame": RpmbFrameFields.SetBlockCount(write, 2); return write;
            case "get counter of 2 frames": return [.. RpmbClient.GetWriteCounter(Nonce), .. RpmbClient.GetWriteCounter(Nonce)];
            case "read into 1 frame of room for 2": return RpmbClient.DataRead(0, 2, Nonce);
            case "write with result read and no room": return write;
            default: throw new ArgumentException(shape, nameof(shape));
        }
    }
}
