using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Interconnect.Bus;
using Sim.Devices.Gpu;

namespace Sim.Platform.Display;

/// <summary>
/// The display controller of one VM's virtio-gpu scanout (virtio 1.2, 5.7: a scanout shows a resource set with
/// SET_SCANOUT, 5.7.6.7): at every vblank it reads the whole frame, <see cref="GpuDisplayMode.BytesPerFrame"/> bytes,
/// over the bus as <see cref="BusTransfer"/>s owned by the VM, and the frame must be fully read before the next vblank.
/// <para>Timing: frame k's vblank is at <see cref="Phase"/> + <see cref="GpuDisplayMode.FrameStart"/>(k) (no drift);
/// its deadline is frame k + 1's vblank. A read whose last <see cref="BusTransferDone"/> arrives strictly before the
/// deadline is on time; one arriving at or after it is a deadline miss whose lateness is done − deadline (0 for a
/// read done exactly at the vblank: the controller needed the frame at that instant).</para>
/// <para>Dropped frames: one frame is read at a time. If the previous frame is still being read at a vblank, that
/// vblank's frame is skipped (never read, the screen keeps whatever it shows) and counted both in
/// <c>skippedFrames</c> and in <c>deadlineMisses</c>. The late frame still being read is counted as a miss when it
/// completes. So with a bus too slow for the mode every vblank is a miss: either its frame is read late or skipped.
/// A read done exactly at a vblank makes that vblank's frame skipped or not according to the simulator's (deterministic)
/// order of same-time events.</para>
/// <para>Metrics under the actor's path: <c>vblanks</c>, <c>frames</c> (reads started), <c>skippedFrames</c>,
/// <c>deadlineMisses</c>, <c>frameLatency</c> (vblank to last byte, completed reads), <c>lateness</c> (done − deadline,
/// late reads), <c>bytes</c> (B, credited per completed transfer). A finding is reported for the first late read only,
/// with its frame number and lateness; later misses are only counted.</para>
/// </summary>
public sealed class ScanoutActor : Actor
{
    /// <summary>The rule name of the deadline-miss finding.</summary>
    public const string DeadlineMissRule = "gpu-scanout-deadline-miss";

    private static readonly object VblankTimer = new();

    private readonly ActorRef _bus;
    private readonly double? _chunkRateCap;
    private long _readingFrame = -1;
    private long _firstChunkId;
    private int _chunksLeft;
    private long _nextTransferId;
    private bool _missReported;
    private readonly Counter _vblanks;
    private readonly Counter _frames;
    private readonly Counter _skipped;
    private readonly Counter _misses;
    private readonly Counter _bytes;
    private readonly LatencyHistogram _frameLatency;
    private readonly LatencyHistogram _lateness;

    /// <summary>
    /// A scanout of <paramref name="mode"/> reading over <paramref name="bus"/> for VM <paramref name="owner"/>, its
    /// first vblank at <paramref name="phase"/>, each frame read as <paramref name="chunks"/> transfers in flight together,
    /// each no faster than <paramref name="chunkRateCap"/> B/s (null: only the bus limits it).
    /// </summary>
    public ScanoutActor(GpuDisplayMode mode, ActorRef bus, string owner, SimTime phase = default, int chunks = 1, double? chunkRateCap = null)
    {
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (bus.IsNone) throw new ArgumentException("the scanout needs a bus", nameof(bus));
        ArgumentOutOfRangeException.ThrowIfNegative(phase.Picoseconds, nameof(phase));
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        if (chunkRateCap is { } cap && !(cap > 0)) throw new ArgumentOutOfRangeException(nameof(chunkRateCap), chunkRateCap, "a rate cap must be positive");
        Mode = mode;
        _bus = bus;
        Owner = owner;
        Phase = phase;
        Chunks = chunks;
        _chunkRateCap = chunkRateCap;
        _vblanks = NewCounter("vblanks");
        _frames = NewCounter("frames");
        _skipped = NewCounter("skippedFrames");
        _misses = NewCounter("deadlineMisses");
        _bytes = NewCounter("bytes", "B");
        _frameLatency = NewLatencyHistogram("frameLatency");
        _lateness = NewLatencyHistogram("lateness");
    }

    /// <summary>The mode shown: frame size and refresh.</summary>
    public GpuDisplayMode Mode { get; }

    /// <summary>The VM the reads are accounted to on the bus.</summary>
    public string Owner { get; }

    /// <summary>The time of frame 0's vblank, so that several displays do not align.</summary>
    public SimTime Phase { get; }

    /// <summary>Transfers each frame is split into, all in flight together.</summary>
    public int Chunks { get; }

    /// <summary>The vblank of frame <paramref name="frame"/>: <see cref="Phase"/> + <see cref="GpuDisplayMode.FrameStart"/>(frame).</summary>
    public SimTime VblankAt(long frame) => Phase + Mode.FrameStart(frame);

    /// <inheritdoc />
    protected override void OnStart()
    {
        SetTimer(VblankTimer, new Vblank(0), VblankAt(0) - Now);
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case Vblank vblank:
                OnVblank(vblank.Frame);
                SetTimer(VblankTimer, new Vblank(vblank.Frame + 1), VblankAt(vblank.Frame + 1) - Now);
                break;
            case BusTransferDone done:
                OnChunkDone(done);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnVblank(long frame)
    {
        _vblanks.Increment();
        if (_chunksLeft > 0)
        {
            // The previous frame is still being read: this frame is dropped (see the class summary).
            _skipped.Increment();
            _misses.Increment();
            return;
        }
        _frames.Increment();
        _readingFrame = frame;
        _chunksLeft = Chunks;
        _firstChunkId = _nextTransferId + 1;
        for (int i = 0; i < Chunks; i++)
            Send(_bus, new BusTransfer(++_nextTransferId, ScanoutChunks.SizeOf(Mode.BytesPerFrame, Chunks, i), Owner, Self, _chunkRateCap));
    }

    private void OnChunkDone(BusTransferDone done)
    {
        if (_chunksLeft == 0 || done.Id < _firstChunkId || done.Id >= _firstChunkId + Chunks)
            throw new ArgumentException($"scanout '{Id}' got the completion of transfer {done.Id}, which it is not waiting for", nameof(done));
        _bytes.Add(done.Bytes);
        if (--_chunksLeft > 0) return;

        long frame = _readingFrame;
        SimTime now = Now;
        _frameLatency.Record(now - VblankAt(frame));
        SimTime deadline = VblankAt(frame + 1);
        if (now < deadline) return;

        SimTime lateness = now - deadline;
        _misses.Increment();
        _lateness.Record(lateness);
        if (_missReported) return;
        _missReported = true;
        ReportFinding(DeadlineMissRule,
            $"frame {frame} of '{Owner}' ({Mode.Width}x{Mode.Height} at {Mode.RefreshMillihertz} mHz, {Mode.BytesPerFrame} B) was fully read " +
            $"{lateness} after its deadline (the vblank of frame {frame + 1} at {deadline}); later misses are only counted",
            "virtio 1.2, 5.7 (GPU device: scanouts)");
    }

    /// <summary>The vblank of frame <see cref="Frame"/> is due.</summary>
    private sealed record Vblank(long Frame);
}
