namespace Sim.Hypervisors.Memory;

/// <summary>Whether a device's access to guest memory was allowed, and if not, why.</summary>
public enum AccessVerdict
{
    /// <summary>The access happened.</summary>
    Allowed,
    /// <summary>The address range is not guest memory (or wraps around): nothing was read or written.</summary>
    OutOfRange,
    /// <summary>The range is guest memory the accessor was not given (not granted, not mapped): nothing happened.</summary>
    Denied,
}

/// <summary>The direction of a memory access.</summary>
public enum MemoryAccessKind
{
    /// <summary>The device read guest memory.</summary>
    Read,
    /// <summary>The device wrote guest memory.</summary>
    Write,
}

/// <summary>One recorded device access: who, which way, where, how much, and the verdict.</summary>
/// <param name="Accessor">The path of the device or backend that made the access.</param>
/// <param name="Kind">Read or write.</param>
/// <param name="Address">The address the device used (a DMA address; equal to the guest-physical one without translation).</param>
/// <param name="Length">Bytes.</param>
/// <param name="Verdict">Allowed, out of range, or denied.</param>
public readonly record struct MemoryAccess(string Accessor, MemoryAccessKind Kind, ulong Address, uint Length, AccessVerdict Verdict);

/// <summary>
/// The access path a device model or backend uses to reach guest memory: every access is checked and recorded.
/// Platforms implement it (full mapping, grants, IOMMU, bounce window); device models see only this interface, which
/// keeps them hypervisor-agnostic. A refused access changes nothing and returns the verdict; the device decides what
/// finding it makes of it.
/// </summary>
public interface IDeviceMemory
{
    /// <summary>Reads <paramref name="destination"/>.Length bytes at <paramref name="address"/>.</summary>
    AccessVerdict Read(ulong address, Span<byte> destination);

    /// <summary>Writes <paramref name="source"/> at <paramref name="address"/>.</summary>
    AccessVerdict Write(ulong address, ReadOnlySpan<byte> source);
}
