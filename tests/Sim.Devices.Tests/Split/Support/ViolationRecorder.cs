using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Split.Support;

/// <summary>A violation sink that keeps every finding, in order.</summary>
internal sealed class ViolationRecorder : IQueueViolationSink
{
    public List<(QueueRule Rule, string Detail)> Violations { get; } = new();

    public void Violation(QueueRule rule, string detail) => Violations.Add((rule, detail));

    public override string ToString() => string.Join("; ", Violations.Select(v => $"{v.Rule}: {v.Detail}"));
}
