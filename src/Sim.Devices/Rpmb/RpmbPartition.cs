using L = Sim.Devices.Rpmb.RpmbLayout;

namespace Sim.Devices.Rpmb;

/// <summary>
/// The device side of virtio-rpmb (virtio 1.2, 5.12): a simulated eMMC RPMB partition (JESD84-B51, 6.6.22) holding the
/// one-time authentication key, the monotonic write counter, the 256-byte blocks and the result register that
/// RESULT_READ returns. <see cref="Process"/> takes one virtqueue request (its device-readable frames) and fills its
/// device-writable frames. Deterministic and single-threaded; nothing throws for a bad frame.
/// </summary>
public sealed partial class RpmbPartition
{
    private readonly byte[] _blocks;
    private readonly byte[] _key = new byte[L.KeySize];
    private bool _keyProgrammed;
    private RpmbResultRegister _register = RpmbResultRegister.Empty;

    /// <summary>
    /// A partition of <paramref name="config"/>'s capacity, zero-filled, key not programmed, write counter
    /// <paramref name="writeCounter"/> (0 for a new device; another value restores a counter that "MUST be kept
    /// regardless of device reset or reboot", 5.12.6.3).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is above 0x80 (5.12.4).</exception>
    public RpmbPartition(RpmbConfig config, uint writeCounter = 0)
    {
        if (!config.IsValid)
            throw new ArgumentOutOfRangeException(nameof(config), config.Capacity, "capacity ranges from 0x00 to 0x80 (virtio 1.2, 5.12.4)");
        Config = config;
        WriteCounter = writeCounter;
        _blocks = new byte[config.Blocks * L.BlockSize];
    }

    /// <summary>The configuration space the device exposes (5.12.4).</summary>
    public RpmbConfig Config { get; }

    /// <summary>The write counter: successful authenticated writes so far, saturating at 0xFFFF_FFFF (5.12.6.3).</summary>
    public uint WriteCounter { get; private set; }

    /// <summary>Where the partition is in its one-way life (5.12.6.3).</summary>
    public RpmbPartitionState State =>
        !_keyProgrammed ? RpmbPartitionState.KeyNotProgrammed
        : WriteCounter == uint.MaxValue ? RpmbPartitionState.CounterExpired
        : RpmbPartitionState.Programmed;

    /// <summary>The stored blocks, for the simulator's checks only: the driver reaches them through authenticated reads (5.12.6.3).</summary>
    public ReadOnlySpan<byte> Contents => _blocks;

    /// <summary>
    /// Carries out one request (5.12.6): <paramref name="request"/> is the device-readable frames, <paramref name="response"/>
    /// the device-writable part. A program-key or a data write of <c>block_count</c> frames may be followed by a
    /// RESULT_READ frame, answered with one frame; a get-counter is answered with one frame, a data read with
    /// <c>block_count</c> frames (one frame when it fails), a lone RESULT_READ with one frame. A malformed request is
    /// refused (<see cref="RpmbRefusal"/>) and changes nothing.
    /// </summary>
    public RpmbOutcome Process(ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (request.IsEmpty || request.Length % L.FrameSize != 0) return RpmbOutcome.Refused(RpmbRefusal.NotWholeFrames);
        int frames = request.Length / L.FrameSize;
        ushort type = RpmbFrameFields.ReqResp(request);
        ReadOnlySpan<byte> last = request[^L.FrameSize..];
        bool resultRead = frames > 1 && RpmbFrameFields.ReqResp(last) == (ushort)RpmbRequestType.ResultRead;
        int operationFrames = resultRead ? frames - 1 : frames;
        int responseRoom = response.Length / L.FrameSize;

        switch ((RpmbRequestType)type)
        {
            case RpmbRequestType.ProgramKey:
                if (operationFrames != 1) return RpmbOutcome.Refused(RpmbRefusal.FrameCountMismatch);
                if (resultRead && responseRoom < 1) return RpmbOutcome.Refused(RpmbRefusal.ResponseTooSmall);
                _register = ProgramKey(request[..L.FrameSize]);
                return Answer(_register, resultRead ? last : default, response);

            case RpmbRequestType.DataWrite:
                ushort blockCount = RpmbFrameFields.BlockCount(request);
                if (blockCount != 0 && operationFrames != blockCount) return RpmbOutcome.Refused(RpmbRefusal.FrameCountMismatch);
                if (resultRead && responseRoom < 1) return RpmbOutcome.Refused(RpmbRefusal.ResponseTooSmall);
                _register = DataWrite(request[..(operationFrames * L.FrameSize)]);
                return Answer(_register, resultRead ? last : default, response);

            case RpmbRequestType.GetWriteCounter:
                if (frames != 1) return RpmbOutcome.Refused(RpmbRefusal.FrameCountMismatch);
                if (responseRoom < 1) return RpmbOutcome.Refused(RpmbRefusal.ResponseTooSmall);
                return GetWriteCounter(request, response[..L.FrameSize]);

            case RpmbRequestType.DataRead:
                if (frames != 1) return RpmbOutcome.Refused(RpmbRefusal.FrameCountMismatch);
                return DataRead(request, response);

            case RpmbRequestType.ResultRead:
                if (frames != 1) return RpmbOutcome.Refused(RpmbRefusal.FrameCountMismatch);
                if (responseRoom < 1) return RpmbOutcome.Refused(RpmbRefusal.ResponseTooSmall);
                return Answer(_register, request, response);

            default:
                return RpmbOutcome.Refused(RpmbRefusal.UnknownRequestType);
        }
    }

    /// <summary>
    /// Answers a RESULT_READ frame (when given) with the result register: its response type, counter, address and
    /// result, MAC'd when a key exists (5.12.6, 5.12.6.1.5). A RESULT_READ whose <c>block_count</c> is not 1 is answered
    /// GENERAL_FAILURE (5.12.6.1.5). Without a RESULT_READ frame the device returns no frame (5.12.6).
    /// </summary>
    private RpmbOutcome Answer(RpmbResultRegister register, ReadOnlySpan<byte> resultReadFrame, Span<byte> response)
    {
        RpmbResult registered = WithExpiry(register.Result);
        if (resultReadFrame.IsEmpty) return new RpmbOutcome(registered, 0, RpmbRefusal.None);
        RpmbResult answered = RpmbFrameFields.BlockCount(resultReadFrame) == 1 ? registered : WithExpiry(RpmbResult.GeneralFailure);
        Span<byte> frame = response[..L.FrameSize];
        frame.Clear();
        RpmbFrameFields.SetReqResp(frame, (ushort)register.ResponseType);
        RpmbFrameFields.SetWriteCounter(frame, register.WriteCounter);
        RpmbFrameFields.SetAddress(frame, register.Address);
        RpmbFrameFields.SetResult(frame, answered);
        SignIfKeyed(frame);
        return new RpmbOutcome(answered, 1, RpmbRefusal.None);
    }

    /// <summary><paramref name="result"/> with the WRITE_COUNTER_EXPIRED flag once the counter is at its maximum (5.12.6.3).</summary>
    private RpmbResult WithExpiry(RpmbResult result) =>
        WriteCounter == uint.MaxValue ? result | RpmbResult.WriteCounterExpired : result;

    /// <summary>Writes the MAC of <paramref name="frames"/> into the last one when a key exists; leaves zeros otherwise (5.12.6.1).</summary>
    private void SignIfKeyed(Span<byte> frames)
    {
        if (_keyProgrammed) RpmbMac.Sign(_key, frames);
    }
}
