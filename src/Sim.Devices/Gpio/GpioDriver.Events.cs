using System.Buffers.Binary;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Gpio;

/// <summary>
/// The completion side of <see cref="GpioDriver"/> (virtio 1.2, 5.18.6 and 5.18.7): checking requestq responses,
/// posting each interrupt line's eventq buffer pair, handling the interrupts the device returns and measuring their
/// latency from the backend's probe (<see cref="GpioIrqProbe"/>).
/// </summary>
public sealed partial class GpioDriver
{
    /// <inheritdoc />
    protected override void Complete(int slot, uint written)
    {
        Unmap(_requests[slot]);
        Unmap(_responses[slot]);
        var message = _slotMessage[slot];
        int expected = message.ResponseBytes(_workload.NamesSize);
        Span<byte> response = stackalloc byte[GpioLayout.Response.Size];
        Memory.Read(_layout.Response(slot), response);
        CountBytes(GpioLayout.Request.Size + written);
        if (written < (message.Type == GpioLayout.MsgGetNames ? GpioLayout.ResponseGetNames.Size : expected))
        {
            ReportFinding("gpio-short-response", $"message type {message.Type} line {message.Gpio}: used length {written}, expected {expected}", "virtio 1.2, 5.18.6");
            return;
        }
        if (response[GpioLayout.Response.Status] != GpioLayout.StatusOk)
        {
            _errors.Increment();
            return;
        }
        if (message.Type == GpioLayout.MsgGetNames) CheckNames(slot, (int)written - GpioLayout.ResponseGetNames.Size);
        else if (message.Type == GpioLayout.MsgIrqType && message.Value != GpioLayout.IrqTypeNone)
        {
            PostIrq(message.Gpio);
            KickIfNeeded(EventQueue);
        }
    }

    /// <summary>The names block must hold one NUL-terminated name per line (5.18.6 Get Line Names).</summary>
    private void CheckNames(int slot, int length)
    {
        var names = new byte[Math.Max(length, 0)];
        Memory.Read(_layout.Response(slot) + GpioLayout.ResponseGetNames.Value, names);
        Spend(Costs.Copy(names.Length));
        int terminators = names.Count(b => b == 0);
        if (terminators < _workload.Lines.Count || (names.Length > 0 && names[^1] != 0))
            ReportFinding("gpio-names-malformed", $"a {names.Length}-byte names block with {terminators} NUL-terminated names for {_workload.Lines.Count} lines", "virtio 1.2, 5.18.6");
    }

    /// <summary>Posts line <paramref name="line"/>'s irq request and response (unmasking its interrupt, 5.18.7).</summary>
    private void PostIrq(int line)
    {
        if (_posted[line] || Queues.Count <= EventQueue) return;
        Span<byte> request = stackalloc byte[GpioLayout.IrqRequest.Size];
        BinaryPrimitives.WriteUInt16LittleEndian(request[GpioLayout.IrqRequest.Gpio..], (ushort)line);
        Memory.Write(_layout.IrqRequest(line), request);
        Memory.Write(_layout.IrqResponse(line), [0xFF]);
        if (TryMap(_layout.IrqRequest(line), GpioLayout.IrqRequest.Size, DmaDirection.ToDevice, out _irqRequests[line]) != DmaMapStatus.Mapped) return;
        if (TryMap(_layout.IrqResponse(line), GpioLayout.IrqResponse.Size, DmaDirection.FromDevice, out _irqResponses[line]) != DmaMapStatus.Mapped)
        {
            Unmap(_irqRequests[line]);
            return;
        }
        Spend(Costs.AddChain);
        if (!Queues[EventQueue].TryAdd([new BufferSpec(_irqRequests[line].DmaAddress, GpioLayout.IrqRequest.Size)],
                [new BufferSpec(_irqResponses[line].DmaAddress, GpioLayout.IrqResponse.Size)], line))
        {
            Unmap(_irqRequests[line]);
            Unmap(_irqResponses[line]);
            return;
        }
        _posted[line] = true;
    }

    /// <inheritdoc />
    protected override void OnOtherQueues()
    {
        if (Queues.Count <= EventQueue) return;
        var returned = new ReturnedIrqs(this);
        Queues[EventQueue].ReclaimUsed(ref returned);
        KickIfNeeded(EventQueue);
        SendMessages();
    }

    /// <summary>What the eventq's reclaim does with each returned buffer pair: <see cref="OnIrq"/>.</summary>
    private readonly struct ReturnedIrqs(GpioDriver driver) : IUsedBufferHandler
    {
        public void Reclaim(long token, uint written) => driver.OnIrq((int)token, written);
    }

    private void OnIrq(int line, uint written)
    {
        Spend(Costs.ReclaimChain);
        _posted[line] = false;
        Unmap(_irqRequests[line]);
        Unmap(_irqResponses[line]);
        Span<byte> status = stackalloc byte[1];
        Memory.Read(_layout.IrqResponse(line), status);
        if (written < GpioLayout.IrqResponse.Size || status[0] != GpioLayout.IrqStatusValid)
        {
            _irqsInvalid.Increment();
            return;
        }
        Spend(_gpioCosts.GuestIrq);
        _irqs.Increment();
        if (_firstEdge[line] is { } edge) _irqLatency.Record(Now + Spent - edge);
        _firstEdge[line] = null;
        PostIrq(line);
        _messages.Enqueue(new(GpioLayout.MsgGetValue, (ushort)line, 0));
    }

    /// <summary>The backend's probe: when the edge of the interrupt about to come on the line happened.</summary>
    private void Probe(GpioIrqProbe probe)
    {
        if (probe.Line >= 0 && probe.Line < _firstEdge.Length) _firstEdge[probe.Line] = probe.EdgeAt;
    }
}
