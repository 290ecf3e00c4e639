namespace Sim.Devices.Common;

/// <summary>
/// Requests handed to the driver by another actor (virtio 1.2, 5.17.6.1: SCMI commands an agent gives its channel),
/// each taken with the driver's <c>SubmitOnDemand</c> while a slot is free; after a completion the driver submits what
/// it could not before and hands over what it kept back.
/// </summary>
internal sealed class OnDemandArrivals : RequestArrivals
{
    /// <inheritdoc />
    internal override void Begin() { }

    /// <inheritdoc />
    internal override void SlotsFreed()
    {
        Slots.Submit();
        Slots.SlotsFreed();
    }
}
