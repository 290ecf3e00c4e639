using System.Buffers.Binary;
using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Devices.Transport;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Echo;

/// <summary>
/// The echo device's backend, running on a backend thread (a <see cref="BusyResource"/>). Woken by a queue kick, it
/// suppresses further kicks, pops and validates chains, reads each request, works for the service time, writes the
/// response (its first 8 bytes echo the request's), publishes the used buffer and interrupts the guest when the ring
/// says so, then re-enables kicks (re-checking for chains that arrived meanwhile). Broken queue rules and transport
/// misuse become findings and put the device in DEVICE_NEEDS_RESET.
/// Metrics: <c>kicks</c>, <c>requests</c>, <c>interrupts</c> (injected), <c>interruptsCoalesced</c> (raised while one was
/// still pending), <c>bytesRead</c>, <c>bytesWritten</c>.
/// </summary>
public sealed class EchoBackend(IDeviceMemory memory, EchoWorkload workload, TransportCosts costs)
    : VirtioBackend
{
    private readonly DescriptorChain _chain = new();
    private readonly byte[] _request = new byte[workload.RequestBytes];
    private readonly byte[] _response = new byte[workload.ResponseBytes];
    private IDeviceQueue? _queue;
    private Counter? _kicks, _requests, _bytesRead, _bytesWritten;

    /// <inheritdoc />
    protected override void OnStart()
    {
        base.OnStart();
        _kicks = NewCounter("kicks");
        _requests = NewCounter("requests");
        _bytesRead = NewCounter("bytesRead", "B");
        _bytesWritten = NewCounter("bytesWritten", "B");
    }

    /// <inheritdoc />
    protected override void Serve(object message, ActorRef sender)
    {
        if (message is not QueueKick kick) return;
        _kicks!.Increment();
        Spend(costs.BackendWakeup);
        var queue = QueueFor(kick.Queue);
        if (queue is null || queue.IsBroken) return;
        queue.DisableNotifications();
        do
        {
            while (queue.TryPop(_chain))
                if (!Process(queue)) return;
        }
        while (!queue.IsBroken && !queue.EnableNotifications());
    }

    private IDeviceQueue? QueueFor(int index)
    {
        if (_queue is not null || index != 0) return index == 0 ? _queue : null;
        var config = Registers?.GetQueueConfig(0);
        if (config is null)
        {
            Violation(QueueRule.QueueNotReady, $"kick for queue {index}, which is not ready");
            return null;
        }
        return _queue = Virtqueues.CreateDevice(memory, config, this);
    }

    /// <summary>Serves one popped chain; false if the chain's buffers were refused (the queue is then abandoned).</summary>
    private bool Process(IDeviceQueue queue)
    {
        Spend(costs.PopChain);
        int toRead = (int)Math.Min(_chain.ReadableLength, _request.Length);
        long read = _chain.Read(memory, 0, _request.AsSpan(0, toRead));
        if (read < 0)
        {
            queue.ReportRefusedBuffer(_chain);
            return false;
        }
        _bytesRead!.Add(read);
        Spend(costs.Copy(read) + workload.Service.Sample(Random));
        _response.AsSpan().Clear();
        if (read >= EchoWorkload.TagBytes) _request.AsSpan(0, EchoWorkload.TagBytes).CopyTo(_response);
        int toWrite = (int)Math.Min(_chain.WritableLength, _response.Length);
        long written = _chain.Write(memory, 0, _response.AsSpan(0, toWrite));
        if (written < 0)
        {
            queue.ReportRefusedBuffer(_chain);
            return false;
        }
        _bytesWritten!.Add(written);
        Spend(costs.Copy(written) + costs.PushUsed);
        queue.PushUsed(_chain.Id, _chain.DescriptorCount, (uint)written);
        _requests!.Increment();
        if (queue.InterruptNeeded()) Interrupt();
        return true;
    }

    /// <summary>Raises the used-buffer interrupt and, unless it is coalesced, delivers it after the profile's delay.</summary>
    private void Interrupt()
    {
        if (RaiseUsedBufferInterrupt()) Send(Frontend, UsedBufferInterrupt.For(0), costs.Interrupt);
    }
}
