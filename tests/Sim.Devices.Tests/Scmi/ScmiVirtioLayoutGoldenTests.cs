using System.Globalization;
using Sim.Devices.Scmi;
using Sim.Devices.Tests.Golden;

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
        var lines = LazyLines.Value;
        var failures = lines
            .Where(l => !Counterparts.TryGetValue(l.Key, out ulong ours) || ours != l.Value)
            .Select(l => Counterparts.TryGetValue(l.Key, out ulong ours)
                ? $"line {l.Number}: {l.Key}: Linux {l.Value}, simulator {ours}"
                : $"line {l.Number}: {l.Key}={l.Value} has no simulator counterpart")
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_scmi_constant_is_printed_by_the_golden_program()
    {
        var printed = LazyLines.Value.Select(l => l.Key).ToHashSet();
        var missing = Counterparts.Keys.Where(k => !printed.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "not printed by linux_virtio_scmi_golden.c: " + string.Join(", ", missing));
        Assert.Equal(Counterparts.Count, LazyLines.Value.Count);
    }

    private static IReadOnlyList<(int Number, string Key, ulong Value)> Load()
    {
        
        using var program = GoldenCProgram.Compile(Source);
        var run = program.Run();
        if (run.ExitCode != 0) throw new Xunit.Sdk.XunitException($"linux_virtio_scmi_golden exited with {run.ExitCode}:\n{run.Stderr}");
        var lines = new List<(int, string, ulong)>();
        int number = 0;
        foreach (string text in run.Stdout.Split('\n'))
        {
            number++;
            if (text.Length == 0) continue;
            int equals = text.IndexOf('=');
            if (equals <= 0 || !ulong.TryParse(text.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
                throw new Xunit.Sdk.XunitException($"linux_virtio_scmi_golden line {number} is not 'family.key=decimal': '{text}'");
            lines.Add((number, text[..equals], value));
        }
        return lines;
    }
}
