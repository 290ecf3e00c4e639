using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Rpmb;

namespace Sim.Devices.Tests.Rpmb;

/// <summary>Generators for RPMB properties: keys, nonces, byte fields and valid writes on <see cref="RpmbRig.SmallConfig"/>.</summary>
internal static class RpmbGen
{
    public static readonly Gen<byte> Byte = Gen.Choose(0, 255).Select(b => (byte)b);

    public static readonly Gen<ushort> U16 = Gen.Frequency(
        (1, Gen.Elements<ushort>(0, 1, 0xff, 0x8000, ushort.MaxValue)),
        (4, Gen.Choose(0, ushort.MaxValue).Select(v => (ushort)v)));

    public static readonly Gen<uint> U32 = Gen.Frequency(
        (1, Gen.Elements(0u, 1u, 0xffu, 0x8000_0000u, uint.MaxValue)),
        (4, from hi in Gen.Choose(0, 0xffff) from lo in Gen.Choose(0, 0xffff) select (uint)hi << 16 | (uint)lo));

    public static Gen<byte[]> Bytes(int length) => Gen.ArrayOf(Byte, length);

    public static readonly Gen<byte[]> Key = Bytes(RpmbLayout.KeySize);

    public static readonly Gen<byte[]> Nonce = Bytes(RpmbLayout.NonceSize);

    /// <summary>Two different keys.</summary>
    public static readonly Gen<(byte[] Programmed, byte[] Other)> TwoKeys =
        from a in Key from b in Key where !a.AsSpan().SequenceEqual(b) select (a, b);

    /// <summary>
    /// A valid write on the small partition: 1 to 4 blocks, addresses crowded into the first 16 blocks half the time so
    /// that writes overlap, data from a seed (deterministic, cheaper than generating 1 KiB byte by byte).
    /// </summary>
    public static readonly Gen<RpmbWrite> Write =
        from blocks in Gen.Choose(1, RpmbRig.SmallConfig.MaxWriteCount)
        from address in Gen.OneOf(Gen.Choose(0, 15), Gen.Choose(0, RpmbRig.SmallConfig.Blocks - blocks))
        from seed in Gen.Choose(0, int.MaxValue)
        select new RpmbWrite((ushort)address, Fill(seed, blocks * RpmbLayout.BlockSize));

    public static Gen<RpmbWrite[]> Writes(int min, int max) =>
        from count in Gen.Choose(min, max) from writes in Gen.ArrayOf(Write, count) select writes;

    private static byte[] Fill(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>One authenticated write: <see cref="Data"/> (whole blocks) from block <see cref="Address"/> on.</summary>
internal sealed record RpmbWrite(ushort Address, byte[] Data)
{
    public ushort Blocks => (ushort)(Data.Length / RpmbLayout.BlockSize);

    public override string ToString() => $"write {Blocks} block(s) at {Address}, data {Convert.ToHexString(Data, 0, 4)}..";
}
