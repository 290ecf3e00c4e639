using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;

namespace Sim.Hypervisors.Tests.Xen;

/// <summary>
/// A one-guest, one-backend grant scenario in one line: domain 1 ("vm1", <see cref="Pages"/> pages) with its grant
/// table at page 0, backend domain <see cref="Backend"/> mapping through <see cref="Mapper"/> and touching memory
/// through <see cref="Device"/>, every access kept in <see cref="Log"/>.
/// </summary>
internal sealed class GrantWorld
{
    public const ushort Guest = 1;
    public const ushort Backend = 0;
    public const ushort Stranger = 7;
    public const ulong Page = GuestMemory.PageSize;

    public GrantWorld(int pages = 16, int tableFrames = 1, int maxHandles = GrantMapper.DefaultMaxHandles)
    {
        Pages = pages;
        Memory = new GuestMemory("vm1", (ulong)pages * Page);
        Table = new GrantTable(Memory, Guest, baseAddress: 0, tableFrames);
        Mapper = new GrantMapper(Table, maxHandles);
        Log = new AccessLog(keepEveryAccess: true);
        Device = new GrantedDeviceMemory(Mapper, Backend, "dom0/backend", Log);
    }

    public int Pages { get; }
    public GuestMemory Memory { get; }
    public GrantTable Table { get; }
    public GrantMapper Mapper { get; }
    public AccessLog Log { get; }
    public GrantedDeviceMemory Device { get; }

    /// <summary>Grants the backend <paramref name="frame"/>, asserting success.</summary>
    public uint Grant(ulong frame, bool readOnly = false)
    {
        Assert.Equal(GrantStatus.Okay, Table.TryGrantAccess(Backend, frame, readOnly, out uint gref));
        return gref;
    }

    /// <summary>Maps <paramref name="gref"/> for the backend, asserting success.</summary>
    public GrantHandle Map(uint gref, bool writable = true)
    {
        Assert.Equal(GrantStatus.Okay, Mapper.Map(Backend, gref, writable, out var handle, out _));
        return handle;
    }

    /// <summary>The entry's flags as they are in guest memory.</summary>
    public GrantFlags Flags(uint gref) => Table.ReadEntry(gref).Flags;
}
