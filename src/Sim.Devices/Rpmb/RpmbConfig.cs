using L = Sim.Devices.Rpmb.RpmbLayout;

namespace Sim.Devices.Rpmb;

/// <summary>
/// <c>struct virtio_rpmb_config</c> (virtio 1.2, 5.12.4): three read-only bytes, always available, no feature bits
/// (5.12.3). A limit of 0 in <see cref="MaxWriteCount"/> or <see cref="MaxReadCount"/> "implies no limitation".
/// </summary>
/// <param name="Capacity">Size of the partition in 128 KiB units, 0x00 to 0x80 (5.12.4, 5.12.5).</param>
/// <param name="MaxWriteCount"><c>max_wr_cnt</c>: most 256-byte blocks in one data write, 0 for no limit (5.12.4).</param>
/// <param name="MaxReadCount"><c>max_rd_cnt</c>: most 256-byte blocks in one data read, 0 for no limit (5.12.4).</param>
public readonly record struct RpmbConfig(byte Capacity, byte MaxWriteCount, byte MaxReadCount)
{
    /// <summary>Whether <see cref="Capacity"/> is in the range 5.12.4 allows (0x00 to 0x80 inclusive).</summary>
    public bool IsValid => Capacity <= L.MaxCapacity;

    /// <summary>Number of 256-byte blocks in the partition: capacity × 128 KiB / 256 (5.12.4).</summary>
    public int Blocks => Capacity * L.BlocksPerCapacityUnit;

    /// <summary>Whether a data write of <paramref name="blockCount"/> blocks is within <c>max_wr_cnt</c> and not zero (5.12.6.1.3).</summary>
    public bool AllowsWriteOf(ushort blockCount) => blockCount != 0 && (MaxWriteCount == 0 || blockCount <= MaxWriteCount);

    /// <summary>Whether a data read of <paramref name="blockCount"/> blocks is within <c>max_rd_cnt</c> and not zero (5.12.6.1.4).</summary>
    public bool AllowsReadOf(ushort blockCount) => blockCount != 0 && (MaxReadCount == 0 || blockCount <= MaxReadCount);

    /// <summary>Writes the three configuration bytes into <paramref name="destination"/> (5.12.4).</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination[L.ConfigCapacityOffset] = Capacity;
        destination[L.ConfigMaxWriteCountOffset] = MaxWriteCount;
        destination[L.ConfigMaxReadCountOffset] = MaxReadCount;
    }

    /// <summary>The configuration in the first three bytes of <paramref name="source"/> (5.12.4).</summary>
    public static RpmbConfig Decode(ReadOnlySpan<byte> source) =>
        new(source[L.ConfigCapacityOffset], source[L.ConfigMaxWriteCountOffset], source[L.ConfigMaxReadCountOffset]);
}
