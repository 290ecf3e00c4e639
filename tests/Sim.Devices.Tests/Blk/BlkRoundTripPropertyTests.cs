using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Blk;

namespace Sim.Devices.Tests.Blk;

/// <summary>
/// Write-then-read round trip: random OUT requests (random sector, 1 to 8 sectors, data split at a random byte into
/// two buffers), interleaved with WRITE_ZEROES ranges and FLUSHes, against a 64-sector disk, then the whole disk read
/// back with IN requests whose data is split at random too; every byte must equal a flat reference array, every
/// request must answer OK with the right used len.
/// </summary>
public sealed class BlkRoundTripPropertyTests
{
    private const int Sectors = 64;

    /// <summary>One step: an OUT (Kind 0), a WRITE_ZEROES (1) or a FLUSH (2).</summary>
    public sealed record Step(int Kind, int Sector, int Count, int Split, int Seed)
    {
        public override string ToString() => $"{(Kind switch { 0 => "out", 1 => "zeroes", _ => "flush" })}({Sector}+{Count}, split {Split}, seed {Seed})";
    }

    private static readonly Gen<Step> StepGen =
        from kind in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from sector in Gen.Choose(0, Sectors - 1)
        from count in Gen.Choose(1, Math.Min(8, Sectors - sector))
        from split in Gen.Choose(1, count * 512 - 1)
        from seed in Gen.Choose(0, 1_000_000)
        select new Step(kind, sector, count, split, seed);

    private static readonly Arbitrary<Step[]> Programs = Arb.From(
        from count in Gen.Choose(1, 20) from steps in Gen.ArrayOf(StepGen, count) select steps);

    [Fact]
    public void Data_written_reads_back_exactly()
    {
        var property = Prop.ForAll(Programs, steps =>
        {
            string? failure = Run(steps);
            return (failure is null).Label(failure ?? "");
        });
        Check.One(PropertyRuns.Config(150), property);
    }

    private static string? Run(Step[] steps)
    {
        var rig = new BlkRig(storage: new BlkStorage(Sectors, BlkTestTiming.Example));
        var model = new byte[Sectors * 512];
        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case 0:
                    byte[] data = BlkRig.Pattern(step.Count, step.Seed);
                    rig.Request().Header(BlkLayout.TypeOut, (ulong)step.Sector).Readable(data[..step.Split]).Readable(data[step.Split..]).Status().Submit();
                    data.CopyTo(model, step.Sector * 512);
                    break;
                case 1:
                    rig.Request().Header(BlkLayout.TypeWriteZeroes, 0).Readable(BlkRig.Range((ulong)step.Sector, (uint)step.Count)).Status().Submit();
                    Array.Clear(model, step.Sector * 512, step.Count * 512);
                    break;
                default:
                    rig.Request().Header(BlkLayout.TypeFlush, 0).Status().Submit();
                    break;
            }
            var served = rig.Serve();
            if (!served.Outcome.Succeeded || served.UsedLength != 1) return $"{step}: {served.Outcome}, used len {served.UsedLength}";
        }

        var random = new Random(steps.Length);
        for (int sector = 0; sector < Sectors; sector += 8)
        {
            int split = random.Next(1, 8 * 512);
            var read = rig.Request().Header(BlkLayout.TypeIn, (ulong)sector).Writable(split).Writable(8 * 512 - split).Status().Submit();
            var served = rig.Serve();
            if (!served.Outcome.Succeeded || served.UsedLength != 8 * 512 + 1) return $"read {sector}: {served.Outcome}, used len {served.UsedLength}";
            byte[] seen = read.WritableBytes();
            if (!seen.AsSpan(0, 8 * 512).SequenceEqual(model.AsSpan(sector * 512, 8 * 512))) return $"read {sector}: data differs from what was written";
        }
        return null;
    }
}
