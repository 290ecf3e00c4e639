namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// Reads device-specific configuration fields through a transport with the access widths a driver must use (virtio
/// 1.2, 4.1.3.1 and 4.2.2.2): 8-bit fields with 8-bit reads, 16-bit with 16-bit, 32- and 64-bit fields with 32-bit reads
/// (a 64-bit field is two reads, low half first, as Linux <c>vm_get</c> and <c>vp_get</c>). Offsets are from the start of
/// the configuration space. Used inside <see cref="ITransportDriver.ReadConfig{T}"/>, which retries across generation changes.
/// </summary>
public interface IConfigReader
{
    /// <summary>An 8-bit field.</summary>
    byte ReadU8(int offset);

    /// <summary>A 16-bit field.</summary>
    ushort ReadU16(int offset);

    /// <summary>A 32-bit field.</summary>
    uint ReadU32(int offset);

    /// <summary>A 64-bit field, as two 32-bit reads (not atomic: the generation loop covers it).</summary>
    ulong ReadU64(int offset);
}

/// <summary>Configuration fields read consistently (or not, after too many retries). Plain data.</summary>
/// <param name="Value">What the field reader returned on the last attempt.</param>
/// <param name="Generation">The configuration generation after the last attempt.</param>
/// <param name="Attempts">How many times the fields were read.</param>
/// <param name="Stable">Whether the generation was the same before and after the last attempt.</param>
public readonly record struct ConfigSnapshot<T>(T Value, uint Generation, int Attempts, bool Stable);
