using System.Buffers.Binary;
using Sim.Core.Randomness;
using Sim.Devices.Blk;

namespace Sim.Devices.Tests.Blk;

/// <summary>
/// The store's content kept in 8-sector blocks, against a plain per-sector model: sectors read back what was last
/// written to them, across block boundaries and in partly written blocks; all-zero writes forget a sector; the
/// workload's data pattern is the documented formula word for word, whatever the buffer length.
/// </summary>
public sealed class BlkStorageContentTests
{
    private const int Sector = BlkLayout.SectorSize;

    [Fact]
    public void Random_sector_writes_read_back_as_a_per_sector_model_says()
    {
        const ulong capacity = 64;
        var storage = new BlkStorage(capacity, BlkTestTiming.Example);
        var model = new Dictionary<ulong, byte[]>();
        var random = new Random(7);
        for (int step = 0; step < 2000; step++)
        {
            ulong index = (ulong)random.Next((int)capacity);
            var bytes = new byte[Sector];
            if (random.Next(4) != 0) random.NextBytes(bytes);   // one write in four is all zeros
            storage.WriteSector(index, bytes);
            if (bytes.AsSpan().ContainsAnyExcept((byte)0)) model[index] = bytes;
            else model.Remove(index);

            ulong probe = (ulong)random.Next((int)capacity);
            var read = new byte[Sector];
            Array.Fill(read, (byte)0xEE);
            storage.ReadSector(probe, read);
            Assert.Equal(model.TryGetValue(probe, out var expected) ? expected : new byte[Sector], read);
            Assert.Equal(model.Count, storage.StoredSectors);
        }
    }

    [Fact]
    public void A_read_spanning_blocks_and_unwritten_sectors_gets_written_bytes_and_zeros()
    {
        var rig = new BlkRig();
        byte[] data = BlkRig.Pattern(3, seed: 4);
        // Sectors 6, 7 (end of one block) and 8 (start of the next) written; 5 and 9 never.
        rig.Request().Header(BlkLayout.TypeOut, 6).Readable(data).Status().Submit();
        Assert.True(rig.Serve().Outcome.Succeeded);

        var read = rig.Request().Header(BlkLayout.TypeIn, 5).Writable(5 * Sector).Status().Submit();
        Assert.True(rig.Serve().Outcome.Succeeded);
        byte[] seen = read.WritableBytes();
        Assert.Equal(new byte[Sector], seen[..Sector]);
        Assert.Equal(data, seen[Sector..(4 * Sector)]);
        Assert.Equal(new byte[Sector], seen[(4 * Sector)..(5 * Sector)]);
        Assert.Equal(3, rig.Storage.StoredSectors);
    }

    [Fact]
    public void Writing_zeros_over_stored_sectors_forgets_them_and_they_read_as_zeros()
    {
        var storage = new BlkStorage(16, BlkTestTiming.Example);
        var ones = new byte[Sector];
        Array.Fill(ones, (byte)1);
        for (ulong i = 0; i < 8; i++) storage.WriteSector(i, ones);
        Assert.Equal(8, storage.StoredSectors);

        storage.WriteSector(3, new byte[Sector]);
        Assert.Equal(7, storage.StoredSectors);
        var read = new byte[Sector];
        storage.ReadSector(3, read);
        Assert.Equal(new byte[Sector], read);
        storage.ReadSector(4, read);
        Assert.Equal(ones, read);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(65536)]
    [InlineData(24)]
    [InlineData(100)]
    [InlineData(4100)]
    [InlineData(7)]
    public void The_data_pattern_is_the_documented_formula_word_for_word(int length)
    {
        const ulong sector = 1234;
        const long tag = 99;
        var actual = new byte[length];
        Array.Fill(actual, (byte)0xEE);
        BlkPattern.Fill(sector, tag, actual);

        var expected = new byte[length];
        Array.Fill(expected, (byte)0xEE);   // bytes short of a whole word are left alone
        ulong seed = SplitMix64.Mix(unchecked((ulong)tag * SplitMix64.Gamma));
        for (int i = 0; (i + 1) * 8 <= length; i++)
        {
            ulong word = (sector + (ulong)(i / 64)) << 6 | (uint)(i % 64);
            BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(i * 8), SplitMix64.Mix(seed ^ word));
        }
        Assert.Equal(expected, actual);
    }
}
