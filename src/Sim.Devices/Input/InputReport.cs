namespace Sim.Devices.Input;

/// <summary>
/// One report a human interface device hands to the virtio-input backend (the host's evdev read, or a vhost-user-input
/// daemon's): its events, the last one EV_SYN/SYN_REPORT (virtio 1.2, 5.8.6.1). Plain data; the array is the
/// receiver's.
/// </summary>
/// <param name="Events">The report's events in order.</param>
public sealed record InputReport(InputEvent[] Events)
{
    /// <summary>The report's events, named as the Linux input layer names them (what <c>sim explain</c> shows).</summary>
    public override string ToString() => $"{Events.Length} events: {string.Join(", ", Events)}";
}
