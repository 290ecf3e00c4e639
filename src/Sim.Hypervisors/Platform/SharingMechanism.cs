using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// One way of giving a device's backend access to guest memory (full mapping, Xen grants in their variants,
/// virtio-iommu, a bounce window): the driver's half (the DMA API: map a buffer, take it back) and the backend's half
/// (an <see cref="IDeviceMemory"/> by DMA address). This base is the access oracle: every backend access is checked
/// by the mechanism against what the guest has made reachable at that instant, allowed bytes move, every access is
/// recorded, and a refused one is counted as a violation in the exposure metric and reported as a finding naming the
/// accessor, time, address, mechanism and rule. Subclasses keep only their own check and translation.
/// </summary>
public abstract class SharingMechanism : IDeviceMemory
{
    private readonly AccessorTally _tally;
    private SimTime _accrued;

    /// <summary>A mechanism called <paramref name="name"/> over <paramref name="context"/>.</summary>
    protected SharingMechanism(string name, SharingContext context)
    {
        Name = name;
        Context = context;
        _tally = context.Log.For(context.Accessor);
    }

    /// <summary>The mechanism's name as scenarios spell it.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether the device reaches guest memory only through what the driver maps (grants, IOMMU, window), so the driver
    /// must use the DMA API and negotiate VIRTIO_F_ACCESS_PLATFORM (virtio 1.2, 6.1); false for a full mapping.
    /// </summary>
    public virtual bool RestrictsAccess => true;

    /// <summary>The device's context.</summary>
    protected SharingContext Context { get; }

    /// <summary>The guest's memory.</summary>
    protected GuestMemory Memory => Context.Memory;

    /// <summary>The costs.</summary>
    protected PlatformCosts Costs => Context.Costs;

    /// <summary>The counters.</summary>
    protected PlatformCounters Counters => Context.Counters;

    /// <summary>The exposure.</summary>
    protected ExposureMetric Exposure => Context.Exposure;

    /// <summary>
    /// Shares [<paramref name="address"/>, +<paramref name="length"/>) for the device's whole life (its rings), at set-up:
    /// granted and mapped once, identity-mapped in the IOMMU, shared next to the window. The device reaches it at the
    /// same address the driver uses.
    /// </summary>
    public abstract void ShareForLifetime(ulong address, ulong length);

    /// <summary>The driver maps a buffer (see <see cref="IDriverPlatform.Map"/>).</summary>
    public abstract DmaMapResult Map(ulong guestAddress, uint length, DmaDirection direction);

    /// <summary>The driver takes a buffer back (see <see cref="IDriverPlatform.Unmap"/>).</summary>
    public abstract DmaUnmapResult Unmap(in DmaBuffer buffer);

    /// <summary>
    /// The driver hands a buffer it keeps mapped back to the device after writing it again (see
    /// <see cref="IDriverPlatform.SyncForDevice"/>): nothing to do where the device reads the guest's own pages;
    /// mechanisms that bounce copy it again.
    /// </summary>
    public virtual SimTime SyncForDevice(in DmaBuffer buffer) => SimTime.Zero;

    /// <summary>A request begins on the backend (see <see cref="IBackendPlatform.BeginRequest"/>).</summary>
    public virtual long BeginRequest() => 0;

    /// <summary>A request ends on the backend (see <see cref="IBackendPlatform.EndRequest"/>); returns the backend time.</summary>
    public virtual SimTime EndRequest(long request) => SimTime.Zero;

    /// <summary>Backend time accrued by accesses since the last call; resets it.</summary>
    public SimTime TakeAccrued()
    {
        var accrued = _accrued;
        _accrued = SimTime.Zero;
        return accrued;
    }

    /// <summary>Charges the backend for the current access (a translation, a hypervisor copy, a grant map): its ledger records it and <see cref="TakeAccrued"/> hands the time to spend.</summary>
    protected void Accrue(in CostCharge charge)
    {
        _accrued += Context.ChargeBackend(charge);
    }

    /// <summary>Reads through the mechanism; fills <paramref name="destination"/> only when allowed. <paramref name="rule"/> says why not.</summary>
    protected abstract AccessVerdict ReadCore(ulong address, Span<byte> destination, out string rule);

    /// <summary>Writes through the mechanism; moves bytes only when allowed. <paramref name="rule"/> says why not.</summary>
    protected abstract AccessVerdict WriteCore(ulong address, ReadOnlySpan<byte> source, out string rule);

    /// <inheritdoc />
    public AccessVerdict Read(ulong address, Span<byte> destination)
    {
        var verdict = ReadCore(address, destination, out string rule);
        Judge(MemoryAccessKind.Read, address, (uint)destination.Length, verdict, rule);
        return verdict;
    }

    /// <inheritdoc />
    public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
    {
        var verdict = WriteCore(address, source, out string rule);
        Judge(MemoryAccessKind.Write, address, (uint)source.Length, verdict, rule);
        return verdict;
    }

    private void Judge(MemoryAccessKind kind, ulong address, uint length, AccessVerdict verdict, string rule)
    {
        Context.Log.Record(_tally, kind, address, length, verdict);
        if (verdict == AccessVerdict.Allowed) return;
        Exposure.Violation();
        Context.Findings?.Report("backend-access-outside-reachable",
            $"{Context.Accessor} {(kind == MemoryAccessKind.Read ? "read" : "write")} of [0x{address:x}, +{length}) through {Name} was refused: {rule}",
            "virtio 1.2, 2.7.4 (the device accesses only the buffers the driver made available)");
    }

    /// <summary>The number of 4 KiB pages [<paramref name="address"/>, +<paramref name="length"/>) spans.</summary>
    protected static int PagesSpanned(ulong address, ulong length) => length == 0 ? 0
        : (int)(((address + length - 1) >> GuestMemory.PageShift) - (address >> GuestMemory.PageShift) + 1);
}
