using Sim.Devices.Iommu;

namespace Sim.Devices.Tests.Iommu;

/// <summary>One test per status the device answers (virtio 1.2, 5.13.6), each breaking the rule that status reports.</summary>
public sealed class IommuDeviceStatusTests
{
    private const ulong P = IommuWorld.Page;

    [Fact]
    public void OK_attach_creates_the_domain_map_and_unmap_succeed_and_the_status_lands_in_the_tail()
    {
        var world = new IommuWorld();
        var buffer = IommuRequests.EncodeAttach(3, 1);
        Assert.Equal(IommuStatus.Ok, world.Device.Execute(buffer.AsSpan()));
        Assert.Equal(IommuStatus.Ok, IommuRequests.ReadStatus(buffer));
        Assert.Equal(3u, world.Device.DomainOf(1));
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuAttach(3, 2))); // existing domain
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuMap(3, 0x10000, 0x11fff, 0x4000, IommuMapFlags.Read)));
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuUnmap(3, 0, 0xfffff)));
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuUnmap(3, 0, 0xfffff))); // nothing left to unmap is still OK
        Assert.Equal(0, world.Device.Domain(3)!.Count);
    }

    [Fact]
    public void IOERR_for_a_truncated_buffer()
    {
        var world = new IommuWorld();
        var buffer = IommuRequests.EncodeAttach(1, 1)[..20];
        Assert.Equal(IommuStatus.IoErr, world.Device.Execute(buffer.AsSpan()));
        Assert.Equal(IommuStatus.IoErr, IommuRequests.ReadStatus(buffer));
    }

    [Fact]
    public void UNSUPP_for_probe_which_is_not_offered_and_for_an_unknown_type()
    {
        var world = new IommuWorld();
        Assert.Equal(0UL, world.Device.OfferedFeatures & (1UL << IommuFeatures.Probe));
        Assert.Equal(IommuStatus.Unsupp, world.Run(new IommuProbe(1, 64)));
        var unknown = IommuRequests.EncodeAttach(1, 1);
        unknown[0] = 0x42;
        Assert.Equal(IommuStatus.Unsupp, world.Device.Execute(unknown.AsSpan()));
    }

    [Fact]
    public void INVAL_for_an_overlapping_map_an_ill_formed_range_unknown_flags_and_a_detach_from_the_wrong_domain()
    {
        var world = new IommuWorld().Mapped(0x10000, 0x4000, pages: 4);
        Assert.Equal(IommuStatus.Inval, world.Run(new IommuMap(1, 0x13000, 0x14fff, 0x8000, IommuMapFlags.Read))); // overlaps the last page
        Assert.Equal(IommuStatus.Inval, world.Run(new IommuMap(1, 0xf000, 0x10fff, 0x8000, IommuMapFlags.Read))); // overlaps the first page
        Assert.Equal(IommuStatus.Inval, world.Run(new IommuMap(1, 0x30000, 0x2ffff, 0x8000, IommuMapFlags.Read))); // end before start
        Assert.Equal(IommuStatus.Inval, world.Run(new IommuMap(1, 0x30000, 0x30fff, 0x8000, IommuMapFlags.Mmio))); // MMIO not offered
        Assert.Equal(IommuStatus.Inval, world.Run(new IommuMap(1, 0x30000, 0x30fff, 0x8000, (IommuMapFlags)8))); // unknown flag
        Assert.Equal(IommuStatus.Inval, world.Run(new IommuUnmap(1, 0x20000, 0x1ffff)));
        Assert.Equal(IommuStatus.Inval, world.Run(new IommuAttach(2, 2, IommuLayout.AttachFlagBypass)));
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuAttach(2, 2)));
        Assert.Equal(IommuStatus.Inval, world.Run(new IommuDetach(2, 1))); // endpoint 1 is in domain 1
        Assert.Single(world.Device.Domain(1)!.Mappings);
    }

    [Fact]
    public void RANGE_for_a_misaligned_map_an_iova_or_domain_out_of_range_and_an_unmap_that_would_split_a_mapping()
    {
        var world = new IommuWorld().Mapped(0x10000, 0x4000, pages: 4);
        Assert.Equal(IommuStatus.Range, world.Run(new IommuMap(1, 0x20800, 0x217ff, 0x8000, IommuMapFlags.Read)));
        Assert.Equal(IommuStatus.Range, world.Run(new IommuMap(1, 0x20000, 0x20ffe, 0x8000, IommuMapFlags.Read)));
        Assert.Equal(IommuStatus.Range, world.Run(new IommuMap(1, 0x20000, 0x20fff, 0x8800, IommuMapFlags.Read)));
        Assert.Equal(IommuStatus.Range, world.Run(new IommuMap(1, 1UL << 48, (1UL << 48) + P - 1, 0, IommuMapFlags.Read)));
        Assert.Equal(IommuStatus.Range, world.Run(new IommuAttach(16, 2)));
        Assert.Equal(IommuStatus.Range, world.Run(new IommuUnmap(1, 0x11000, 0x13fff))); // would split [0x10000, 0x13fff]
        Assert.Equal(IommuStatus.Range, world.Run(new IommuUnmap(1, 0, 0x10fff)));
        Assert.Single(world.Device.Domain(1)!.Mappings); // nothing removed
    }

    [Fact]
    public void NOENT_for_an_unknown_domain_or_endpoint()
    {
        var world = new IommuWorld();
        Assert.Equal(IommuStatus.NoEnt, world.Run(new IommuMap(4, 0, P - 1, 0, IommuMapFlags.Read)));
        Assert.Equal(IommuStatus.NoEnt, world.Run(new IommuUnmap(4, 0, P - 1)));
        Assert.Equal(IommuStatus.NoEnt, world.Run(new IommuAttach(4, 99)));
        Assert.Equal(IommuStatus.NoEnt, world.Run(new IommuDetach(4, 1)));
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuAttach(4, 1)));
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuDetach(4, 1)));
        // the last endpoint left: the domain ceased to exist (5.13.6.4)
        Assert.Equal(IommuStatus.NoEnt, world.Run(new IommuMap(4, 0, P - 1, 0, IommuMapFlags.Read)));
    }

    [Fact]
    public void NOMEM_when_the_domain_holds_its_maximum_of_mappings()
    {
        var world = new IommuWorld(maxMappings: 2).Mapped(0, 0).Mapped(P, P);
        Assert.Equal(IommuStatus.NoMem, world.Run(new IommuMap(1, 2 * P, 3 * P - 1, 2 * P, IommuMapFlags.Read)));
        Assert.Equal(1, world.Device.Counters.WithStatus(IommuStatus.NoMem));
    }

    [Fact]
    public void Attaching_to_another_domain_moves_the_endpoint_and_ends_an_empty_domain()
    {
        var world = new IommuWorld().Mapped(0, 0);
        Assert.Equal(IommuStatus.Ok, world.Run(new IommuAttach(2, 1)));
        Assert.Equal(2u, world.Device.DomainOf(1));
        Assert.Null(world.Device.Domain(1));
        Assert.Equal(Sim.Hypervisors.Memory.AccessVerdict.Denied, world.Read(0));
    }
}
