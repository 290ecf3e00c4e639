using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// Where the virtio-pci transport states the rules it shares with virtio-mmio. A shared rule keeps its stable name (so
/// findings compare across transports) but a PCI violation cites section 4.1, not the MMIO register table: an access of
/// the wrong width is 4.1.3.1, a write to device_feature 4.1.4.3.2, a notification before DRIVER_OK 4.1.5.2. Rules
/// without a PCI statement (status, feature negotiation) keep the section <see cref="TransportRules"/> gives.
/// </summary>
public static class PciRuleSections
{
    /// <summary>The section a virtio-pci violation of <paramref name="rule"/> cites.</summary>
    public static string Of(TransportRule rule) => rule switch
    {
        TransportRule.RegisterAccessWidth => "virtio 1.2, 4.1.3.1",
        TransportRule.UnalignedConfigAccess => "virtio 1.2, 4.1.3.1",
        TransportRule.ConfigOutOfRange => "virtio 1.2, 4.1.4.6",
        TransportRule.UndefinedRegister => "virtio 1.2, 4.1.4 (no structure at that offset)",
        TransportRule.WriteToReadOnlyRegister => "virtio 1.2, 4.1.4.3.2",
        TransportRule.InvalidRegisterValue => "virtio 1.2, 4.1.4.3",
        TransportRule.QueueNotAvailable => "virtio 1.2, 4.1.4.3 (queue_size 0: unavailable)",
        TransportRule.QueueConfigWhileReady => "virtio 1.2, 4.1.4.3.2",
        TransportRule.RingResetNotNegotiated => "virtio 1.2, 4.1.4.3 (queue_reset)",
        _ => TransportRules.Describe(rule).Section,
    };

    /// <summary>The section a virtio-pci violation of queue rule <paramref name="rule"/> cites.</summary>
    public static string Of(QueueRule rule) => rule switch
    {
        QueueRule.InvalidQueueSize => "virtio 1.2, 4.1.4.3.2 (queue_size)",
        QueueRule.InvalidNotification => "virtio 1.2, 4.1.5.2",
        QueueRule.QueueNotReady => "virtio 1.2, 4.1.4.3 (queue_enable)",
        _ => QueueRules.Describe(rule).Section,
    };

    /// <summary>A violation of <paramref name="rule"/> citing <paramref name="section"/>, or the rule's PCI section.</summary>
    public static TransportViolation Violation(TransportRule rule, string detail, string? section = null) =>
        new(TransportRules.Describe(rule).Name, detail, section ?? Of(rule));

    /// <summary>A violation of queue rule <paramref name="rule"/> citing its PCI section.</summary>
    public static TransportViolation Violation(QueueRule rule, string detail) =>
        new(QueueRules.Describe(rule).Name, detail, Of(rule));
}
