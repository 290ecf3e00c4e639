namespace Sim.Devices.Virtio.Mmio;

/// <summary>
/// Reads configuration space fields for <see cref="MmioDriver.ReadConfig{T}"/> with the access widths the driver must
/// use (virtio 1.2, 4.2.2.2): 8-bit fields with 8-bit reads, 16-bit with 16-bit, 32- and 64-bit fields with 32-bit
/// reads (a 64-bit field is two reads, low half first, as Linux <c>vm_get</c>). Offsets are from the start of the space.
/// </summary>
public sealed class MmioConfigReader
{
    private readonly MmioDriver driver;

    internal MmioConfigReader(MmioDriver driver)
    {
        this.driver = driver;
    }

    /// <summary>An 8-bit field.</summary>
    public byte ReadU8(int offset) => (byte)driver.ReadAt(MmioRegister.Config + (ulong)offset, 1);

    /// <summary>A 16-bit field.</summary>
    public ushort ReadU16(int offset) => (ushort)driver.ReadAt(MmioRegister.Config + (ulong)offset, 2);

    /// <summary>A 32-bit field.</summary>
    public uint ReadU32(int offset) => driver.ReadAt(MmioRegister.Config + (ulong)offset, 4);

    /// <summary>A 64-bit field, as two 32-bit reads (not atomic: the generation loop covers it).</summary>
    public ulong ReadU64(int offset)
    {
        ulong low = ReadU32(offset);
        ulong high = ReadU32(offset + 4);
        return low | (high << 32);
    }
}

/// <summary>Configuration fields read consistently (or not, after too many retries). Plain data.</summary>
/// <param name="Value">What the field reader returned on the last attempt.</param>
/// <param name="Generation">ConfigGeneration after the last attempt.</param>
/// <param name="Attempts">How many times the fields were read.</param>
/// <param name="Stable">Whether the generation was the same before and after the last attempt.</param>
public readonly record struct ConfigSnapshot<T>(T Value, uint Generation, int Attempts, bool Stable);
