namespace Sim.Hypervisors.Memory;

/// <summary>
/// Rounding guest-physical addresses and sizes to a power-of-two boundary: the ring alignments of virtio 1.2, 2.7
/// (descriptor table 16, available ring 2, used ring 4), buffer slots and <see cref="GuestMemory.PageSize"/> pages.
/// The one place the <c>(x + a - 1) &amp; ~(a - 1)</c> and <c>x &amp; ~(a - 1)</c> idioms are written.
/// </summary>
public static class Alignment
{
    /// <summary><paramref name="value"/> rounded up to a multiple of <paramref name="alignment"/>, a power of two.</summary>
    public static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);

    /// <summary>The start of the guest page that holds <paramref name="value"/>.</summary>
    public static ulong PageDown(ulong value) => value & ~(ulong)(GuestMemory.PageSize - 1);

    /// <summary><paramref name="value"/> rounded up to a whole number of guest pages.</summary>
    public static ulong PageAlign(ulong value) => AlignUp(value, GuestMemory.PageSize);
}
