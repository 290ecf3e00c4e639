namespace Sim.Hypervisors.Memory;

/// <summary>
/// Full mapping: the device or backend can reach all of the guest's memory (KVM's VMM or vhost-user with the whole
/// memory table, Xen dom0 foreign mapping). Every access is still range-checked and recorded in the
/// <see cref="AccessLog"/> under the accessor's path.
/// </summary>
public sealed class DirectDeviceMemory(GuestMemory memory, string accessor, AccessLog log) : CheckedDeviceMemory(memory, accessor, log)
{
    /// <inheritdoc />
    protected override AccessVerdict Check(ulong address, ulong length, MemoryAccessKind kind) =>
        Memory.Contains(address, length) ? AccessVerdict.Allowed : AccessVerdict.OutOfRange;
}
