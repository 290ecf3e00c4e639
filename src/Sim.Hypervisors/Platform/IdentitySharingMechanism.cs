using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// A sharing mechanism whose DMA addresses are guest-physical (a full mapping, a bounce window): an access is checked
/// by the mechanism's own rule and then moves bytes at the address the device used. Subclasses give only the check.
/// </summary>
public abstract class IdentitySharingMechanism(string name, SharingContext context) : SharingMechanism(name, context)
{
    /// <summary>Whether [<paramref name="address"/>, +<paramref name="length"/>) is reachable now; <paramref name="rule"/> says why not.</summary>
    protected abstract AccessVerdict Check(ulong address, ulong length, out string rule);

    /// <inheritdoc />
    protected sealed override AccessVerdict ReadCore(ulong address, Span<byte> destination, out string rule)
    {
        var verdict = Check(address, (ulong)destination.Length, out rule);
        if (verdict == AccessVerdict.Allowed) Memory.Read(address, destination);
        return verdict;
    }

    /// <inheritdoc />
    protected sealed override AccessVerdict WriteCore(ulong address, ReadOnlySpan<byte> source, out string rule)
    {
        var verdict = Check(address, (ulong)source.Length, out rule);
        if (verdict == AccessVerdict.Allowed) Memory.Write(address, source);
        return verdict;
    }
}
