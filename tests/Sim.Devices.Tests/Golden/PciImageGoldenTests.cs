using System.Buffers.Binary;
using System.Globalization;
using Sim.Devices.Tests.Pci;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Pci;

namespace Sim.Devices.Tests.Golden;

/// <summary>
/// C reads the bytes the simulator builds: the function's 256-byte configuration space (<see cref="PciDevice.ConfigSpaceBytes"/>)
/// and its common configuration structure as the driver reads it, dumped after a driver initialised the device.
/// <c>linux_pci_image_check.c</c> walks the capability list with pci_regs.h offsets and reads each capability through
/// <c>struct virtio_pci_cap</c> (and its notify and cfg variants) and the MSI-X capability through <c>PCI_MSIX_*</c>,
/// and the common configuration through <c>struct virtio_pci_common_cfg</c>; every value must be what the simulator's
/// layout (<see cref="PciBarLayout"/>, <see cref="PciCapabilityPlacement"/>) and the driver's set-up say.
/// </summary>
public sealed class PciImageGoldenTests(PciImageChecker checker) : IClassFixture<PciImageChecker>
{
    [Fact]
    public void An_initialised_msix_function_is_what_linux_reads()
    {
        var rig = PciRig.Create(queueSizeMax: [256, 64], config: new byte[24]);
        const ulong features = VirtioFeatures.Version1 | VirtioFeatures.EventIdx;
        Assert.True(rig.Driver.Initialize(new TransportInitRequest(features, [PciRig.Queue(0), PciRig.Queue(1, 64)])).Success);
        // Aim the configuration access window at num_queues and read it, so pci_cfg_data holds a value.
        int window = PciCapabilityPlacement.PciCfg;
        rig.Device.WriteConfig(window + VirtioPciCap.Bar, 1, 4);
        rig.Device.WriteConfig(window + VirtioPciCap.Length, 4, 2);
        rig.Device.WriteConfig(window + VirtioPciCap.Offset, 4, VirtioPciCommonCfg.NumQueues);
        rig.Device.ReadConfig(window + VirtioPciCap.PciCfgData, 4);
        Assert.Empty(rig.Log.All);

        var layout = rig.Layout;
        var expected = Header(rig.Device, command: PciConfigHeader.CommandMemory | PciConfigHeader.CommandMaster, status: PciConfigHeader.StatusCapabilityList, capabilityList: PciCapabilityPlacement.Msix);
        Msix(expected, 0, PciCapabilityPlacement.Msix, next: PciCapabilityPlacement.PciCfg, layout, tableSize: 3, enabled: true);
        VirtioCaps(expected, first: 1, layout, pciCfg: (4, VirtioPciCommonCfg.NumQueues, 2, 2));
        var queue1 = PciRig.Queue(1, 64);
        Add(expected, "common.device_feature_select", 1);          // the driver read window 1 last
        Add(expected, "common.device_feature", rig.Device.DeviceFeatures >> 32);
        Add(expected, "common.guest_feature_select", 1);
        Add(expected, "common.guest_feature", features >> 32);
        Add(expected, "common.msix_config", PciDriver.ConfigChangeVector);
        Add(expected, "common.num_queues", 2);
        Add(expected, "common.device_status", (ulong)(DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.FeaturesOk | DeviceStatus.DriverOk));
        Add(expected, "common.config_generation", 0);
        Add(expected, "common.queue_select", 1);                   // the last queue the driver set up
        Add(expected, "common.queue_size", 64);
        Add(expected, "common.queue_msix_vector", 2);
        Add(expected, "common.queue_enable", 1);
        Add(expected, "common.queue_notify_off", 1);
        Add(expected, "common.queue_desc_lo", (uint)queue1.DescriptorArea);
        Add(expected, "common.queue_desc_hi", queue1.DescriptorArea >> 32);
        Add(expected, "common.queue_avail_lo", (uint)queue1.DriverArea);
        Add(expected, "common.queue_avail_hi", queue1.DriverArea >> 32);
        Add(expected, "common.queue_used_lo", (uint)queue1.DeviceArea);
        Add(expected, "common.queue_used_hi", queue1.DeviceArea >> 32);
        Add(expected, "common.queue_notify_data", 1);
        Add(expected, "common.queue_reset", 0);

        checker.AssertReads(rig.Device, "msix", expected);
    }

    [Fact]
    public void An_intx_function_without_msix_with_its_interrupt_pending_is_what_linux_reads()
    {
        var rig = PciRig.Create(queueSizeMax: [128], options: new PciDeviceOptions { MsixVectors = 0 }, deviceId: 1);
        Assert.True(rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)])).Success);
        rig.Device.RaiseUsedBufferInterrupt(0);

        var expected = Header(rig.Device, command: PciConfigHeader.CommandMemory | PciConfigHeader.CommandMaster,
            status: PciConfigHeader.StatusCapabilityList | PciConfigHeader.StatusInterrupt, capabilityList: PciCapabilityPlacement.PciCfg);
        VirtioCaps(expected, first: 0, rig.Layout, pciCfg: (0, 0, 0, 0));
        Add(expected, "common.msix_config", VirtioPciCommonCfg.NoVector);
        Add(expected, "common.num_queues", 1);
        Add(expected, "common.queue_select", 0);
        Add(expected, "common.queue_size", 128);
        Add(expected, "common.queue_msix_vector", VirtioPciCommonCfg.NoVector);
        Add(expected, "common.queue_enable", 1);
        Add(expected, "common.queue_desc_lo", (uint)PciRig.Queue(0).DescriptorArea);

        checker.AssertReads(rig.Device, "intx", expected);
    }

    private static Dictionary<string, ulong> Header(PciDevice device, ulong command, ulong status, int capabilityList)
    {
        var expected = new Dictionary<string, ulong>(StringComparer.Ordinal);
        Add(expected, "header.vendor", VirtioPciIdentity.VendorId);
        Add(expected, "header.device", VirtioPciIdentity.DeviceIdFor(device.DeviceId));
        Add(expected, "header.command", command);
        Add(expected, "header.status", status);
        Add(expected, "header.revision", VirtioPciIdentity.ModernRevisionId);
        Add(expected, "header.class", VirtioPciIdentity.ClassCodeFor(device.DeviceId));
        Add(expected, "header.header_type", PciConfigHeader.HeaderTypeNormal);
        Add(expected, "header.bar4", PciConfigHeader.BarSpaceMemory | PciConfigHeader.BarMemoryType64);
        Add(expected, "header.bar5", 0);
        Add(expected, "header.subsystem_vendor", device.SubsystemVendorId);
        Add(expected, "header.subsystem", VirtioPciIdentity.QemuSubsystemId);
        Add(expected, "header.capability_list", (ulong)capabilityList);
        Add(expected, "header.interrupt_pin", PciConfigHeader.InterruptPinIntA);
        return expected;
    }

    private static void Msix(Dictionary<string, ulong> expected, int n, int at, int next, PciBarLayout layout, int tableSize, bool enabled)
    {
        Cap(expected, n, "at", (ulong)at);
        Cap(expected, n, "id", PciConfigHeader.CapabilityIdMsix);
        Cap(expected, n, "next", (ulong)next);
        Cap(expected, n, "table_size", (ulong)tableSize);
        Cap(expected, n, "enable", enabled ? 1UL : 0);
        Cap(expected, n, "function_mask", 0);
        Cap(expected, n, "table_bir", (ulong)layout.Bar);
        Cap(expected, n, "table_offset", layout.MsixTable.Offset);
        Cap(expected, n, "pba_bir", (ulong)layout.Bar);
        Cap(expected, n, "pba_offset", layout.MsixPba.Offset);
    }

    /// <summary>The five virtio capabilities from the list position <paramref name="first"/> on, in QEMU's order.</summary>
    private static void VirtioCaps(Dictionary<string, ulong> expected, int first, PciBarLayout layout, (int Bar, uint Offset, uint Length, uint Data) pciCfg)
    {
        var caps = new (int At, VirtioPciCfgType Type, int Length, int Bar, BarRegion Region)[]
        {
            (PciCapabilityPlacement.PciCfg, VirtioPciCfgType.PciCfg, VirtioPciCap.CfgCapSize, pciCfg.Bar, new BarRegion(pciCfg.Offset, pciCfg.Length)),
            (PciCapabilityPlacement.Notify, VirtioPciCfgType.Notify, VirtioPciCap.NotifyCapSize, layout.Bar, layout.Notify),
            (PciCapabilityPlacement.Device, VirtioPciCfgType.Device, VirtioPciCap.Size, layout.Bar, layout.Device),
            (PciCapabilityPlacement.Isr, VirtioPciCfgType.Isr, VirtioPciCap.Size, layout.Bar, layout.Isr),
            (PciCapabilityPlacement.Common, VirtioPciCfgType.Common, VirtioPciCap.Size, layout.Bar, layout.Common),
        };
        for (int i = 0; i < caps.Length; i++)
        {
            int n = first + i;
            var cap = caps[i];
            Cap(expected, n, "at", (ulong)cap.At);
            Cap(expected, n, "id", PciConfigHeader.CapabilityIdVendor);
            Cap(expected, n, "next", i + 1 < caps.Length ? (ulong)caps[i + 1].At : 0);
            Cap(expected, n, "cap_len", (ulong)cap.Length);
            Cap(expected, n, "cfg_type", (ulong)cap.Type);
            Cap(expected, n, "bar", (ulong)cap.Bar);
            Cap(expected, n, "id_field", 0);
            Cap(expected, n, "offset", cap.Region.Offset);
            Cap(expected, n, "length", cap.Region.Length);
        }
        Cap(expected, first + 1, "notify_off_multiplier", layout.NotifyOffMultiplier);
        Cap(expected, first, "pci_cfg_data", pciCfg.Data);
        Add(expected, "caps.count", (ulong)(first + caps.Length));
    }

    private static void Cap(Dictionary<string, ulong> expected, int n, string field, ulong value) => Add(expected, $"cap.{n}.{field}", value);

    private static void Add(Dictionary<string, ulong> expected, string key, ulong value) => expected[key] = value;
}

/// <summary>linux_pci_image_check.c compiled once for <see cref="PciImageGoldenTests"/>; its directory holds the image files.</summary>
public sealed class PciImageChecker : IDisposable
{
    private readonly Lazy<GoldenCProgram> _program = new(() => GoldenCProgram.Compile("linux_pci_image_check.c"));

    /// <summary>
    /// Dumps <paramref name="device"/>'s configuration space and its common configuration (each field read through the
    /// BAR at its own width), runs the checker, and asserts that every key of <paramref name="expected"/> was read
    /// with that value (keys the test leaves out are not compared).
    /// </summary>
    internal void AssertReads(PciDevice device, string name, IReadOnlyDictionary<string, ulong> expected)
    {
        var program = _program.Value;
        string config = Path.Combine(program.Directory, $"{name}.config"), common = Path.Combine(program.Directory, $"{name}.common");
        File.WriteAllBytes(config, device.ConfigSpaceBytes.ToArray());
        File.WriteAllBytes(common, CommonImage(device));

        var run = program.Run(config, common);
        Assert.True(run.ExitCode == 0, $"linux_pci_image_check exited with {run.ExitCode}: {run.Stdout}{run.Stderr}");
        var read = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (string line in run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = line.IndexOf('=');
            Assert.True(equals > 0, $"not key=value: '{line}'");
            read[line[..equals]] = ulong.Parse(line.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        var differences = expected
            .Where(e => !read.TryGetValue(e.Key, out ulong got) || got != e.Value)
            .Select(e => read.TryGetValue(e.Key, out ulong got) ? $"{e.Key}: simulator says 0x{e.Value:x}, Linux reads 0x{got:x}" : $"{e.Key}: Linux read nothing")
            .ToList();
        Assert.True(differences.Count == 0, $"Linux reads the '{name}' function differently:\n{string.Join("\n", differences)}");
        Assert.True(expected.Count >= 40, $"only {expected.Count} values compared");
    }

    /// <summary>The common configuration as a driver sees it: every field read at its width, laid out at its offset.</summary>
    private static byte[] CommonImage(PciDevice device)
    {
        var image = new byte[VirtioPciCommonCfg.Length];
        foreach (var field in VirtioPciCommonCfg.Fields)
        {
            uint value = device.Read(device.Layout.Bar, device.Layout.Common.Offset + (ulong)field.Offset, field.Width);
            var at = image.AsSpan(field.Offset, field.Width);
            switch (field.Width)
            {
                case 1: at[0] = (byte)value; break;
                case 2: BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)value); break;
                default: BinaryPrimitives.WriteUInt32LittleEndian(at, value); break;
            }
        }
        return image;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_program.IsValueCreated) _program.Value.Dispose();
    }
}
