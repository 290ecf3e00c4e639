using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Tests.Mmio;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Pci;
using Sim.Tests.Shared;
using static Sim.Devices.Virtio.Facilities.DeviceStatus;
using C = Sim.Devices.Virtio.Pci.VirtioPciCommonCfg;

namespace Sim.Devices.Tests.Pci;

/// <summary>
/// Any sequence of configuration-space and BAR accesses, device-model calls and interrupt acknowledgements never throws
/// and keeps the transport's invariants: the status is always well formed, FEATURES_OK means an accepted feature set,
/// enabled queues have valid sizes, vectors are in the table or NO_VECTOR, INTx# and the PCI Status interrupt bit follow
/// the ISR, the capability list never changes, and a reset (read back as 0) lets a proper driver start over.
/// </summary>
public sealed class RandomPciAccessPropertyTests
{
    private enum OpKind
    {
        ConfigWrite, ConfigRead, BarWrite, BarRead, RaiseUsedBuffer, RaiseConfigChange, UpdateConfig, SetNeedsReset, MessageTaken,
        NextStatusStep, WriteFeatures, SetUpQueue, Notify, ReadStatus, EnableMsix,
    }

    private sealed record Op(OpKind Kind, int Bar, ulong Offset, int Width, uint Value);

    private const ulong Offered = VirtioFeatures.Version1 | VirtioFeatures.EventIdx | VirtioFeatures.RingReset |
        VirtioFeatures.NotificationData | VirtioFeatures.RingPacked | 0x1;
    private static readonly ushort[] QueueSizeMax = [64, 16, 0];
    private static readonly PciBarLayout Layout = PciBarLayout.For(QueueSizeMax.Length, 12, QueueSizeMax.Length + 1);

    private static readonly ulong[] BarOffsets =
    [
        .. C.Fields.Select(f => (ulong)f.Offset), C.DeviceStatus, C.DeviceStatus, C.QueueEnable, C.QueueSelect,
        Layout.Isr.Offset, Layout.Device.Offset, Layout.Device.Offset + 2, Layout.Device.Offset + 8, Layout.Device.Offset + 11,
        Layout.NotifyAddress(0), Layout.NotifyAddress(1), Layout.NotifyAddress(2), Layout.NotifyAddress(1) + 2,
        Layout.MsixTable.Offset, Layout.MsixTable.Offset + 12, Layout.MsixTable.Offset + 16 + 12, Layout.MsixTable.Offset + 40,
        Layout.MsixPba.Offset, 0x40, 0x1004,
    ];

    private static readonly int[] ConfigOffsets =
    [
        PciConfigHeader.Command, PciConfigHeader.Command, PciConfigHeader.Status, PciConfigHeader.Bar(4), PciConfigHeader.Bar(5),
        PciConfigHeader.InterruptLine, PciConfigHeader.CapabilityList, PciCapabilityPlacement.Common + VirtioPciCap.Offset,
        PciCapabilityPlacement.Notify + VirtioPciCap.NotifyOffMultiplier, PciCapabilityPlacement.PciCfg + VirtioPciCap.Bar,
        PciCapabilityPlacement.PciCfg + VirtioPciCap.Offset, PciCapabilityPlacement.PciCfg + VirtioPciCap.Length,
        PciCapabilityPlacement.PciCfg + VirtioPciCap.PciCfgData, PciCapabilityPlacement.PciCfg + VirtioPciCap.PciCfgData,
        PciCapabilityPlacement.Msix + MsixCapability.MessageControl, PciCapabilityPlacement.Msix + MsixCapability.MessageControl,
        PciCapabilityPlacement.Msix + MsixCapability.Table,
    ];

    private static readonly uint[] StatusSteps =
    [
        (uint)Acknowledge, (uint)(Acknowledge | Driver), (uint)(Acknowledge | Driver | FeaturesOk),
        (uint)(Acknowledge | Driver | FeaturesOk | DriverOk), (uint)(Acknowledge | Driver | FeaturesOk | DriverOk | Suspend),
    ];

    private static readonly Gen<uint> Values = Gen.Frequency(
        (6, Gen.Elements(0u, 1u, 2u, 3u, 4u, 5u, 16u, 64u, 100u, 0x20u, 0x40u, 0x80u, 0x7ffu, 0xffffu, 0x8000_0000u, 0xc000u, 0x8000u, 0x4000u, 0x406u, 0x6u)),
        (4, Gen.Elements(StatusSteps)),
        (1, Gen.Choose(int.MinValue, int.MaxValue).Select(v => unchecked((uint)v))));

    private static readonly Gen<int> Widths = Gen.Frequency((12, Gen.Elements(1, 2, 4)), (1, Gen.Elements(3, 8)));

    private static readonly Gen<Op> Ops = Gen.Frequency(
        (8, from offset in Gen.Frequency((10, Gen.Elements(BarOffsets)), (1, Gen.Choose(0, 0x8100).Select(o => (ulong)o)))
            from width in Widths
            from value in Values
            from bar in Gen.Frequency((20, Gen.Constant(4)), (1, Gen.Elements(0, 5)))
            from write in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            select new Op(write ? OpKind.BarWrite : OpKind.BarRead, bar, offset, width, value)),
        (3, from offset in Gen.Frequency((8, Gen.Elements(ConfigOffsets)), (1, Gen.Choose(0, 0x104)))
            from width in Widths
            from value in Values
            from write in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            select new Op(write ? OpKind.ConfigWrite : OpKind.ConfigRead, -1, (ulong)offset, width, value)),
        (2, from kind in Gen.Elements(OpKind.RaiseUsedBuffer, OpKind.RaiseConfigChange, OpKind.UpdateConfig, OpKind.SetNeedsReset, OpKind.MessageTaken)
            from value in Values
            select new Op(kind, 4, 0, 0, value)),
        (7, from kind in Gen.Elements(OpKind.NextStatusStep, OpKind.NextStatusStep, OpKind.WriteFeatures, OpKind.SetUpQueue, OpKind.Notify, OpKind.ReadStatus, OpKind.EnableMsix)
            from value in Gen.Choose(0, int.MaxValue)
            select new Op(kind, 4, 0, 0, (uint)value)));

    [Fact]
    public void Random_pci_traffic_never_throws_and_keeps_the_invariants()
    {
        var sequences = Gen.ListOf(Ops).Select(l => l.ToArray()).ToArbitrary();
        var property = Prop.ForAll(sequences, ops =>
        {
            var log = new ViolationLog();
            var device = new PciDevice(PciRig.BlockDeviceId, PciRig.SubsystemVendor, Offered, QueueSizeMax, new byte[12], log);
            device.WriteConfig(PciConfigHeader.Command, 2, PciConfigHeader.CommandMemory);
            byte[] pristine = device.ConfigSpaceBytes.ToArray();
            string? broken = null;
            device.QueueEnabled += (_, _) => broken ??= device.Status.HasFlag(FeaturesOk) ? null : "queue enabled without FEATURES_OK";
            device.Notified += _ => broken ??= device.Status.HasFlag(DriverOk) ? null : "notification accepted before DRIVER_OK";

            for (int i = 0; i < ops.Length && broken is null; i++)
            {
                Apply(device, ops[i]);
                broken = CheckInvariants(device, pristine);
                if (broken is null && ops[i] is { Kind: OpKind.BarWrite, Bar: 4, Offset: C.DeviceStatus, Width: 1, Value: 0 } && device.MemorySpaceEnabled)
                    broken = CheckReset(device);
                if (broken is not null) broken = $"after op {i} {ops[i]}: {broken}";
            }

            var restart = new PciDriver(device).Initialize(new TransportInitRequest(Offered & ~VirtioFeatures.RingPacked, [new QueueSetup(0, 64, 0x1000, 0x2000, 0x3000)]));
            broken ??= restart.Success ? null : $"a proper driver could not start over: {restart.Reason}";
            broken ??= device.MsixEnabled && device.QueueVector(0) == 1 ? null : "the restarted driver has no MSI-X vector for queue 0";
            return (broken is null).Label(broken ?? "ok");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    private static void Apply(PciDevice device, Op op)
    {
        const int bar = PciBarLayout.ModernBar;
        switch (op.Kind)
        {
            case OpKind.BarWrite: device.Write(op.Bar, op.Offset, op.Width, op.Value); break;
            case OpKind.BarRead: device.Read(op.Bar, op.Offset, op.Width); break;
            case OpKind.ConfigWrite: device.WriteConfig((int)op.Offset, op.Width, op.Value); break;
            case OpKind.ConfigRead: device.ReadConfig((int)op.Offset, op.Width); break;
            case OpKind.RaiseUsedBuffer: device.RaiseUsedBufferInterrupt((int)(op.Value % (uint)QueueSizeMax.Length)); break;
            case OpKind.RaiseConfigChange: device.RaiseConfigChangeInterrupt(); break;
            case OpKind.UpdateConfig: device.UpdateConfig((int)(op.Value % 12), [(byte)op.Value]); break;
            case OpKind.SetNeedsReset: device.SetNeedsReset(); break;
            case OpKind.MessageTaken: device.MessageTaken((int)(op.Value % 6) - 1); break;
            case OpKind.NextStatusStep:
                device.Write(bar, C.DeviceStatus, 1, (uint)(device.Status | DeviceStatusMachine.NextStep(device.Status)));
                break;
            case OpKind.ReadStatus: device.Read(bar, C.DeviceStatus, 1); break;
            case OpKind.WriteFeatures: // mostly a subset of the offer with VERSION_1, sometimes not
                ulong features = op.Value % 5 == 0 ? op.Value * 0x9e37_79b9UL : (Offered & op.Value) | VirtioFeatures.Version1;
                device.Write(bar, C.DriverFeatureSelect, 4, 0);
                device.Write(bar, C.DriverFeature, 4, (uint)features);
                device.Write(bar, C.DriverFeatureSelect, 4, 1);
                device.Write(bar, C.DriverFeature, 4, (uint)(features >> 32));
                break;
            case OpKind.SetUpQueue:
                device.Write(bar, C.QueueSelect, 2, op.Value % 4);
                device.Write(bar, C.QueueSize, 2, op.Value % 3 == 0 ? op.Value % 80 : 1u << (int)(op.Value % 7));
                foreach (int field in (int[])[C.QueueDescLow, C.QueueDriverLow, C.QueueDeviceLow])
                    device.Write(bar, (ulong)field, 4, op.Value & ~0xfu);
                device.Write(bar, C.QueueMsixVector, 2, op.Value % 6);
                device.Write(bar, C.QueueEnable, 2, 1);
                break;
            case OpKind.Notify: device.Write(bar, Layout.NotifyAddress((ushort)(op.Value % 4)), op.Value % 2 == 0 ? 2 : 4, op.Value % 4); break;
            case OpKind.EnableMsix:
                device.WriteConfig(PciCapabilityPlacement.Msix + MsixCapability.MessageControl, 2, MsixCapability.Enable);
                device.Write(bar, Layout.MsixTable.Offset + (op.Value % 4) * 16 + 12, 4, 0);
                break;
        }
    }

    private static string? CheckInvariants(PciDevice device, byte[] pristine)
    {
        var status = device.Status;
        if (!DeviceStatusMachine.IsWellFormed(status)) return $"status {status} is not well formed";
        if (status.HasFlag(DriverOk) && !status.HasFlag(FeaturesOk)) return "DRIVER_OK without FEATURES_OK";
        if (status.HasFlag(FeaturesOk) != (device.NegotiatedFeatures != 0)) return $"FEATURES_OK {status.HasFlag(FeaturesOk)} but negotiated 0x{device.NegotiatedFeatures:x}";
        if ((device.NegotiatedFeatures & ~Offered) != 0) return $"negotiated 0x{device.NegotiatedFeatures:x} beyond the offer";
        if (device.NegotiatedFeatures != 0 && !VirtioFeatures.Has(device.NegotiatedFeatures, VirtioFeatures.Version1)) return "negotiated without VERSION_1";

        if (((byte)device.IsrStatus & ~3) != 0) return $"ISR {device.IsrStatus} has undefined bits";
        bool intxPending = !device.MsixEnabled && device.IsrStatus != PciIsrStatus.None;
        bool intxDisabled = (device.Command & PciConfigHeader.CommandIntxDisable) != 0;
        if (device.InterruptAsserted != (intxPending && !intxDisabled)) return $"INTx# {device.InterruptAsserted} with ISR {device.IsrStatus}, MSI-X {device.MsixEnabled}, command 0x{device.Command:x}";
        bool statusBit = (device.ConfigSpaceBytes[PciConfigHeader.Status] & PciConfigHeader.StatusInterrupt) != 0;
        if (statusBit != intxPending) return $"PCI Status interrupt bit {statusBit} with ISR {device.IsrStatus}, MSI-X {device.MsixEnabled}";

        if (device.ConfigVector != C.NoVector && device.ConfigVector >= device.MsixVectorCount) return $"config vector {device.ConfigVector} outside the table";
        for (int q = 0; q < device.QueueCount; q++)
        {
            ushort vector = device.QueueVector(q);
            if (vector != C.NoVector && vector >= device.MsixVectorCount) return $"queue {q} vector {vector} outside the table";
            var config = device.GetQueueConfig(q);
            if (config is null) continue;
            if (!status.HasFlag(FeaturesOk)) return $"queue {q} enabled without FEATURES_OK";
            if (config.Size == 0 || config.Size > QueueSizeMax[q]) return $"queue {q} enabled with size {config.Size}";
            if (!config.IsPacked && !BitOperations.IsPow2(config.Size)) return $"split queue {q} enabled with size {config.Size}";
            if (config.Features != device.NegotiatedFeatures) return $"queue {q} features 0x{config.Features:x}";
        }

        var bytes = device.ConfigSpaceBytes;
        foreach (int at in (int[])[PciConfigHeader.VendorId, PciConfigHeader.DeviceId, PciConfigHeader.CapabilityList, PciConfigHeader.SubsystemId])
        {
            if (bytes[at] != pristine[at]) return $"configuration byte 0x{at:x} changed";
        }
        for (int at = PciCapabilityPlacement.Common; at < PciCapabilityPlacement.PciCfg + VirtioPciCap.Bar; at++)
        {
            if (bytes[at] != pristine[at]) return $"capability byte 0x{at:x} changed";
        }
        return null;
    }

    private static string? CheckReset(PciDevice device)
    {
        if (device.Status != None) return $"status {device.Status} after reset";
        if (device.NegotiatedFeatures != 0) return "features survived reset";
        if (device.IsrStatus != PciIsrStatus.None) return "the ISR survived reset";
        if (device.ConfigVector != C.NoVector) return "config_msix_vector survived reset";
        for (int q = 0; q < device.QueueCount; q++)
        {
            if (device.GetQueueConfig(q) is not null) return $"queue {q} still enabled after reset";
            if (device.QueueVector(q) != C.NoVector) return $"queue {q} vector survived reset";
        }
        if (device.Read(PciBarLayout.ModernBar, C.QueueSize, 2) != QueueSizeMax[0]) return "queue_select not back to 0";
        return null;
    }
}
