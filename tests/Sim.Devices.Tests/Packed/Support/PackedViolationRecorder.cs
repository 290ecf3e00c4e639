using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Packed.Support;

/// <summary>Records every violation a queue reports, in order.</summary>
internal sealed class PackedViolationRecorder : IQueueViolationSink
{
    public List<(QueueRule Rule, string Detail)> Violations { get; } = new();

    public void Violation(QueueRule rule, string detail) => Violations.Add((rule, detail));

    public override string ToString() => string.Join("; ", Violations.Select(v => $"{v.Rule}: {v.Detail}"));
}
