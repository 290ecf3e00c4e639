using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;
using Sim.Interconnect.Bus;

namespace Sim.Devices.Gpu;

/// <summary>
/// The virtio-gpu 2D device (virtio 1.2, 5.7) on its backend thread: the host side that QEMU's virtio-gpu is. A kick
/// drains the controlq and the cursorq. Each controlq chain's readable part is one command, carried out at once on the
/// device's resources (<see cref="GpuControlDevice"/>, <c>gpu.backend.command</c> each), its response written into the
/// writable part; a TRANSFER_TO_HOST_2D reads its rows from the guest backing through the platform (so what the guest
/// did not grant or map is refused there) and copies them into the host resource, at <c>gpu.backend.transferBandwidth</c>,
/// or, with an interconnect, as a DMA over the bus. Commands complete in order (5.7.6.7: a fenced command's
/// response means its work is done), so a flush after a transfer is used only when the transfer's bytes have moved.
/// Cursor commands are used with nothing written (5.7.6.10). A malformed command is answered ERR_UNSPEC with a finding
/// <c>gpu-malformed-request</c>; a transfer from backing the device cannot read is <c>gpu-backing-fault</c>.
/// Metrics: <c>kicks</c>, <c>commands</c>, <c>errorResponses</c> (responses other than OK), <c>malformed</c>, <c>transfersToHost</c>,
/// <c>transferBytes</c>, <c>flushes</c>, <c>presents</c> (scanouts updated by flushes), <c>cursorUpdates</c>,
/// <c>cursorMoves</c>, and those of <see cref="VirtioBackend"/>.
/// </summary>
public sealed partial class GpuBackend : VirtioBackend
{
    /// <summary>The longest request read: an ATTACH_BACKING with the most entries the device takes.</summary>
    public const int MaxRequestBytes = 32 + 16 * (int)GpuResourceTable.MaxBackingEntries;

    /// <summary>A command whose used element waits for its turn (and for its bus transfer, if it has one).</summary>
    private sealed class Completion(ushort id, int descriptors, uint written, long busKey)
    {
        public ushort Id { get; } = id;
        public int Descriptors { get; } = descriptors;
        public uint Written { get; } = written;
        public long BusKey { get; } = busKey;
        public bool Ready { get; set; } = busKey == 0;
    }

    private readonly GpuControlDevice _device;
    private readonly RingCosts _costs;
    private readonly GpuCosts _gpuCosts;
    private readonly DescriptorChain _chain = new();
    private readonly Queue<Completion> _completions = new();
    private readonly byte[] _response = new byte[GpuLayout.RespDisplayInfo.Size];
    private byte[] _request = new byte[4096];
    private readonly Counter _kicks, _commands, _errors, _malformed, _transfers, _transferBytes, _flushes, _presents, _cursorUpdates, _cursorMoves;
    private long _busKeys;

    /// <summary>A GPU with <paramref name="table"/>'s scanouts on <paramref name="platform"/>, tied by <paramref name="wiring"/>.</summary>
    public GpuBackend(IBackendPlatform platform, GpuResourceTable table, RingCosts costs, GpuCosts gpuCosts, BackendWiring wiring)
        : base(platform, wiring)
    {
        _device = new GpuControlDevice(table);
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _gpuCosts = gpuCosts ?? throw new ArgumentNullException(nameof(gpuCosts));
        _kicks = NewCounter("kicks");
        _commands = NewCounter("commands");
        _errors = NewCounter("errorResponses");
        _malformed = NewCounter("malformed");
        _transfers = NewCounter("transfersToHost");
        _transferBytes = NewCounter("transferBytes", "B");
        _flushes = NewCounter("flushes");
        _presents = NewCounter("presents");
        _cursorUpdates = NewCounter("cursorUpdates");
        _cursorMoves = NewCounter("cursorMoves");
    }

    /// <summary>The device's resources and scanouts (for inspection after a run).</summary>
    public GpuResourceTable Resources => _device.Table;

    /// <inheritdoc />
    protected override void ServeDevice(object message, ActorRef sender)
    {
        switch (message)
        {
            case QueueKick kick:
                _kicks.Increment();
                Spend(Platform.WakeUp(FoundIdle));
                if (kick.Queue == GpuLayout.CursorQueue) DrainCursor();
                else DrainControl();
                break;
            case BusTransferDone done:
                foreach (var completion in _completions)
                    if (completion.BusKey == done.Id) completion.Ready = true;
                UseReady();
                break;
            default: Unhandled(message); return;
        }
        Spend(Platform.TakeAccrued());
    }

    /// <inheritdoc />
    protected override void OnDeviceReset()
    {
        _completions.Clear();
        _device.Table.Reset();
    }

    /// <inheritdoc />
    protected override void OnQueueStopped(int queue)
    {
        if (queue == GpuLayout.ControlQueue) _completions.Clear();
    }

    private void DrainControl()
    {
        if (QueueFor(GpuLayout.ControlQueue) is not { IsBroken: false } queue) return;
        var commands = new Commands(this, cursor: false);
        queue.DrainAvailable(ref commands);
        UseReady();
    }

    /// <summary>
    /// What a drain does with each popped chain, in the one reused chain object: a controlq command is <see cref="Serve"/>d,
    /// a cursorq one <see cref="ServeCursor"/>d.
    /// </summary>
    private readonly struct Commands(GpuBackend backend, bool cursor) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._chain;
        public bool StopBeforeWaiting => false;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain)
        {
            backend.Spend(backend._costs.PopChain);
            return cursor ? backend.ServeCursor(queue) : backend.Serve(queue);
        }
    }

    /// <summary>Carries out the popped command and queues its used element; false when its buffers were refused.</summary>
    private bool Serve(IDeviceQueue queue)
    {
        long token = Platform.BeginRequest();
        int readable = (int)Math.Min(_chain.ReadableLength, MaxRequestBytes);
        if (_request.Length < readable) _request = new byte[Math.Max(readable, _request.Length * 2)];
        long read = _chain.Read(Platform.Memory, 0, _request.AsSpan(0, readable));
        if (read < 0) return Refused(queue, token);
        Spend(_costs.Copy(read));
        Spend(_gpuCosts.BackendCommand.Once);
        int room = (int)Math.Min(_chain.WritableLength, _response.Length);
        var result = _device.Execute(_request.AsSpan(0, (int)read), Platform.Memory, _response.AsSpan(0, room), out int written);
        Count(result, read >= GpuLayout.HeaderSize ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_request) : 0);
        if (written > 0)
        {
            if (_chain.Write(Platform.Memory, 0, _response.AsSpan(0, written)) < 0) return Refused(queue, token);
            Spend(_costs.Copy(written));
        }
        long busKey = 0;
        if (result.Transferred > 0)
        {
            _transfers.Increment();
            _transferBytes.Add(result.Transferred);
            if (Bus is { } bus)
            {
                busKey = ++_busKeys;
                Send(bus.Bus, bus.Transfer(busKey, result.Transferred, Self));
            }
            else Spend(_gpuCosts.TransferBandwidth.ForBytes(result.Transferred));
        }
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        _completions.Enqueue(new Completion(_chain.Id, _chain.DescriptorCount, (uint)written, busKey));
        return true;
    }

    private void Count(in GpuCommandResult result, uint type)
    {
        _commands.Increment();
        if (!result.IsOk) _errors.Increment();
        if (type == GpuLayout.CmdResourceFlush && result.IsOk)
        {
            _flushes.Increment();
            _presents.Add(result.Presented);
        }
        if (result.Problem is null) return;
        bool malformed = result.Section == GpuControlDevice.RequestSection;
        if (malformed) _malformed.Increment();
        ReportFinding(malformed ? "gpu-malformed-request" : "gpu-backing-fault", $"chain {_chain.Id}: {result.Problem}", result.Section);
    }

    /// <summary>Uses every command at the head of the line whose work is done, in order, and interrupts if the ring asks.</summary>
    private void UseReady()
    {
        if (QueueFor(GpuLayout.ControlQueue) is not { IsBroken: false } queue) return;
        bool used = false;
        while (_completions.TryPeek(out var head) && head.Ready)
        {
            _completions.Dequeue();
            Spend(_costs.PushUsed);
            queue.PushUsed(head.Id, head.Descriptors, head.Written);
            used = true;
        }
        if (used && queue.InterruptNeeded()) Interrupt(queue);
    }

    private bool Refused(IDeviceQueue queue, long token)
    {
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        queue.ReportRefusedBuffer(_chain);
        return false;
    }
}
