using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using static Sim.Devices.Virtio.Facilities.DeviceStatus;

namespace Sim.Devices.Tests.Mmio;

/// <summary>
/// Any sequence of register accesses and device-model calls never throws and keeps the transport's invariants: the
/// status is always well formed (DRIVER_OK never without FEATURES_OK), FEATURES_OK means an accepted feature set,
/// ready queues have sane sizes, and writing 0 to Status resets everything, so a proper driver can always start over.
/// </summary>
public sealed class RandomRegisterWritesPropertyTests
{
    // Raw accesses, device-model calls, and driver-like steps (next status bit, a feature write, a queue set-up, a kick) so
    // that sequences get past FEATURES_OK and DRIVER_OK often enough to matter.
    private enum OpKind { Write, Read, RaiseUsedBuffer, RaiseConfigChange, UpdateConfig, SetNeedsReset, NextStatusStep, WriteFeatures, SetUpQueue, Notify }

    private sealed record Op(OpKind Kind, ulong Offset, int Width, uint Value);

    private const ulong Offered = VirtioFeatures.Version1 | VirtioFeatures.EventIdx | VirtioFeatures.RingReset |
        VirtioFeatures.NotificationData | 0x1;
    private static readonly ushort[] QueueNumMax = [64, 16, 0];

    private static readonly ulong[] Offsets =
    [
        MmioRegister.MagicValue, MmioRegister.Version, MmioRegister.DeviceId, MmioRegister.VendorId,
        MmioRegister.DeviceFeatures, MmioRegister.DeviceFeaturesSel, MmioRegister.DriverFeatures, MmioRegister.DriverFeaturesSel,
        MmioRegister.LegacyGuestPageSize, MmioRegister.QueueSel, MmioRegister.QueueNumMax, MmioRegister.QueueNum,
        MmioRegister.LegacyQueueAlign, MmioRegister.LegacyQueuePfn, MmioRegister.QueueReady, MmioRegister.QueueNotify,
        MmioRegister.InterruptStatus, MmioRegister.InterruptAck, MmioRegister.Status, MmioRegister.Status, MmioRegister.Status,
        MmioRegister.QueueDescLow, MmioRegister.QueueDescHigh, MmioRegister.QueueDriverLow, MmioRegister.QueueDriverHigh,
        MmioRegister.QueueDeviceLow, MmioRegister.QueueDeviceHigh, MmioRegister.ShmSel, MmioRegister.ShmLenLow,
        MmioRegister.QueueReset, MmioRegister.ConfigGeneration, MmioRegister.Config, MmioRegister.Config + 2,
        MmioRegister.Config + 7, MmioRegister.Config + 12,
    ];

    private static readonly uint[] StatusSteps =
    [
        (uint)Acknowledge, (uint)(Acknowledge | Driver), (uint)(Acknowledge | Driver | FeaturesOk),
        (uint)(Acknowledge | Driver | FeaturesOk | DriverOk), (uint)(Acknowledge | Driver | FeaturesOk | DriverOk | Suspend),
    ];

    private static readonly Gen<uint> Values = Gen.Frequency(
        (6, Gen.Elements(0u, 1u, 2u, 3u, 5u, 16u, 64u, 128u, 0x20u, 0x40u, 0x80u, 0x8000_0000u)),
        (4, Gen.Elements(StatusSteps)),
        (1, Gen.Choose(int.MinValue, int.MaxValue).Select(v => unchecked((uint)v))));

    private static readonly Gen<Op> Ops = Gen.Frequency(
        (12, from offset in Gen.Frequency((10, Gen.Elements(Offsets)), (1, Gen.Choose(0, 0x140).Select(o => (ulong)o)))
             from width in Gen.Frequency((12, Gen.Constant(4)), (1, Gen.Elements(1, 2, 3, 8)))
             from value in Values
             from write in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
             select new Op(write ? OpKind.Write : OpKind.Read, offset, width, value)),
        (1, from kind in Gen.Elements(OpKind.RaiseUsedBuffer, OpKind.RaiseConfigChange, OpKind.UpdateConfig, OpKind.SetNeedsReset)
            from value in Values
            select new Op(kind, 0, 0, value)),
        (6, from kind in Gen.Elements(OpKind.NextStatusStep, OpKind.NextStatusStep, OpKind.WriteFeatures, OpKind.SetUpQueue, OpKind.Notify)
            from value in Gen.Choose(0, int.MaxValue)
            select new Op(kind, 0, 0, (uint)value)));

    [Fact]
    public void Random_register_traffic_never_throws_and_keeps_the_invariants()
    {
        var sequences = Gen.ListOf(Ops).Select(l => l.ToArray()).ToArbitrary();
        var property = Prop.ForAll(sequences, ops =>
        {
            var log = new ViolationLog();
            var device = new MmioDevice(MmioRig.BlockDeviceId, MmioRig.Vendor, Offered, QueueNumMax, new byte[12], log);
            string? broken = null;
            device.QueueEnabled += (_, _) => broken ??= device.Status.HasFlag(FeaturesOk) ? null : "queue enabled without FEATURES_OK";
            device.Notified += _ => broken ??= device.Status.HasFlag(DriverOk) ? null : "notification accepted before DRIVER_OK";

            for (int i = 0; i < ops.Length && broken is null; i++)
            {
                Apply(device, ops[i]);
                broken = CheckInvariants(device);
                if (broken is null && ops[i] is { Kind: OpKind.Write, Offset: MmioRegister.Status, Width: 4, Value: 0 })
                    broken = CheckReset(device);
                if (broken is not null) broken = $"after op {i} {ops[i]}: {broken}";
            }

            var restart = new MmioDriver(device).Initialize(new TransportInitRequest(Offered, [new QueueSetup(0, 64, 0x1000, 0x2000, 0x3000)]));
            broken ??= restart.Success ? null : $"a proper driver could not start over: {restart.Reason}";
            return (broken is null).Label(broken ?? "ok");
        });
        Check.One(PropertyRuns.Config(400), property);
    }

    private static void Apply(MmioDevice device, Op op)
    {
        switch (op.Kind)
        {
            case OpKind.Write: device.WriteRegister(op.Offset, op.Width, op.Value); break;
            case OpKind.Read: device.ReadRegister(op.Offset, op.Width); break;
            case OpKind.RaiseUsedBuffer: device.RaiseUsedBufferInterrupt(0); break;
            case OpKind.RaiseConfigChange: device.RaiseConfigChangeInterrupt(); break;
            case OpKind.UpdateConfig: device.UpdateConfig((int)(op.Value % 12), [(byte)op.Value]); break;
            case OpKind.SetNeedsReset: device.SetNeedsReset(); break;
            case OpKind.NextStatusStep:
                device.WriteRegister(MmioRegister.Status, 4, (uint)(device.Status | DeviceStatusMachine.NextStep(device.Status)));
                break;
            case OpKind.WriteFeatures: // mostly a subset of the offer with VERSION_1, sometimes not
                ulong features = op.Value % 5 == 0 ? op.Value * 0x9e37_79b9UL : (Offered & op.Value) | VirtioFeatures.Version1;
                device.WriteRegister(MmioRegister.DriverFeaturesSel, 4, 0);
                device.WriteRegister(MmioRegister.DriverFeatures, 4, (uint)features);
                device.WriteRegister(MmioRegister.DriverFeaturesSel, 4, 1);
                device.WriteRegister(MmioRegister.DriverFeatures, 4, (uint)(features >> 32));
                break;
            case OpKind.SetUpQueue:
                device.WriteRegister(MmioRegister.QueueSel, 4, op.Value % 4);
                device.WriteRegister(MmioRegister.QueueNum, 4, op.Value % 80);
                foreach (ulong register in (ulong[])[MmioRegister.QueueDescLow, MmioRegister.QueueDriverLow, MmioRegister.QueueDeviceLow])
                    device.WriteRegister(register, 4, op.Value & ~0xfu);
                device.WriteRegister(MmioRegister.QueueReady, 4, 1);
                break;
            case OpKind.Notify: device.WriteRegister(MmioRegister.QueueNotify, 4, op.Value % 4); break;
        }
    }

    private static string? CheckInvariants(MmioDevice device)
    {
        var status = device.Status;
        if (!DeviceStatusMachine.IsWellFormed(status)) return $"status {status} is not well formed";
        if (status.HasFlag(DriverOk) && !status.HasFlag(FeaturesOk)) return "DRIVER_OK without FEATURES_OK";
        if (status.HasFlag(FeaturesOk) != (device.NegotiatedFeatures != 0)) return $"FEATURES_OK {status.HasFlag(FeaturesOk)} but negotiated 0x{device.NegotiatedFeatures:x}";
        if ((device.NegotiatedFeatures & ~Offered) != 0) return $"negotiated 0x{device.NegotiatedFeatures:x} beyond the offer";
        if (device.NegotiatedFeatures != 0 && !VirtioFeatures.Has(device.NegotiatedFeatures, VirtioFeatures.Version1)) return "negotiated without VERSION_1";
        if (device.InterruptAsserted != (device.InterruptStatus != MmioInterrupt.None)) return "interrupt line disagrees with InterruptStatus";
        if (((uint)device.InterruptStatus & ~3u) != 0) return $"InterruptStatus {device.InterruptStatus} has undefined bits";
        for (int q = 0; q < device.QueueCount; q++)
        {
            var config = device.GetQueueConfig(q);
            if (config is null) continue;
            if (!status.HasFlag(FeaturesOk)) return $"queue {q} ready without FEATURES_OK";
            if (config.Size == 0 || config.Size > QueueNumMax[q]) return $"queue {q} ready with size {config.Size}";
            if (config.Features != device.NegotiatedFeatures) return $"queue {q} features 0x{config.Features:x}";
        }
        return null;
    }

    private static string? CheckReset(MmioDevice device)
    {
        if (device.Status != None) return $"status {device.Status} after reset";
        if (device.NegotiatedFeatures != 0) return "features survived reset";
        if (device.InterruptStatus != MmioInterrupt.None) return "interrupts survived reset";
        for (int q = 0; q < device.QueueCount; q++)
        {
            if (device.GetQueueConfig(q) is not null) return $"queue {q} still ready after reset";
        }
        if (device.ReadRegister(MmioRegister.QueueNumMax, 4) != QueueNumMax[0]) return "QueueSel not back to 0";
        if (device.ReadRegister(MmioRegister.QueueReady, 4) != 0) return "QueueReady reads 1 after reset";
        return null;
    }
}
