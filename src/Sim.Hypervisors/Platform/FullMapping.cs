using Sim.Core.Time;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// The backend maps all of guest RAM (KVM: QEMU's own memory, vhost's memory table, vhost-user's
/// VHOST_USER_SET_MEM_TABLE; Xen: a dom0 foreign mapping through privcmd). DMA addresses are guest-physical; mapping
/// a buffer costs nothing; every page of RAM is exposed for the device's whole life. Only accesses outside guest RAM
/// are refused.
/// </summary>
public sealed class FullMapping : IdentitySharingMechanism
{
    /// <summary>The mechanism's scenario name.</summary>
    public const string MechanismName = "full";

    /// <summary>A full mapping of the context's guest memory; all of it is exposed from now on.</summary>
    public FullMapping(SharingContext context) : base(MechanismName, context) => Exposure.Reach(0, context.Memory.Size);

    /// <inheritdoc />
    public override bool RestrictsAccess => false;

    /// <inheritdoc />
    public override void ShareForLifetime(ulong address, ulong length) { }

    /// <inheritdoc />
    public override DmaMapResult Map(ulong guestAddress, uint length, DmaDirection direction) =>
        Memory.Contains(guestAddress, length)
            ? new(DmaMapStatus.Mapped, new DmaBuffer(guestAddress, length, direction, guestAddress, 0), SimTime.Zero, "")
            : new(DmaMapStatus.Refused, default, SimTime.Zero, $"buffer [0x{guestAddress:x}, +{length}) is outside {Memory.Domain}'s memory");

    /// <inheritdoc />
    public override DmaUnmapResult Unmap(in DmaBuffer buffer) => new(DmaUnmapStatus.Unmapped, SimTime.Zero, "");

    /// <inheritdoc />
    protected override AccessVerdict Check(ulong address, ulong length, out string rule)
    {
        rule = "outside guest RAM";
        return Memory.Contains(address, length) ? AccessVerdict.Allowed : AccessVerdict.OutOfRange;
    }
}
