using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// One driver misuse of the transport, as the device saw it. Plain data.
/// </summary>
/// <param name="Rule">The broken rule's stable name (from <see cref="TransportRules"/> or <see cref="QueueRules"/>).</param>
/// <param name="Detail">What happened: register, values, queue index, status.</param>
/// <param name="Section">Where the rule lives in the spec.</param>
public sealed record TransportViolation(string Rule, string Detail, string Section)
{
    /// <summary>A violation of transport rule <paramref name="rule"/>.</summary>
    public static TransportViolation Of(TransportRule rule, string detail)
    {
        var (name, section) = TransportRules.Describe(rule);
        return new TransportViolation(name, detail, section);
    }

    /// <summary>A violation of queue rule <paramref name="rule"/> seen at the transport (queue size, notification).</summary>
    public static TransportViolation Of(QueueRule rule, string detail)
    {
        var (name, section) = QueueRules.Describe(rule);
        return new TransportViolation(name, detail, section);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Rule}: {Detail} ({Section})";
}

/// <summary>Where a transport reports driver misuse; the owner turns each violation into a finding.</summary>
public interface ITransportViolationSink
{
    /// <summary>The driver broke a rule; the device has already ignored (or clamped) the access.</summary>
    void Violation(TransportViolation violation);
}
