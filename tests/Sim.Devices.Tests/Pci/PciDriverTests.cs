using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Pci;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Pci;

/// <summary>The driver's initialisation sequence (virtio 1.2, 3.1.1 and 4.1.5.1; Linux virtio_pci_modern), end to end against the device.</summary>
public sealed class PciDriverTests
{
    [Fact]
    public void Initialisation_with_msix_reaches_driver_ok_with_a_vector_per_queue()
    {
        var rig = PciRig.Create();
        var enabled = new List<(int Index, QueueConfig Config)>();
        rig.Device.QueueEnabled += (index, config) => enabled.Add((index, config));

        var result = rig.Driver.Initialize(new TransportInitRequest(PciRig.DefaultFeatures, [PciRig.Queue(0), PciRig.Queue(1, 64)]));

        Assert.True(result.Success, result.Reason);
        Assert.Empty(rig.Log.All);
        var expected = DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.FeaturesOk | DeviceStatus.DriverOk;
        Assert.Equal(expected, result.Status);
        Assert.Equal(expected, rig.Device.Status);
        Assert.Equal(PciRig.DefaultFeatures, result.NegotiatedFeatures);
        Assert.True(rig.Driver.MessageSignalled);
        Assert.True(rig.Device.MsixEnabled);
        Assert.Equal(0, rig.Device.ConfigVector);
        Assert.Equal(1, rig.Device.QueueVector(0));
        Assert.Equal(2, rig.Device.QueueVector(1));
        Assert.Equal([0, 1], enabled.Select(e => e.Index));
        Assert.Equal(PciRig.Queue(1, 64).DescriptorArea, rig.Device.GetQueueConfig(1)!.DescriptorTable);
        Assert.Equal(result.Queues, enabled.Select(e => e.Config));
        Assert.Equal(rig.Bus.Accesses.Count, result.RegisterAccesses);
        Assert.Equal(rig.Bus.Accesses.Count, rig.Driver.Accesses);
    }

    [Fact]
    public void Initialisation_follows_linux_order_and_counts_every_access()
    {
        var rig = PciRig.Create(memorySpace: false);
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)]));
        Assert.True(result.Success, result.Reason);

        var accesses = rig.Bus.Accesses;
        // Identification and pci_enable_device come first, in configuration space.
        Assert.Equal(new PciAccess(false, PciAccess.ConfigSpace, PciConfigHeader.VendorId, 2, 0x1af4), accesses[0]);
        Assert.Equal(new PciAccess(false, PciAccess.ConfigSpace, PciConfigHeader.DeviceId, 2, 0x1042), accesses[1]);
        Assert.Equal(new PciAccess(true, PciAccess.ConfigSpace, PciConfigHeader.Command, 2, PciConfigHeader.CommandMemory), accesses[3]);
        // The status writes of 3.1.1, starting with the reset that the driver reads back as 0.
        Assert.Equal(
        [
            DeviceStatus.None, DeviceStatus.Acknowledge, DeviceStatus.Acknowledge | DeviceStatus.Driver,
            DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.FeaturesOk,
            DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.FeaturesOk | DeviceStatus.DriverOk,
        ], rig.Bus.StatusWrites(rig.Layout));
        int reset = accesses.FindIndex(a => a.IsWrite && a.Offset == VirtioPciCommonCfg.DeviceStatus && a.Value == 0);
        Assert.Equal(new PciAccess(false, 4, VirtioPciCommonCfg.DeviceStatus, 1, 0), accesses[reset + 1]);
        // Every access counted, configuration space included.
        Assert.Equal(accesses.Count, result.RegisterAccesses);
        Assert.Equal(accesses.Count(a => a.IsWrite), rig.Driver.Writes);
        Assert.Equal(accesses.Count(a => !a.IsWrite), rig.Driver.Reads);
        Assert.True(accesses.Count(a => a.IsConfig) > 20, "the capability walk reads configuration space");
        Assert.True(rig.Device.MemorySpaceEnabled);
        Assert.Equal(PciConfigHeader.CommandMaster, rig.Device.Command & PciConfigHeader.CommandMaster);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void The_capability_walk_finds_every_structure()
    {
        var rig = PciRig.Create();
        Assert.True(rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)])).Success);
        var found = rig.Driver.Structures!;
        Assert.Equal(new StructureLocation(0x40, 4, 0x0000, 60), found.Common);
        Assert.Equal(new StructureLocation(0x70, 4, 0x3000, 8), found.Notify);
        Assert.Equal(4u, found.NotifyOffMultiplier);
        Assert.Equal(new StructureLocation(0x50, 4, 0x1000, 1), found.Isr);
        Assert.Equal(new StructureLocation(0x60, 4, 0x2000, 16), found.Device);
        Assert.Equal(new MsixLocation(0x98, 3, 4, 0x4000, 4, 0x5000, Enabled: false), found.Msix);
    }

    [Fact]
    public void Initialisation_with_intx_programs_no_vector_and_reads_the_isr_per_interrupt()
    {
        var rig = PciRig.Create(useMsix: false);
        var result = rig.Driver.Initialize(new TransportInitRequest(PciRig.DefaultFeatures, [PciRig.Queue(0), PciRig.Queue(1)]));
        Assert.True(result.Success, result.Reason);
        Assert.False(rig.Driver.MessageSignalled);
        Assert.False(rig.Device.MsixEnabled);
        Assert.Equal(VirtioPciCommonCfg.NoVector, rig.Device.ConfigVector);
        Assert.Equal(VirtioPciCommonCfg.NoVector, rig.Device.QueueVector(1));
        Assert.DoesNotContain(rig.Bus.Accesses, a => a.IsWrite && a.Offset is VirtioPciCommonCfg.MsixConfig or VirtioPciCommonCfg.QueueMsixVector);
        Assert.DoesNotContain(rig.Bus.Accesses, a => rig.Layout.MsixTable.Contains(a.Offset) && !a.IsConfig);
        Assert.NotNull(rig.Device.GetQueueConfig(1));
        Assert.Empty(rig.Log.All);

        var withMsix = PciRig.Create();
        var msixResult = withMsix.Driver.Initialize(new TransportInitRequest(PciRig.DefaultFeatures, [PciRig.Queue(0), PciRig.Queue(1)]));
        // MSI-X costs its set-up: 2 Message Control writes, 4 writes per table entry, a write and a read per vector field.
        Assert.Equal(result.RegisterAccesses + 2 + 3 * 4 + 3 * 2, msixResult.RegisterAccesses);
    }

    [Fact]
    public void A_table_too_small_for_a_vector_per_queue_makes_the_driver_use_intx()
    {
        var rig = PciRig.Create(options: new PciDeviceOptions { MsixVectors = 2 });
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0), PciRig.Queue(1)]));
        Assert.True(result.Success, result.Reason);
        Assert.False(rig.Driver.MessageSignalled);
        Assert.Equal(InterruptRaise.Deliver(0), rig.Device.RaiseUsedBufferInterrupt(1));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void A_function_without_msix_is_driven_with_intx()
    {
        var rig = PciRig.Create(options: new PciDeviceOptions { MsixVectors = 0 });
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)]));
        Assert.True(result.Success, result.Reason);
        Assert.Null(rig.Driver.Structures!.Msix);
        Assert.False(rig.Driver.MessageSignalled);
    }

    [Fact]
    public void A_vector_the_device_cannot_map_stops_initialisation_with_vector_refused()
    {
        var rig = PciRig.Create(options: new PciDeviceOptions { VectorResources = 2 });
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0), PciRig.Queue(1)]));
        Assert.Equal(TransportInitFailure.VectorRefused, result.Failure);
        Assert.Contains("queue 1", result.Reason, StringComparison.Ordinal);
        Assert.True(result.Status.HasFlag(DeviceStatus.Failed));
        Assert.True(rig.Device.Status.HasFlag(DeviceStatus.Failed));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void A_device_refusing_features_ok_fails_negotiation_and_gets_failed()
    {
        var rig = PciRig.Create(features: VirtioFeatures.Version1);
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)], RequiredFeatures: VirtioFeatures.RingPacked));
        Assert.Equal(TransportInitFailure.FeatureNegotiationFailed, result.Failure);
        Assert.Equal(DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.Failed, rig.Device.Status);
        Assert.Null(rig.Device.GetQueueConfig(0));
        rig.AssertOnly(TransportRule.FeatureNotOffered); // the demanding driver's misuse, seen by the device
    }

    [Fact]
    public void A_needed_feature_the_device_does_not_offer_stops_before_features_ok()
    {
        var rig = PciRig.Create(features: VirtioFeatures.Version1);
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform, [PciRig.Queue(0)],
            NeededFeatures: VirtioFeatures.AccessPlatform));
        Assert.Equal(TransportInitFailure.FeatureNegotiationFailed, result.Failure);
        Assert.Equal(DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.Failed, rig.Device.Status);
        Assert.Empty(rig.Log.All);
    }

    [Theory]
    [InlineData(VirtioPciCfgType.Common)]
    [InlineData(VirtioPciCfgType.Notify)]
    [InlineData(VirtioPciCfgType.Isr)]
    [InlineData(VirtioPciCfgType.Device)]
    public void A_missing_structure_capability_stops_initialisation(VirtioPciCfgType hidden)
    {
        var rig = PciRig.Create();
        // Give the hidden capability a reserved cfg_type, which a driver must ignore (4.1.4.1).
        rig.Bus.ConfigReadFilter = (offset, width, value) =>
            width == 1 && offset % 16 == VirtioPciCap.CfgType && value == (uint)hidden && offset < PciCapabilityPlacement.PciCfg ? 7u : value;
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)]));
        Assert.Equal(TransportInitFailure.MissingCapability, result.Failure);
        Assert.Equal(DeviceStatus.None, rig.Device.Status);
        Assert.DoesNotContain(rig.Bus.Accesses, a => a.IsWrite && !a.IsConfig);
    }

    [Fact]
    public void A_capability_with_a_reserved_bar_is_ignored()
    {
        var rig = PciRig.Create();
        rig.Bus.ConfigReadFilter = (offset, width, value) => offset == PciCapabilityPlacement.Isr + VirtioPciCap.Bar ? 6u : value;
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)]));
        Assert.Equal(TransportInitFailure.MissingCapability, result.Failure);
        Assert.Contains("ISR", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capability_list_that_loops_stops_the_walk()
    {
        var rig = PciRig.Create();
        rig.Bus.ConfigReadFilter = (offset, width, value) => offset == PciCapabilityPlacement.Common && width == 2 ? (uint)(PciCapabilityPlacement.Msix << 8) | 0x09 : value;
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)]));
        Assert.Equal(TransportInitFailure.MissingCapability, result.Failure);
        Assert.Contains("loops", result.Reason, StringComparison.Ordinal);
        Assert.True(rig.Bus.Accesses.Count < 400);
    }

    [Fact]
    public void A_function_that_is_not_a_virtio_1_device_is_left_alone()
    {
        var rig = PciRig.Create();
        rig.Bus.ConfigReadFilter = (offset, width, value) => offset == PciConfigHeader.DeviceId ? 0x1001u : value; // transitional: legacy
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)]));
        Assert.Equal(TransportInitFailure.NoDevice, result.Failure);
        Assert.Equal(2, result.RegisterAccesses);
        Assert.Equal(0u, rig.Driver.ReadDeviceType());
    }

    [Fact]
    public void A_queue_with_size_0_is_unavailable_and_an_enabled_one_is_in_use()
    {
        var unavailable = PciRig.Create(queueSizeMax: [256, 0]);
        var result = unavailable.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0), PciRig.Queue(1)]));
        Assert.Equal(TransportInitFailure.QueueUnavailable, result.Failure);
        Assert.True(unavailable.Device.Status.HasFlag(DeviceStatus.Failed));

        var beyond = PciRig.Create(queueSizeMax: [256]);
        Assert.Equal(TransportInitFailure.QueueUnavailable,
            beyond.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0), PciRig.Queue(1)])).Failure);

        var inUse = PciRig.Create();
        inUse.Bus.BarReadFilter = (bar, offset, width, value) => offset == VirtioPciCommonCfg.QueueEnable ? 1u : value;
        Assert.Equal(TransportInitFailure.QueueInUse,
            inUse.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)])).Failure);
    }

    [Fact]
    public void The_driver_writes_a_power_of_two_size_for_split_rings()
    {
        var rig = PciRig.Create();
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0, 100), PciRig.Queue(1, 0)]));
        Assert.True(result.Success, result.Reason);
        Assert.Equal([64, 256], result.Queues.Select(q => (int)q.Size));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Reset_is_read_back_until_device_status_reads_0()
    {
        var rig = PciRig.Create();
        int slowReads = 3;
        rig.Bus.BarReadFilter = (bar, offset, width, value) =>
            offset == VirtioPciCommonCfg.DeviceStatus && slowReads-- > 0 ? (uint)DeviceStatus.Acknowledge : value;
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)]));
        Assert.True(result.Success, result.Reason);
        Assert.Equal(4, rig.Bus.Accesses.Count(a => !a.IsWrite && !a.IsConfig && a.Offset == VirtioPciCommonCfg.DeviceStatus) - 1);

        var stuck = PciRig.Create();
        stuck.Bus.BarReadFilter = (bar, offset, width, value) => offset == VirtioPciCommonCfg.DeviceStatus ? 1u : value;
        var failed = stuck.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)]));
        Assert.Equal(TransportInitFailure.NoDevice, failed.Failure);
        Assert.Contains("after a reset", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_config_retries_while_the_generation_changes()
    {
        var rig = PciRig.Create(config: [1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
        Assert.True(rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)])).Success);
        int updates = 0;
        rig.Bus.After = access =>
        {
            if (!access.IsWrite && access.Offset == rig.Layout.Device.Offset && updates++ == 0) rig.Device.UpdateConfig(8, [10], notify: false);
        };

        long before = rig.Driver.Accesses;
        var snapshot = rig.Driver.ReadConfig(c => (c.ReadU64(0), c.ReadU8(8)));

        Assert.True(snapshot.Stable);
        Assert.Equal(2, snapshot.Attempts);
        Assert.Equal((1UL, (byte)10), snapshot.Value);
        Assert.Equal(2 * (2 + 3), rig.Driver.Accesses - before); // per attempt: two generation reads, 2 + 1 field reads
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Read_device_type_reads_the_pci_device_id()
    {
        var rig = PciRig.Create(deviceId: 26);
        Assert.Equal(26u, rig.Driver.ReadDeviceType());
        Assert.Equal(new PciAccess(false, PciAccess.ConfigSpace, PciConfigHeader.DeviceId, 2, 0x105a), Assert.Single(rig.Bus.Accesses));
        Assert.Equal(1, rig.Driver.Accesses);
    }

    [Fact]
    public void A_second_initialisation_starts_over_cleanly()
    {
        var rig = PciRig.Create();
        var request = new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0), PciRig.Queue(1)]);
        Assert.True(rig.Driver.Initialize(request).Success);
        var again = rig.Driver.Initialize(request);
        Assert.True(again.Success, again.Reason);
        Assert.Equal(2, rig.Device.QueueVector(1));
        Assert.Empty(rig.Log.All);
    }
}
