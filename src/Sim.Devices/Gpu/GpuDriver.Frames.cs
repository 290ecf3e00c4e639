using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Gpu;

/// <summary>
/// The compositor's frames and cursor in <see cref="GpuDriver"/> (virtio 1.2, 5.7.6.8 and 5.7.6.10). The display's
/// vertical blanks fall at <see cref="GpuWorkload.Phase"/> plus whole refresh periods (<see cref="GpuDisplayMode.FrameStart"/>),
/// and so does the compositor's render clock, as a guest with a vblank timer renders. At each vblank, unless the last
/// frame's flush is still in flight (then the frame is dropped: <c>framesDropped</c>), it redraws a band of rows
/// (moving down the screen frame by frame) into the framebuffer, costing <c>gpu.guest.drawBandwidth</c>, and sends
/// TRANSFER_TO_HOST_2D and a fenced RESOURCE_FLUSH of the band with one kick. When the flush's fence comes back the
/// frame is on the host, and shows at the next vblank: <c>frameLatency</c> runs from the frame's vblank to that one (a
/// whole number of periods), <c>flushLatency</c> to the fence's arrival, and a frame shown after the vblank that
/// follows its own missed its deadline (<c>deadlineMisses</c>). Cursor moves go on the cursorq as often as the
/// workload says, from a few command buffers; a move with none free is skipped (<c>cursorStalls</c>).
/// </summary>
public sealed partial class GpuDriver
{
    private sealed class FrameDue { public static readonly FrameDue Instance = new(); }

    private sealed class CursorDue { public static readonly CursorDue Instance = new(); }

    private readonly Counter _frames, _dropped, _misses, _cursorMoves, _cursorStalls;
    private readonly LatencyHistogram _frameLatency, _flushLatency;
    private readonly DmaBuffer[] _cursorBuffers = new DmaBuffer[GpuGuestLayout.CursorBuffers];
    private readonly bool[] _cursorBusy = new bool[GpuGuestLayout.CursorBuffers];
    private readonly byte[] _cursorCommand = new byte[GpuLayout.UpdateCursor.Size];
    private byte[] _row = [];
    private bool _frameInFlight, _running;
    private long _frame, _shownFrame;
    private ulong _fence;
    private uint _cursorX, _cursorY;

    /// <summary>Vertical blank <paramref name="n"/>.</summary>
    private SimTime Vblank(long n) => _workload.Phase + _workload.Mode.FrameStart(n);

    /// <summary>The first vertical blank at or after <paramref name="time"/>.</summary>
    private long VblankAtOrAfter(SimTime time)
    {
        if (time <= _workload.Phase) return 0;
        long n = (long)((time - _workload.Phase).Picoseconds / (double)_workload.Mode.FramePeriod.Picoseconds);
        while (n > 0 && Vblank(n - 1) >= time) n--;
        while (Vblank(n) < time) n++;
        return n;
    }

    /// <summary>Set-up is done: show the cursor, start the render clock at the next vblank and the cursor's moves.</summary>
    private void StartFrames()
    {
        _running = true;
        _cursorX = _workload.Mode.Width / 2;
        _cursorY = _workload.Mode.Height / 2;
        PostCursor(GpuUpdateCursor.Update(0, _cursorX, _cursorY, CursorId));
        _frame = VblankAtOrAfter(Now + Spent);
        SetTimer(FrameDue.Instance, FrameDue.Instance, Vblank(_frame) - Now);
        if (_workload.CursorMoves > 0) SetTimer(CursorDue.Instance, CursorDue.Instance, SimTime.FromSeconds(1 / _workload.CursorMoves));
    }

    /// <inheritdoc />
    protected override void OnMessage(object message, ActorRef sender)
    {
        switch (message)
        {
            case FrameDue: if (_running) Render(); break;
            case CursorDue when _running:
                SetTimer(CursorDue.Instance, CursorDue.Instance, SimTime.FromSeconds(1 / _workload.CursorMoves));
                _cursorX = (uint)Math.Clamp(_cursorX + Random.Next(-8, 9), 0, _workload.Mode.Width - 1);
                _cursorY = (uint)Math.Clamp(_cursorY + Random.Next(-8, 9), 0, _workload.Mode.Height - 1);
                PostCursor(GpuUpdateCursor.Move(0, _cursorX, _cursorY));
                break;
            case CursorDue: break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>This vblank's frame: drawn and sent, or dropped when the last one is still in flight.</summary>
    private void Render()
    {
        long frame = _frame++;
        SetTimer(FrameDue.Instance, FrameDue.Instance, Vblank(_frame) - Now);
        if (_frameInFlight)
        {
            _dropped.Increment();
            return;
        }
        var mode = _workload.Mode;
        uint rows = _workload.DirtyRows;
        uint top = (uint)(frame * rows % (mode.Height - rows + 1));
        Draw(frame, top, rows);
        var band = new GpuRect(0, top, mode.Width, rows);
        _frameInFlight = true;
        _shownFrame = frame;
        Enqueue(GpuTransferToHost2D.Create(band, top * (ulong)mode.Stride, FramebufferId).Encode(), Purpose.FrameTransfer, GpuLayout.RespOkNoData, pixels: mode.BytesFor(band));
        ulong fence = ++_fence;
        Enqueue(GpuResourceFlush.Create(band, FramebufferId, fence).Encode(), Purpose.FrameFlush, GpuLayout.RespOkNoData, fence);
    }


    /// <summary>Renders rows [<paramref name="top"/>, +<paramref name="rows"/>) of frame <paramref name="frame"/>: each row one byte value of frame and row.</summary>
    private void Draw(long frame, uint top, uint rows)
    {
        int stride = (int)_workload.Mode.Stride;
        if (_row.Length != stride) _row = new byte[stride];
        for (uint r = 0; r < rows; r++)
        {
            _row.AsSpan().Fill(PixelByte(frame, top + r));
            Memory.Write(_layout.Framebuffer + (ulong)(top + r) * (ulong)stride, _row);
        }
        Spend(_gpuCosts.DrawBandwidth.ForBytes((long)rows * stride));
        long first = (long)top * stride / _workload.BackingEntryBytes, last = ((long)(top + rows) * stride - 1) / _workload.BackingEntryBytes;
        for (long run = first; run <= last; run++) SyncForDevice(_framebuffer[run]);
    }

    /// <summary>The byte every pixel of row <paramref name="row"/> of frame <paramref name="frame"/> is drawn with.</summary>
    public static byte PixelByte(long frame, uint row) => (byte)(frame * 7 + row);

    /// <summary>The flush's fence came back: the frame shows at the next vblank.</summary>
    private void OnFrameShown()
    {
        _frameInFlight = false;
        var known = Now + Spent;
        var due = Vblank(_shownFrame);
        long shown = VblankAtOrAfter(known);
        _flushLatency.Record(known - due);
        _frameLatency.Record(Vblank(shown) - due);
        _frames.Increment();
        if (shown > _shownFrame + 1) _misses.Increment();
    }

    /// <summary>Puts a cursor command on the cursorq from a free command buffer, or counts a stall.</summary>
    private void PostCursor(GpuUpdateCursor command)
    {
        int free = Array.IndexOf(_cursorBusy, false);
        if (free < 0)
        {
            _cursorStalls.Increment();
            return;
        }
        command.EncodeInto(_cursorCommand);
        Memory.Write(_layout.CursorCommand(free), _cursorCommand);
        Spend(_gpuCosts.GuestCommand.Once);
        if (TryMap(_layout.CursorCommand(free), GpuLayout.UpdateCursor.Size, DmaDirection.ToDevice, out _cursorBuffers[free]) != DmaMapStatus.Mapped)
        {
            _cursorStalls.Increment();
            return;
        }
        Spend(Costs.AddChain);
        if (!Queues[GpuLayout.CursorQueue].TryAdd([new BufferSpec(_cursorBuffers[free].DmaAddress, GpuLayout.UpdateCursor.Size)], [], free))
        {
            Unmap(_cursorBuffers[free]);
            _cursorStalls.Increment();
            return;
        }
        _cursorBusy[free] = true;
        if (command.IsMove) _cursorMoves.Increment();
        KickIfNeeded(GpuLayout.CursorQueue);
    }

    /// <inheritdoc />
    protected override void OnOtherQueues()
    {
        var cursor = new CursorBuffers(this);
        Queues[GpuLayout.CursorQueue].ReclaimUsed(ref cursor);
    }

    /// <summary>What the cursorq's reclaim does with a used command buffer: take it back.</summary>
    private readonly struct CursorBuffers(GpuDriver driver) : IUsedBufferHandler
    {
        public void Reclaim(long token, uint written)
        {
            driver.Spend(driver.Costs.ReclaimChain);
            driver.Unmap(driver._cursorBuffers[(int)token]);
            driver._cursorBusy[(int)token] = false;
        }
    }
}
