using System.Buffers.Binary;
using Sim.Core.Statistics;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Layouts;

namespace Sim.Devices.Gpu;

/// <summary>
/// The virtio-gpu guest driver (virtio 1.2, 5.7; Linux <c>drivers/gpu/drm/virtio</c>, 2D only) and the compositor
/// above it, a <see cref="VirtioDriver"/> whose request slots carry controlq commands in order: at start
/// GET_DISPLAY_INFO, then the set-up of <see cref="GpuWorkload"/> (framebuffer and cursor resources, their backing
/// mapped once for the device and given as scatter lists, SET_SCANOUT, the cursor image's transfer, UPDATE_CURSOR),
/// then a frame every refresh period (<see cref="GpuDriver"/>'s frames part). Each command costs
/// <c>gpu.guest.command</c>. A response other than the OK the command expects is a finding <c>gpu-command-failed</c>;
/// a fenced command answered without its fence is <c>gpu-fence-mismatch</c> (5.7.6.7). Metrics: those of
/// <see cref="VirtioDriver"/>, <c>frames</c>, <c>framesDropped</c>, <c>deadlineMisses</c>, <c>frameLatency</c>,
/// <c>flushLatency</c>, <c>cursorMoves</c>, <c>cursorStalls</c>.
/// </summary>
public sealed partial class GpuDriver : VirtioDriver
{
    /// <summary>What a slot's command is for.</summary>
    private enum Purpose { DisplayInfo, SetUp, FrameTransfer, FrameFlush }

    /// <summary>A command waiting for a slot: its bytes, what it is for, the response type it must get, its fence, and the pixel bytes it moves.</summary>
    private sealed record Pending(byte[] Request, Purpose Purpose, uint Expected, ulong? Fence = null, long Pixels = 0);

    private const uint FramebufferId = 1, CursorId = 2;

    private readonly GpuGuestLayout _layout;
    private readonly GpuWorkload _workload;
    private readonly GpuCosts _gpuCosts;
    private readonly ulong _ringFeatures;
    private readonly Queue<Pending> _pending = new();
    private readonly Pending?[] _slots = new Pending?[GpuGuestLayout.Slots];
    private readonly DmaBuffer[] _requests = new DmaBuffer[GpuGuestLayout.Slots], _responses = new DmaBuffer[GpuGuestLayout.Slots];
    private readonly byte[] _response = new byte[GpuLayout.RespDisplayInfo.Size];
    private readonly Counter _commandsFailed;
    private DmaBuffer[] _framebuffer = [];
    private DmaBuffer _cursorImage;
    private bool _backingMapped;
    private int _setUpLeft;

    /// <summary>A GPU driver in <paramref name="memory"/> with its rings and buffers at <paramref name="layout"/>, drawing as <paramref name="workload"/> says.</summary>
    public GpuDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, ulong ringFeatures, GpuGuestLayout layout, GpuWorkload workload,
        RingCosts costs, GpuCosts gpuCosts)
        : base(memory, wiring, platform, costs, GpuGuestLayout.Slots, RequestArrivals.OnDemand())
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _workload = workload ?? throw new ArgumentNullException(nameof(workload));
        _gpuCosts = gpuCosts ?? throw new ArgumentNullException(nameof(gpuCosts));
        _ringFeatures = ringFeatures;
        _commandsFailed = NewCounter("commandsFailed");
        _frames = NewCounter("frames");
        _dropped = NewCounter("framesDropped");
        _misses = NewCounter("deadlineMisses");
        _cursorMoves = NewCounter("cursorMoves");
        _cursorStalls = NewCounter("cursorStalls");
        _frameLatency = NewLatencyHistogram("frameLatency");
        _flushLatency = NewLatencyHistogram("flushLatency");
    }

    /// <summary>The display the device reported for scanout 0 (after GET_DISPLAY_INFO).</summary>
    public GpuDisplayOne Display { get; private set; }

    /// <inheritdoc />
    protected override bool InitialiseDevice()
    {
        if (!IsDevice(GpuLayout.DeviceId, "GPU device")) return false;
        var (cd, cdr, cdv) = _layout.ControlRings;
        var (ud, udr, udv) = _layout.CursorRings;
        if (!StartRings(_ringFeatures, 0, 0,
                [new QueueSetup(GpuLayout.ControlQueue, _layout.QueueSize, cd, cdr, cdv), new QueueSetup(GpuLayout.CursorQueue, _layout.QueueSize, ud, udr, udv)],
                _layout.IndirectArea, GpuGuestLayout.EntriesPerChain)) return false;
        for (int slot = 0; slot < GpuGuestLayout.Slots; slot++)
        {
            DeclareBuffer($"slot{slot}/request", RegionKind.GpuCtrlRequest, _layout.Request(slot), (ulong)_layout.RequestBytes);
            DeclareBuffer($"slot{slot}/response", RegionKind.GpuCtrlResponse, _layout.Response(slot), GpuLayout.RespDisplayInfo.Size);
        }
        for (int i = 0; i < GpuGuestLayout.CursorBuffers; i++)
            DeclareBuffer($"cursor{i}", RegionKind.GpuCursorCommand, _layout.CursorCommand(i), GpuLayout.UpdateCursor.Size);
        uint scanouts = ReadConfig(c => c.ReadU32(GpuLayout.Config.NumScanouts));
        if (scanouts is >= 1 and <= GpuLayout.MaxScanouts) return true;
        ReportFinding("gpu-display-mismatch", $"num_scanouts is {scanouts}; a device has 1 to {GpuLayout.MaxScanouts}", "virtio 1.2, 5.7.4");
        return false;
    }

    /// <inheritdoc />
    protected override void OnTransportReady()
    {
        _pending.Clear();
        _frameInFlight = false;
        _running = false;
        Enqueue(GpuGetDisplayInfo.Create().Encode(), Purpose.DisplayInfo, GpuLayout.RespOkDisplayInfo);
    }

    /// <inheritdoc />
    protected override void OnSlotsFreed() => SubmitPending();

    private void Enqueue(byte[] request, Purpose purpose, uint expected, ulong? fence = null, long pixels = 0)
    {
        _pending.Enqueue(new Pending(request, purpose, expected, fence, pixels));
        SubmitPending();
    }

    private void SubmitPending()
    {
        while (_pending.Count > 0 && _pending.Peek().Purpose != Purpose.FrameTransfer && SubmitOnDemand()) { }
        if (_pending.Count >= 2 && _pending.Peek().Purpose == Purpose.FrameTransfer) SubmitGroupOnDemand(2);
    }

    /// <inheritdoc />
    protected override void Prepare(int slot)
    {
        var command = _pending.Dequeue();
        _slots[slot] = command;
        Memory.Write(_layout.Request(slot), command.Request);
        Spend(_gpuCosts.GuestCommand.Once);
        Spend(Costs.Copy(command.Request.Length));
    }

    /// <inheritdoc />
    protected override Submit TrySubmit(int slot)
    {
        var command = _slots[slot]!;
        int responseBytes = command.Expected == GpuLayout.RespOkDisplayInfo ? GpuLayout.RespDisplayInfo.Size : GpuLayout.HeaderSize;
        var request = TryMap(_layout.Request(slot), (uint)command.Request.Length, DmaDirection.ToDevice, out _requests[slot]);
        if (request != DmaMapStatus.Mapped) return Failed(request);
        var response = TryMap(_layout.Response(slot), (uint)responseBytes, DmaDirection.FromDevice, out _responses[slot]);
        if (response != DmaMapStatus.Mapped) return Failed(response, _requests[slot]);
        return AddChain(slot, [new BufferSpec(_requests[slot].DmaAddress, (uint)command.Request.Length)],
            [new BufferSpec(_responses[slot].DmaAddress, (uint)responseBytes)], _requests[slot], _responses[slot]);
    }

    /// <inheritdoc />
    protected override void Complete(int slot, uint written)
    {
        Unmap(_requests[slot]);
        Unmap(_responses[slot]);
        var command = _slots[slot]!;
        _slots[slot] = null;
        CountBytes(command.Request.Length + written + command.Pixels);
        int bytes = (int)Math.Min(written, (uint)_response.Length);
        Memory.Read(_layout.Response(slot), _response.AsSpan(0, bytes));
        if (!Answered(command, _response.AsSpan(0, bytes))) return;
        switch (command.Purpose)
        {
            case Purpose.DisplayInfo: OnDisplayInfo(); break;
            case Purpose.SetUp:
                if (--_setUpLeft == 0) StartFrames();
                break;
            case Purpose.FrameFlush: OnFrameShown(); break;
        }
    }

    /// <summary>Whether the response is the OK the command expects, with its fence echoed; otherwise a finding.</summary>
    private bool Answered(Pending command, ReadOnlySpan<byte> response)
    {
        uint type = response.Length >= GpuLayout.HeaderSize ? BinaryPrimitives.ReadUInt32LittleEndian(response) : 0;
        uint requested = BinaryPrimitives.ReadUInt32LittleEndian(command.Request);
        if (type != command.Expected)
        {
            _commandsFailed.Increment();
            ReportFinding("gpu-command-failed", $"command 0x{requested:x4} answered 0x{type:x4} ({response.Length} bytes), expected 0x{command.Expected:x4}", "virtio 1.2, 5.7.6.7");
            if (command.Purpose == Purpose.FrameFlush) _frameInFlight = false;
            return false;
        }
        if (command.Fence is { } fence)
        {
            var header = GpuCtrlHeader.Decode(response);
            if (!header.IsFenced || header.FenceId != fence)
                ReportFinding("gpu-fence-mismatch", $"fence {fence} answered with flags {header.Flags}, fence_id {header.FenceId}", "virtio 1.2, 5.7.6.7");
        }
        return true;
    }

    /// <summary>The display is known: map the backing once and set up the framebuffer, the scanout and the cursor.</summary>
    private void OnDisplayInfo()
    {
        var info = GpuRespDisplayInfo.Decode(_response);
        Display = info.PModes[0];
        var mode = _workload.Mode;
        if (Display.Enabled == 0 || Display.Rect.Width != mode.Width || Display.Rect.Height != mode.Height)
        {
            ReportFinding("gpu-display-mismatch", $"scanout 0 is {(Display.Enabled == 0 ? "disabled" : $"{Display.Rect.Width}x{Display.Rect.Height}")}; the compositor draws {mode.Width}x{mode.Height}", "virtio 1.2, 5.7.6.8");
            return;
        }
        if (!_backingMapped && !MapBacking()) return;
        Memory.Write(_layout.CursorImage, CursorPixels());
        SyncForDevice(_cursorImage);
        var cursorRect = new GpuRect(0, 0, GpuUpdateCursor.CursorSize, GpuUpdateCursor.CursorSize);
        byte[][] setUp =
        [
            GpuResourceCreate2D.Create(FramebufferId, GpuFormat.B8G8R8X8Unorm, mode.Width, mode.Height).Encode(),
            GpuResourceAttachBacking.Create(FramebufferId, _framebuffer.Select(run => new GpuMemEntry(run.DmaAddress, run.Length)).ToArray()).Encode(),
            GpuSetScanout.Create(mode.Rect, 0, FramebufferId).Encode(),
            GpuResourceCreate2D.Create(CursorId, GpuFormat.B8G8R8A8Unorm, GpuUpdateCursor.CursorSize, GpuUpdateCursor.CursorSize).Encode(),
            GpuResourceAttachBacking.Create(CursorId, [new GpuMemEntry(_cursorImage.DmaAddress, _cursorImage.Length)]).Encode(),
            GpuTransferToHost2D.Create(cursorRect, 0, CursorId).Encode(),
        ];
        _setUpLeft = setUp.Length;
        foreach (var request in setUp) Enqueue(request, Purpose.SetUp, GpuLayout.RespOkNoData);
    }

    /// <summary>
    /// Maps the framebuffer for the device run by run, as Linux's <c>dma_map_sgtable</c> maps each scatter-list entry,
    /// and the cursor image; these mappings last the driver's life. One the platform cannot give is a finding
    /// <c>gpu-backing-unmapped</c> (Linux fails the object's creation), and the set-up stops.
    /// </summary>
    private bool MapBacking()
    {
        int run = _workload.BackingEntryBytes;
        var runs = new DmaBuffer[_workload.FramebufferEntries];
        for (int i = 0; i < runs.Length; i++)
        {
            long offset = (long)i * run;
            var status = TryMap(_layout.Framebuffer + (ulong)offset, (uint)Math.Min(run, _workload.FramebufferBytes - offset), DmaDirection.ToDevice, out runs[i]);
            if (status == DmaMapStatus.Mapped) continue;
            for (int j = 0; j < i; j++) Unmap(runs[j]);
            ReportFinding("gpu-backing-unmapped", $"framebuffer run {i} of {runs.Length} ({run} bytes each): {status} on '{Platform.Mechanism}'", "virtio 1.2, 5.7.6.8");
            return false;
        }
        if (TryMap(_layout.CursorImage, GpuWorkload.CursorBytes, DmaDirection.ToDevice, out _cursorImage) is var cursor && cursor != DmaMapStatus.Mapped)
        {
            foreach (var mapped in runs) Unmap(mapped);
            ReportFinding("gpu-backing-unmapped", $"cursor image: {cursor} on '{Platform.Mechanism}'", "virtio 1.2, 5.7.6.8");
            return false;
        }
        _framebuffer = runs;
        _backingMapped = true;
        return true;
    }

    /// <summary>A cursor image: an opaque arrow-ish triangle on transparent pixels (what it shows does not matter; its bytes are checked).</summary>
    private static byte[] CursorPixels()
    {
        var pixels = new byte[GpuWorkload.CursorBytes];
        for (int y = 0; y < GpuUpdateCursor.CursorSize; y++)
            for (int x = 0; x <= y / 2; x++)
                pixels.AsSpan((int)((y * GpuUpdateCursor.CursorSize + x) * 4), 4).Fill(0xFF);
        return pixels;
    }
}
