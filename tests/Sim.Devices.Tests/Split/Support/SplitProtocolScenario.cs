namespace Sim.Devices.Tests.Split.Support;

/// <summary>What one step of a protocol scenario does.</summary>
internal enum StepKind
{
    /// <summary>The driver adds a chain: A picks readable (A % 4) and writable (A / 4 % 4) counts, B seeds the sizes.</summary>
    Add,
    /// <summary>The driver asks KickNeeded for the chains added since its last call; true wakes the device.</summary>
    Kick,
    /// <summary>The device takes a pending kick; if awake, pops one chain, or notes there is none (and re-enables notifications at its next step).</summary>
    DeviceStep,
    /// <summary>The device completes popped chain B % count (out of order), writing A % (writable + 1) bytes.</summary>
    Complete,
    /// <summary>The device asks InterruptNeeded for the buffers used since its last call; true interrupts the driver.</summary>
    Signal,
    /// <summary>The driver takes a pending interrupt; if awake, reclaims one buffer, or notes there is none (and re-enables interrupts at its next step).</summary>
    DriverStep,
}

/// <summary>One step with its two parameters.</summary>
internal sealed record Step(StepKind Kind, int A, int B)
{
    public override string ToString() => Kind switch
    {
        StepKind.Add => $"Add({A % 4}r{A / 4 % 4}w/{B})",
        StepKind.Complete => $"Complete(#{B},{A}B)",
        _ => Kind.ToString(),
    };
}

/// <summary>A split queue's negotiated shape, its starting index, and the interleaving of driver and device steps.</summary>
internal sealed record SplitProtocolScenario(ushort Size, bool EventIdx, bool Indirect, ushort Start, Step[] Steps)
{
    public override string ToString() =>
        $"size {Size}, {(EventIdx ? "EVENT_IDX" : "flags")}, {(Indirect ? "indirect" : "direct")}, start {Start}: {string.Join(' ', Steps.Select(s => s.ToString()))}";

    /// <summary>Smaller scenarios: halves, one step fewer, plainer features, start 0.</summary>
    public IEnumerable<SplitProtocolScenario> Shrink()
    {
        if (Steps.Length > 1)
        {
            yield return this with { Steps = Steps[..(Steps.Length / 2)] };
            yield return this with { Steps = Steps[(Steps.Length / 2)..] };
        }
        for (int i = 0; i < Steps.Length; i++) yield return this with { Steps = [.. Steps[..i], .. Steps[(i + 1)..]] };
        if (Indirect) yield return this with { Indirect = false };
        if (Start != 0) yield return this with { Start = 0 };
        if (Size > 1) yield return this with { Size = (ushort)(Size / 2) };
    }
}
