using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;
using static Sim.Devices.Virtio.Facilities.DeviceStatus;

namespace Sim.Devices.Tests.Mmio;

/// <summary>The driver's initialisation sequence (virtio 1.2, 3.1.1 and 4.2.3) and config reads (2.5.1).</summary>
public sealed class MmioDriverTests
{
    private const ulong Wanted = VirtioFeatures.Version1 | VirtioFeatures.EventIdx | VirtioFeatures.RingPacked | (1UL << 5) | (1UL << 9);

    [Fact]
    public void Full_initialisation_reaches_driver_ok_with_the_spec_status_sequence()
    {
        var rig = MmioRig.Create();
        var enabled = new Dictionary<int, QueueConfig>();
        rig.Device.QueueEnabled += (index, config) => enabled[index] = config;

        var result = rig.Driver.Initialize(new TransportInitRequest(Wanted, [MmioRig.Queue(0), MmioRig.Queue(1, size: 1024)]));

        Assert.True(result.Success, result.Reason);
        const ulong negotiated = VirtioFeatures.Version1 | VirtioFeatures.EventIdx | (1UL << 5);
        Assert.Equal(negotiated, result.NegotiatedFeatures);
        Assert.Equal(negotiated, rig.Device.NegotiatedFeatures);
        Assert.Equal(MmioRig.DefaultFeatures, result.DeviceFeatures);
        Assert.Equal(
            [None, Acknowledge, Acknowledge | Driver, Acknowledge | Driver | FeaturesOk, Acknowledge | Driver | FeaturesOk | DriverOk],
            rig.Bus.StatusWrites);
        Assert.Equal(Acknowledge | Driver | FeaturesOk | DriverOk, rig.Device.Status);

        var q0 = new QueueConfig(128, 0x1_0000_0000, 0x1_0000_4000, 0x1_0000_8000, negotiated);
        var q1 = new QueueConfig(256, 0x1_0001_0000, 0x1_0001_4000, 0x1_0001_8000, negotiated); // 1024 clamped to QueueNumMax
        Assert.Equal(q0, enabled[0]);
        Assert.Equal(q1, enabled[1]);
        Assert.Equal([q0, q1], result.Queues);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Initialisation_counts_every_register_access()
    {
        var rig = MmioRig.Create();
        var result = rig.Driver.Initialize(new TransportInitRequest(Wanted, [MmioRig.Queue(0), MmioRig.Queue(1)]));
        // 3 identity reads, reset, ACKNOWLEDGE, DRIVER, 2 selector writes + 2 feature reads, 4 driver feature writes,
        // FEATURES_OK + read-back, 11 per queue (QueueSel, QueueReady read, QueueNumMax, QueueNum, 6 address halves,
        // QueueReady), DRIVER_OK.
        Assert.Equal(17 + 2 * 11, result.RegisterAccesses);
        Assert.Equal(rig.Bus.Accesses.Count, result.RegisterAccesses);
        Assert.Equal(rig.Bus.Accesses.Count, rig.Driver.Accesses);
        Assert.Equal(rig.Bus.Accesses.Count(a => !a.IsWrite), rig.Driver.Reads);
    }

    [Fact]
    public void Driver_demanding_a_feature_the_device_lacks_ends_in_failed()
    {
        var rig = MmioRig.Create();
        var request = new TransportInitRequest(Wanted, [MmioRig.Queue(0)], RequiredFeatures: VirtioFeatures.RingPacked);

        var result = rig.Driver.Initialize(request);

        Assert.False(result.Success);
        Assert.Equal(TransportInitFailure.FeatureNegotiationFailed, result.Failure);
        Assert.Contains("feature negotiation failed", result.Reason);
        Assert.Equal(0ul, result.NegotiatedFeatures);
        Assert.Equal(Acknowledge | Driver | Failed, rig.Device.Status);
        Assert.Equal(Acknowledge | Driver | Failed, result.Status);
        Assert.Equal(TransportRules.Describe(TransportRule.FeatureNotOffered).Name, Assert.Single(rig.Log.All).Rule);
        Assert.DoesNotContain(rig.Bus.Accesses, a => a.IsWrite && a.Offset == MmioRegister.QueueSel);
    }

    [Fact]
    public void Driver_needing_a_feature_the_device_lacks_gives_up_without_accepting_it()
    {
        var rig = MmioRig.Create();
        var request = new TransportInitRequest(Wanted, [MmioRig.Queue(0)], NeededFeatures: VirtioFeatures.AccessPlatform);

        var result = rig.Driver.Initialize(request);

        Assert.False(result.Success);
        Assert.Equal(TransportInitFailure.FeatureNegotiationFailed, result.Failure);
        Assert.Contains("does not offer features the driver needs (0x200000000", result.Reason);
        Assert.Equal(Acknowledge | Driver | Failed, rig.Device.Status);
        Assert.Empty(rig.Log.All);   // the device saw no rule broken: nothing it did not offer was accepted
        Assert.DoesNotContain(rig.Bus.Accesses, a => a.IsWrite && a.Offset is MmioRegister.DriverFeatures or MmioRegister.QueueSel);
    }

    [Fact]
    public void Device_without_version_1_ends_in_failed()
    {
        var rig = MmioRig.Create(features: VirtioFeatures.EventIdx | (1UL << 5));
        var result = rig.Driver.Initialize(new TransportInitRequest(Wanted, [MmioRig.Queue(0)]));

        Assert.Equal(TransportInitFailure.FeatureNegotiationFailed, result.Failure);
        Assert.Equal(Acknowledge | Driver | Failed, rig.Device.Status);
        Assert.Empty(rig.Log.All); // the driver did nothing wrong
    }

    [Fact]
    public void A_device_with_the_wrong_magic_or_version_or_id_zero_is_left_alone()
    {
        var wrongMagic = new FakeBus { [MmioRegister.MagicValue] = 0x12345678 };
        var legacy = new FakeBus { [MmioRegister.MagicValue] = MmioRegister.MmioMagic, [MmioRegister.Version] = 1 };
        var placeholder = new FakeBus { [MmioRegister.MagicValue] = MmioRegister.MmioMagic, [MmioRegister.Version] = 2 };

        Assert.Equal(TransportInitFailure.BadMagic, new MmioDriver(wrongMagic).Initialize(new TransportInitRequest(Wanted, [])).Failure);
        Assert.Equal(TransportInitFailure.UnsupportedVersion, new MmioDriver(legacy).Initialize(new TransportInitRequest(Wanted, [])).Failure);
        var none = new MmioDriver(placeholder).Initialize(new TransportInitRequest(Wanted, []));
        Assert.Equal(TransportInitFailure.NoDevice, none.Failure);
        Assert.Equal(3, none.RegisterAccesses);
        Assert.Equal(0, wrongMagic.Writes + legacy.Writes + placeholder.Writes);
    }

    [Fact]
    public void A_queue_the_device_does_not_have_ends_in_failed()
    {
        var rig = MmioRig.Create(queueNumMax: [256]);
        var result = rig.Driver.Initialize(new TransportInitRequest(Wanted, [MmioRig.Queue(0), MmioRig.Queue(1)]));
        Assert.Equal(TransportInitFailure.QueueUnavailable, result.Failure);
        Assert.Equal(Acknowledge | Driver | FeaturesOk | Failed, rig.Device.Status);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void A_queue_already_in_use_ends_in_failed()
    {
        var rig = MmioRig.Create();
        var request = new TransportInitRequest(Wanted, [MmioRig.Queue(0), MmioRig.Queue(0)]);
        var result = rig.Driver.Initialize(request);
        Assert.Equal(TransportInitFailure.QueueInUse, result.Failure);
        Assert.True(rig.Device.Status.HasFlag(Failed));
    }

    [Fact]
    public void Config_read_retries_when_the_device_changes_config_between_the_generation_reads()
    {
        var rig = MmioRig.Create(config: [1, 0, 0, 0, 0, 0, 0, 0, 7, 0]);
        Assert.True(rig.Driver.Initialize(new TransportInitRequest(Wanted, [MmioRig.Queue(0)])).Success);
        bool changed = false;
        rig.Bus.After = access =>
        {
            if (!changed && !access.IsWrite && access.Offset == MmioRegister.Config)
            {
                changed = true; // the device updates the 64-bit capacity right after the driver read its low half
                rig.Device.UpdateConfig(0, [2, 0, 0, 0, 1, 0, 0, 0]);
            }
        };
        long before = rig.Driver.Accesses;

        var snapshot = rig.Driver.ReadConfig(r => (Capacity: r.ReadU64(0), Flag: r.ReadU16(8)));

        Assert.True(snapshot.Stable);
        Assert.Equal(2, snapshot.Attempts);
        Assert.Equal((0x1_0000_0002UL, (ushort)7), snapshot.Value);
        Assert.Equal(1u, snapshot.Generation);
        Assert.Equal(2 * (2 + 3), rig.Driver.Accesses - before); // per attempt: 2 generation reads, 2 + 1 field reads
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Config_read_gives_up_after_max_attempts_when_the_config_keeps_changing()
    {
        var rig = MmioRig.Create(config: new byte[4]);
        rig.Bus.After = access =>
        {
            if (access.Offset == MmioRegister.Config) rig.Device.UpdateConfig(0, [1], notify: false);
        };
        var snapshot = rig.Driver.ReadConfig(r => r.ReadU32(0), maxAttempts: 3);
        Assert.False(snapshot.Stable);
        Assert.Equal(3, snapshot.Attempts);
    }

    [Fact]
    public void Driver_notify_uses_notification_data_only_when_negotiated()
    {
        var rig = MmioRig.Create(features: MmioRig.DefaultFeatures | VirtioFeatures.NotificationData);
        var seen = new List<QueueNotification>();
        rig.Device.Notified += seen.Add;
        rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1 | VirtioFeatures.NotificationData, [MmioRig.Queue(0)]));
        rig.Driver.Notify(new QueueNotification(0, NextOffset: 5));
        Assert.Equal([new QueueNotification(0, HasData: true, NextOffset: 5)], seen);
    }

    /// <summary>A bus answering reads from a table (0 elsewhere) and counting writes.</summary>
    private sealed class FakeBus : IMmioBus, System.Collections.IEnumerable
    {
        private readonly Dictionary<ulong, uint> _values = [];

        public int Writes { get; private set; }

        public uint this[ulong offset] { set => _values[offset] = value; }

        public uint Read(ulong offset, int width) => _values.GetValueOrDefault(offset);

        public void Write(ulong offset, int width, uint value) => Writes++;

        public System.Collections.IEnumerator GetEnumerator() => _values.GetEnumerator();
    }
}
