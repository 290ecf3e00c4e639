using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Gpu;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Gpu;

/// <summary>
/// Properties over random field values (full 32- and 64-bit ranges, with edge values weighted in): every scanout
/// command and response decodes to what was encoded, re-encodes to the same bytes, and has its struct's size.
/// </summary>
public sealed class GpuRoundTripPropertyTests
{
    private static readonly Gen<uint> U32 = Gen.Frequency(
        (1, Gen.Elements(0u, 1u, 0xffu, 0x8000_0000u, uint.MaxValue)),
        (4, from hi in Gen.Choose(0, 0xffff) from lo in Gen.Choose(0, 0xffff) select (uint)hi << 16 | (uint)lo));

    private static readonly Gen<ulong> U64 = from hi in U32 from lo in U32 select (ulong)hi << 32 | lo;

    private static readonly Gen<GpuRect> Rects =
        from x in U32 from y in U32 from w in U32 from h in U32 select new GpuRect(x, y, w, h);

    private static Gen<GpuCtrlHeader> Headers(uint type) =>
        from flags in U32
        from fence in U64
        from ctx in U32
        from ring in Gen.Choose(0, 255)
        select new GpuCtrlHeader(type, flags, fence, ctx, (byte)ring);

    [Fact]
    public void A_ctrl_header_round_trips_with_any_type()
    {
        var gen = from type in U32 from header in Headers(type) select header;
        Check.One(PropertyRuns.Config(300), Prop.ForAll(Arb.From(gen), h =>
            RoundTrips(h, h.Encode(), b => GpuCtrlHeader.Decode(b), x => x.Encode(), GpuLayout.HeaderSize)));
    }

    [Fact]
    public void Get_display_info_round_trips()
    {
        var gen = Headers(GpuLayout.CmdGetDisplayInfo).Select(h => new GpuGetDisplayInfo(h));
        Check.One(PropertyRuns.Config(100), Prop.ForAll(Arb.From(gen), c =>
            RoundTrips(c, c.Encode(), b => GpuGetDisplayInfo.Decode(b), x => x.Encode(), GpuLayout.HeaderSize)));
    }

    [Fact]
    public void Resource_create_2d_round_trips()
    {
        var gen = from h in Headers(GpuLayout.CmdResourceCreate2D)
                  from id in U32
                  from format in U32
                  from w in U32
                  from ht in U32
                  select new GpuResourceCreate2D(h, id, (GpuFormat)format, w, ht);
        Check.One(PropertyRuns.Config(200), Prop.ForAll(Arb.From(gen), c =>
            RoundTrips(c, c.Encode(), b => GpuResourceCreate2D.Decode(b), x => x.Encode(), GpuLayout.ResourceCreate2D.Size)));
    }

    [Fact]
    public void Set_scanout_round_trips()
    {
        var gen = from h in Headers(GpuLayout.CmdSetScanout)
                  from r in Rects
                  from scanout in U32
                  from id in U32
                  select new GpuSetScanout(h, r, scanout, id);
        Check.One(PropertyRuns.Config(200), Prop.ForAll(Arb.From(gen), c =>
            RoundTrips(c, c.Encode(), b => GpuSetScanout.Decode(b), x => x.Encode(), GpuLayout.SetScanout.Size)));
    }

    [Fact]
    public void Transfer_to_host_2d_round_trips()
    {
        var gen = from h in Headers(GpuLayout.CmdTransferToHost2D)
                  from r in Rects
                  from offset in U64
                  from id in U32
                  select new GpuTransferToHost2D(h, r, offset, id);
        Check.One(PropertyRuns.Config(200), Prop.ForAll(Arb.From(gen), c =>
            RoundTrips(c, c.Encode(), b => GpuTransferToHost2D.Decode(b), x => x.Encode(), GpuLayout.TransferToHost2D.Size)));
    }

    [Fact]
    public void Resource_flush_round_trips()
    {
        var gen = from h in Headers(GpuLayout.CmdResourceFlush)
                  from r in Rects
                  from id in U32
                  select new GpuResourceFlush(h, r, id);
        Check.One(PropertyRuns.Config(200), Prop.ForAll(Arb.From(gen), c =>
            RoundTrips(c, c.Encode(), b => GpuResourceFlush.Decode(b), x => x.Encode(), GpuLayout.ResourceFlush.Size)));
    }

    [Fact]
    public void Resource_attach_backing_round_trips_with_0_to_8_entries()
    {
        var entry = from addr in U64 from length in U32 select new GpuMemEntry(addr, length);
        var gen = from h in Headers(GpuLayout.CmdResourceAttachBacking)
                  from id in U32
                  from count in Gen.Choose(0, 8)
                  from entries in Gen.ArrayOf(entry, count)
                  select new GpuResourceAttachBacking(h, id, entries);
        Check.One(PropertyRuns.Config(200), Prop.ForAll(Arb.From(gen), c =>
            RoundTrips(c, c.Encode(), b => GpuResourceAttachBacking.Decode(b), x => x.Encode(),
                GpuLayout.ResourceAttachBacking.Size + c.Entries.Count * GpuLayout.MemEntry.Size)));
    }

    [Fact]
    public void Display_info_round_trips()
    {
        var one = from r in Rects from enabled in U32 from flags in U32 select new GpuDisplayOne(r, enabled, flags);
        var gen = from h in Headers(GpuLayout.RespOkDisplayInfo)
                  from modes in Gen.ArrayOf(one, GpuLayout.MaxScanouts)
                  select new GpuRespDisplayInfo(h, modes);
        Check.One(PropertyRuns.Config(100), Prop.ForAll(Arb.From(gen), c =>
            RoundTrips(c, c.Encode(), b => GpuRespDisplayInfo.Decode(b), x => x.Encode(), GpuLayout.RespDisplayInfo.Size)));
    }

    private static Property RoundTrips<T>(T value, byte[] bytes, Func<byte[], T> decode, Func<T, byte[]> encode, int size)
    {
        T back = decode(bytes);
        bool ok = bytes.Length == size && EqualityComparer<T>.Default.Equals(back, value) && encode(back).AsSpan().SequenceEqual(bytes);
        return ok.Label($"{value} -> {Convert.ToHexString(bytes)} -> {back}");
    }
}
