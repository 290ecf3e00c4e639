using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Xen;

/// <summary>
/// Persistent grants (blkif <c>feature-persistent</c>, Xen <c>xen/include/public/io/blkif.h</c>): a pool of guest pages granted to the backend and
/// mapped by it once per connection. The frontend copies each device-bound buffer into pool slots when it maps it and
/// copies device-written bytes back when it unmaps (memcpy on the vCPU, <c>cpu.memcpy</c>, plus
/// <c>window.slotSearch</c> for finding free slots); the backend reaches pool pages through mappings that never go
/// away, so a request costs no hypercall and no TLB flush. A full pool is <see cref="DmaMapStatus.Exhausted"/>.
/// Exposure: the whole pool, always.
/// </summary>
public sealed class PersistentGrantSharing : GrantSharing
{
    /// <summary>The mechanism's scenario name.</summary>
    public const string MechanismName = "grant-persistent";

    private readonly BounceWindow _pool;
    private readonly uint _poolFirstRef;
    private readonly CostItem _slotSearch;

    /// <summary>A pool of <paramref name="poolBytes"/> at <paramref name="poolBase"/>, granted and mapped now.</summary>
    public PersistentGrantSharing(SharingContext context, GrantTable table, GrantMapper mapper, ushort backendDomid, int backendVcpus, ulong poolBase, ulong poolBytes)
        : base(MechanismName, context, table, mapper, backendDomid, backendVcpus, GrantBackendMode.Persistent)
    {
        _pool = new BounceWindow(context.Memory, poolBase, poolBytes);
        _slotSearch = Costs.Item("window.slotSearch");
        int pages = PagesSpanned(poolBase, poolBytes);
        var status = table.TryGrantRange(backendDomid, poolBase >> GuestMemory.PageShift, pages, readOnly: false, out _poolFirstRef);
        if (status != GrantStatus.Okay) throw new InvalidOperationException($"{context.Accessor}: cannot grant the {pages}-page persistent pool: {status}");
        for (uint i = 0; i < pages; i++)
        {
            status = mapper.Map(backendDomid, _poolFirstRef + i, writable: true, out _, out _);
            if (status != GrantStatus.Okay) throw new InvalidOperationException($"{context.Accessor}: cannot map pool grant {_poolFirstRef + i}: {status}");
        }
        Exposure.Reach(poolBase, poolBytes);
    }

    /// <summary>The pool's slots and counters.</summary>
    public BounceWindow Pool => _pool;

    /// <inheritdoc />
    public override DmaMapResult Map(ulong guestAddress, uint length, DmaDirection direction)
    {
        var result = _pool.TryMap(guestAddress, length, direction, out ulong poolAddress);
        SimTime cost = Context.ChargeDriver(_slotSearch.Once);
        if (result.Status != WindowMapStatus.Mapped)
        {
            if (result.Status == WindowMapStatus.Exhausted) Counters.Exhaustions++;
            return new(result.Status == WindowMapStatus.Exhausted ? DmaMapStatus.Exhausted : DmaMapStatus.Refused, default, cost, result.Reason);
        }
        if (direction != DmaDirection.FromDevice) cost += CountCopy(length);
        ulong offset = poolAddress - _pool.Base;
        ulong dma = GrantDmaAddress.Encode(_poolFirstRef + (uint)(offset >> GuestMemory.PageShift), (ulong)GrantDmaAddress.Offset(poolAddress));
        return new(DmaMapStatus.Mapped, new DmaBuffer(guestAddress, length, direction, dma, (long)poolAddress), cost, "");
    }

    /// <inheritdoc />
    public override DmaUnmapResult Unmap(in DmaBuffer buffer)
    {
        var status = _pool.Unmap((ulong)buffer.Handle, buffer.Length, buffer.Direction);
        if (status != WindowUnmapStatus.Unmapped)
            return new(DmaUnmapStatus.NotMapped, SimTime.Zero, $"pool buffer at 0x{buffer.Handle:x} was not mapped ({status})");
        SimTime cost = buffer.Direction != DmaDirection.ToDevice ? CountCopy(buffer.Length) : SimTime.Zero;
        return new(DmaUnmapStatus.Unmapped, cost, "");
    }

    /// <inheritdoc />
    public override SimTime SyncForDevice(in DmaBuffer buffer)
    {
        long bytes = _pool.SyncForDevice((ulong)buffer.Handle);
        return bytes > 0 ? CountCopy((uint)bytes) : SimTime.Zero;
    }

    /// <inheritdoc />
    protected override AccessVerdict AccessPage(uint gref, int offset, Span<byte> data, bool write, out string rule)
    {
        if (gref < _poolFirstRef || gref >= _poolFirstRef + (uint)PagesSpanned(_pool.Base, _pool.Size))
        {
            rule = $"grant ref {gref} is not in the persistent pool";
            return AccessVerdict.Denied;
        }
        return MoveMapped(Table.ReadEntry(gref).Frame, offset, data, write, out rule);
    }

    private SimTime CountCopy(uint length)
    {
        Counters.Copies++;
        Counters.BytesCopied += length;
        return Context.ChargeDriver(Costs.MemcpyCharge(length));
    }
}
