using L = Sim.Devices.Rpmb.RpmbLayout;

namespace Sim.Devices.Rpmb;

/// <summary>The four operations of the RPMB partition, each checked in the order of its device requirements (virtio 1.2, 5.12.6.1.1-4).</summary>
public sealed partial class RpmbPartition
{
    /// <summary>
    /// Program key (5.12.6.1.1): <c>block_count</c> must be 1, else GENERAL_FAILURE; the key is one-time programmable
    /// (5.12.6.3), so a second program-key fails with GENERAL_FAILURE ("some other error"), as eMMC (6.6.22.4.1) does.
    /// </summary>
    private RpmbResultRegister ProgramKey(ReadOnlySpan<byte> frame)
    {
        RpmbResult result = RpmbFrameFields.BlockCount(frame) != 1 || _keyProgrammed ? RpmbResult.GeneralFailure : RpmbResult.Ok;
        if (result == RpmbResult.Ok)
        {
            RpmbFrameFields.KeyMac(frame).CopyTo(_key);
            _keyProgrammed = true;
        }
        return new RpmbResultRegister(RpmbResponseType.ProgramKey, result, 0, 0);
    }

    /// <summary>
    /// Data write (5.12.6.1.3), in the specification's order: no key → NO_AUTH_KEY; <c>block_count</c> zero or above
    /// <c>max_wr_cnt</c> → GENERAL_FAILURE; counter expired → WRITE_FAILURE with the WRITE_COUNTER_EXPIRED flag; blocks
    /// out of range → ADDR_FAILURE; MAC mismatch → AUTH_FAILURE; counter not the device's → COUNT_FAILURE; else the
    /// blocks are written from <c>address</c> on and the counter goes up by one. The first frame's counter, address
    /// and block count govern; the MAC is the last frame's, over all the frames.
    /// </summary>
    private RpmbResultRegister DataWrite(ReadOnlySpan<byte> frames)
    {
        ushort address = RpmbFrameFields.Address(frames);
        ushort blockCount = RpmbFrameFields.BlockCount(frames);
        RpmbResult result =
            !_keyProgrammed ? RpmbResult.NoAuthKey
            : !Config.AllowsWriteOf(blockCount) ? RpmbResult.GeneralFailure
            : WriteCounter == uint.MaxValue ? RpmbResult.WriteFailure
            : !InRange(address, blockCount) ? RpmbResult.AddrFailure
            : !RpmbMac.Verify(_key, frames) ? RpmbResult.AuthFailure
            : RpmbFrameFields.WriteCounter(frames) != WriteCounter ? RpmbResult.CountFailure
            : RpmbResult.Ok;
        if (result == RpmbResult.Ok)
        {
            for (int i = 0; i < blockCount; i++)
                RpmbFrameFields.Data(frames.Slice(i * L.FrameSize, L.FrameSize)).CopyTo(_blocks.AsSpan((address + i) * L.BlockSize, L.BlockSize));
            WriteCounter++;
        }
        return new RpmbResultRegister(RpmbResponseType.DataWrite, result, WriteCounter, address);
    }

    /// <summary>
    /// Get write counter (5.12.6.1.2): no key → NO_AUTH_KEY; <c>block_count</c> not 1 → GENERAL_FAILURE; else the
    /// counter. The response echoes the nonce and is MAC'd when a key exists (5.12.6).
    /// </summary>
    private RpmbOutcome GetWriteCounter(ReadOnlySpan<byte> request, Span<byte> frame)
    {
        RpmbResult result =
            !_keyProgrammed ? RpmbResult.NoAuthKey
            : RpmbFrameFields.BlockCount(request) != 1 ? RpmbResult.GeneralFailure
            : RpmbResult.Ok;
        bool ok = result == RpmbResult.Ok;
        result = WithExpiry(result);
        frame.Clear();
        RpmbFrameFields.Nonce(request).CopyTo(RpmbFrameFields.Nonce(frame));
        RpmbFrameFields.SetWriteCounter(frame, ok ? WriteCounter : 0);
        RpmbFrameFields.SetResult(frame, result);
        RpmbFrameFields.SetReqResp(frame, (ushort)RpmbResponseType.GetCounter);
        SignIfKeyed(frame);
        return new RpmbOutcome(result, 1, RpmbRefusal.None);
    }

    /// <summary>
    /// Data read (5.12.6.1.4): no key → NO_AUTH_KEY; <c>block_count</c> zero or above <c>max_rd_cnt</c> →
    /// GENERAL_FAILURE; blocks out of range → ADDR_FAILURE; else <c>block_count</c> frames, each with its block, the
    /// nonce, address, block count and result, the MAC in the last over all of them. A failure is one such frame
    /// without data. Reading changes nothing, so a response too small for the answer is refused after the checks.
    /// </summary>
    private RpmbOutcome DataRead(ReadOnlySpan<byte> request, Span<byte> response)
    {
        ushort address = RpmbFrameFields.Address(request);
        ushort blockCount = RpmbFrameFields.BlockCount(request);
        RpmbResult result =
            !_keyProgrammed ? RpmbResult.NoAuthKey
            : !Config.AllowsReadOf(blockCount) ? RpmbResult.GeneralFailure
            : !InRange(address, blockCount) ? RpmbResult.AddrFailure
            : RpmbResult.Ok;
        bool ok = result == RpmbResult.Ok;
        int frames = ok ? blockCount : 1;
        if (response.Length < frames * L.FrameSize) return RpmbOutcome.Refused(RpmbRefusal.ResponseTooSmall);
        result = WithExpiry(result);
        Span<byte> answer = response[..(frames * L.FrameSize)];
        answer.Clear();
        for (int i = 0; i < frames; i++)
        {
            Span<byte> frame = answer.Slice(i * L.FrameSize, L.FrameSize);
            if (ok)
                _blocks.AsSpan((address + i) * L.BlockSize, L.BlockSize).CopyTo(RpmbFrameFields.Data(frame));
            RpmbFrameFields.Nonce(request).CopyTo(RpmbFrameFields.Nonce(frame));
            RpmbFrameFields.SetAddress(frame, address);
            RpmbFrameFields.SetBlockCount(frame, blockCount);
            RpmbFrameFields.SetResult(frame, result);
            RpmbFrameFields.SetReqResp(frame, (ushort)RpmbResponseType.DataRead);
        }
        SignIfKeyed(answer);
        return new RpmbOutcome(result, frames, RpmbRefusal.None);
    }

    /// <summary>Whether blocks <paramref name="address"/> to <paramref name="address"/> + <paramref name="count"/> - 1 exist (5.12.6.1.3, 5.12.6.1.4).</summary>
    private bool InRange(ushort address, ushort count) => address + count <= Config.Blocks;
}
