using System.Globalization;
using Sim.Devices.Scmi;
using Sim.Devices.Tests.Golden;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Tests.Scmi;

/// <summary>
/// <see cref="ScmiVirtioLayout"/> against Linux: <c>linux_virtio_scmi_golden.c</c>, compiled with gcc against
/// /usr/include/linux/virtio_scmi.h and virtio_ids.h, prints the feature bits, queue indices and the device id; every
/// line must have a C# counterpart equal to it, and every counterpart must be printed.
/// </summary>
public sealed class ScmiVirtioLayoutGoldenTests
{
    private const string Source = "linux_virtio_scmi_golden.c";

    private static readonly Dictionary<string, ulong> Counterparts = new()
    {
        ["feature.VIRTIO_SCMI_F_P2A_CHANNELS"] = ScmiVirtioLayout.FeatureP2aChannels,
        ["feature.VIRTIO_SCMI_F_SHARED_MEMORY"] = ScmiVirtioLayout.FeatureSharedMemory,
        ["vq.VIRTIO_SCMI_VQ_TX"] = ScmiVirtioLayout.CommandQueue,
        ["vq.VIRTIO_SCMI_VQ_RX"] = ScmiVirtioLayout.EventQueue,
        ["vq.VIRTIO_SCMI_VQ_MAX_CNT"] = ScmiVirtioLayout.QueueCount,
        ["id.VIRTIO_ID_SCMI"] = ScmiVirtioLayout.DeviceId,
    };

    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> LazyLines = new(Load);

    [Fact]
    public void Every_line_linux_prints_has_a_scmi_counterpart_and_equals_it()
    {
        GoldenLines.AssertEveryLineMatches(LazyLines.Value, Counterparts, atLeast: Counterparts.Count);
    }

    [Fact]
    public void Every_scmi_constant_is_printed_by_the_golden_program()
    {
        GoldenLines.AssertEveryCounterpartPrinted(LazyLines.Value, Counterparts, new HashSet<string>(), Source);
        Assert.Equal(Counterparts.Count, LazyLines.Value.Count);
    }

    private static IReadOnlyList<(int Number, string Key, ulong Value)> Load() => GoldenLines.Load(Source);
}
