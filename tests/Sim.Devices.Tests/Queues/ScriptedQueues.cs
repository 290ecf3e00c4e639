using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Queues;

/// <summary>
/// A device queue that holds <see cref="Available"/> chains and writes every call into <see cref="Calls"/>; chains made
/// available "meanwhile" arrive when notifications are re-enabled (<see cref="ArriveOnEnable"/>), as a driver adding a
/// chain between the device's last pop and its re-enable would.
/// </summary>
internal sealed class ScriptedDeviceQueue : IDeviceQueue
{
    public int Available { get; set; }
    public Queue<int> ArriveOnEnable { get; } = new();
    public bool BreakOnPop { get; set; }
    public List<string> Calls { get; } = [];
    public QueueConfig Config { get; } = new(8, 0x1000, 0x2000, 0x3000, 0);
    public bool IsBroken { get; private set; }

    public bool TryPop(DescriptorChain chain)
    {
        Calls.Add("pop");
        if (IsBroken) return false;
        if (BreakOnPop && Available > 0) IsBroken = true;
        if (IsBroken || Available == 0) return false;
        Available--;
        return true;
    }

    public void PushUsed(ushort id, int descriptorCount, uint writtenLength) => Calls.Add("used");
    public bool InterruptNeeded() => false;

    public void ReportRefusedBuffer(DescriptorChain chain)
    {
        Calls.Add("refused");
        IsBroken = true;
    }

    public void DisableNotifications() => Calls.Add("disable");

    public bool EnableNotifications()
    {
        Calls.Add("enable");
        if (ArriveOnEnable.Count > 0) Available += ArriveOnEnable.Dequeue();
        return IsBroken || Available == 0;
    }
}

/// <summary>A driver queue with <see cref="Used"/> used buffers (tokens 0, 1, ...) that records every call; more are used "meanwhile" at a re-enable.</summary>
internal sealed class ScriptedDriverQueue : IDriverQueue
{
    private long _next;

    public int Used { get; set; }
    public Queue<int> UsedOnEnable { get; } = new();
    public List<string> Calls { get; } = [];
    public QueueConfig Config { get; } = new(8, 0x1000, 0x2000, 0x3000, 0);
    public int FreeDescriptors => 8;
    public bool IsBroken => false;
    public int InFlight => Used;

    public bool TryAdd(ReadOnlySpan<BufferSpec> readable, ReadOnlySpan<BufferSpec> writable, long token) => throw new NotSupportedException();
    public bool KickNeeded() => throw new NotSupportedException();

    public bool TryReclaim(out long token, out uint writtenLength)
    {
        Calls.Add("reclaim");
        token = _next;
        writtenLength = 0;
        if (Used == 0) return false;
        Used--;
        _next++;
        return true;
    }

    public void DisableInterrupts() => Calls.Add("disable");

    public bool EnableInterrupts()
    {
        Calls.Add("enable");
        if (UsedOnEnable.Count > 0) Used += UsedOnEnable.Dequeue();
        return Used == 0;
    }
}
