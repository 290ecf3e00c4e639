using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Gpu;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Gpu;

/// <summary>
/// Properties over random sequences of 2D commands (virtio 1.2, 5.7.6.8) on a small device: the table answers each as
/// an independent reference model of the rules says, a refused command changes nothing, every enabled scanout shows a
/// live resource within its bounds, host memory is the sum of the live resources' bytes and stays under the limit, and
/// an accepted transfer leaves the rectangle holding the backing's bytes row by row.
/// </summary>
public sealed class GpuResourceTablePropertyTests
{
    private const long Limit = 3 * 20 * 20 * 4;

    /// <summary>One command: kind 0 create, 1 unref, 2 attach, 3 detach, 4 set scanout, 5 transfer, 6 flush.</summary>
    private sealed record Op(int Kind, uint Id, uint X, uint Y, uint W, uint H, ulong Offset, (ulong Addr, uint Len)[] Entries, uint Scanout)
    {
        public override string ToString() => $"{Kind}:{Id} ({X},{Y},{W},{H}) @{Offset} [{string.Join(",", Entries.Select(e => $"{e.Addr:x}+{e.Len}"))}] s{Scanout}";
    }

    private static readonly Gen<(ulong, uint)> Entry =
        from far in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from addr in Gen.Choose(0, 60000)
        from len in Gen.Choose(1, 4096)
        select (far ? (1UL << 40) + (ulong)addr : (ulong)addr, (uint)len);

    private static readonly Gen<Op> Ops =
        from kind in Gen.Choose(0, 6)
        from id in Gen.Choose(0, 3)
        from x in Gen.Choose(0, 24)
        from y in Gen.Choose(0, 24)
        from w in Gen.Choose(0, 24)
        from h in Gen.Choose(0, 24)
        from offset in Gen.Choose(0, 3000)
        from entries in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Entry, n))
        from scanout in Gen.Frequency((9, Gen.Constant(0u)), (1, Gen.Constant(1u)))
        select new Op(kind, (uint)id, (uint)x, (uint)y, (uint)w, (uint)h, (ulong)offset, entries, scanout);

    [Fact]
    public void Every_command_is_answered_as_the_rules_say_and_the_state_stays_consistent()
    {
        Check.One(PropertyRuns.Config(300), Prop.ForAll(Arb.From(Gen.ListOf(Ops, 40).Select(l => l.ToArray())), ops =>
        {
            var memory = GpuResourceTableTests.PatternMemory(out var guest);
            var table = new GpuResourceTable([GpuDisplayMode.AtHz(20, 20, GpuFormat.B8G8R8X8Unorm, 60)], Limit);
            var model = new Dictionary<uint, (uint W, uint H, (ulong Addr, uint Len)[]? Backing)>();
            var scanout = (Id: 0u, Rect: default(GpuRect));
            foreach (var op in ops)
            {
                var before = Snapshot(table);
                var rect = new GpuRect(op.X, op.Y, op.W, op.H);
                bool exists = model.TryGetValue(op.Id, out var r);
                bool inside = exists && op.W > 0 && op.H > 0 && op.X + op.W <= r.W && op.Y + op.H <= r.H;
                uint expected;
                GpuCommandResult result;
                switch (op.Kind)
                {
                    case 0:
                        expected = op.Id == 0 || exists ? GpuLayout.RespErrInvalidResourceId
                            : op.W == 0 || op.H == 0 ? GpuLayout.RespErrInvalidParameter
                            : model.Values.Sum(v => (long)v.W * v.H * 4) + (long)op.W * op.H * 4 > Limit ? GpuLayout.RespErrOutOfMemory : GpuLayout.RespOkNoData;
                        result = table.Create(GpuResourceCreate2D.Create(op.Id, GpuFormat.B8G8R8A8Unorm, op.W, op.H));
                        if (expected == GpuLayout.RespOkNoData) model[op.Id] = (op.W, op.H, null);
                        break;
                    case 1:
                        expected = exists ? GpuLayout.RespOkNoData : GpuLayout.RespErrInvalidResourceId;
                        result = table.Unref(op.Id);
                        if (exists) { model.Remove(op.Id); if (scanout.Id == op.Id) scanout = default; }
                        break;
                    case 2:
                        expected = !exists ? GpuLayout.RespErrInvalidResourceId : r.Backing is not null ? GpuLayout.RespErrUnspec : GpuLayout.RespOkNoData;
                        result = table.AttachBacking(GpuResourceAttachBacking.Create(op.Id, op.Entries.Select(e => new GpuMemEntry(e.Addr, e.Len)).ToArray()));
                        if (expected == GpuLayout.RespOkNoData) model[op.Id] = r with { Backing = op.Entries };
                        break;
                    case 3:
                        expected = !exists ? GpuLayout.RespErrInvalidResourceId : r.Backing is null ? GpuLayout.RespErrUnspec : GpuLayout.RespOkNoData;
                        result = table.DetachBacking(op.Id);
                        if (expected == GpuLayout.RespOkNoData) model[op.Id] = r with { Backing = null };
                        break;
                    case 4:
                        expected = op.Scanout != 0 ? GpuLayout.RespErrInvalidScanoutId : op.Id == 0 ? GpuLayout.RespOkNoData
                            : !exists ? GpuLayout.RespErrInvalidResourceId : op.W < 16 || op.H < 16 || !inside ? GpuLayout.RespErrInvalidParameter : GpuLayout.RespOkNoData;
                        result = table.SetScanout(GpuSetScanout.Create(rect, op.Scanout, op.Id));
                        if (expected == GpuLayout.RespOkNoData) scanout = op.Id == 0 ? default : (op.Id, rect);
                        break;
                    case 5:
                        result = table.Transfer(GpuTransferToHost2D.Create(rect, op.Offset, op.Id), memory);
                        expected = ExpectedTransfer(exists, r, inside, op);
                        if (expected == GpuLayout.RespOkNoData && !RectangleHoldsBacking(table.Resources[op.Id], r.Backing!, rect, op.Offset, guest)) throw new InvalidOperationException($"{op}: bytes differ");
                        break;
                    default:
                        expected = !exists ? GpuLayout.RespErrInvalidResourceId : !inside ? GpuLayout.RespErrInvalidParameter : GpuLayout.RespOkNoData;
                        result = table.Flush(GpuResourceFlush.Create(rect, op.Id));
                        break;
                }
                if (result.Response != expected) throw new InvalidOperationException($"{op}: answered 0x{result.Response:x4}, expected 0x{expected:x4}");
                if (!result.IsOk && op.Kind != 5 && Snapshot(table) != before) throw new InvalidOperationException($"{op}: refused but changed the state");
                if (table.Scanout(0) != scanout) throw new InvalidOperationException($"{op}: scanout {table.Scanout(0)}, expected {scanout}");
                if (scanout.Id != 0 && !table.Resources[scanout.Id].Contains(scanout.Rect)) throw new InvalidOperationException($"{op}: scanout outside its resource");
                long bytes = table.Resources.Values.Sum(v => v.Bytes);
                if (table.HostMemory != bytes || bytes > Limit) throw new InvalidOperationException($"{op}: host memory {table.HostMemory}, resources {bytes}");
            }
            return true;
        }));
    }

    private static uint ExpectedTransfer(bool exists, (uint W, uint H, (ulong Addr, uint Len)[]? Backing) r, bool inside, Op op)
    {
        if (!exists || r.Backing is null) return GpuLayout.RespErrInvalidResourceId;
        if (!inside) return GpuLayout.RespErrInvalidParameter;
        long total = r.Backing.Sum(e => (long)e.Len);
        long extent = (long)op.Offset + r.W * 4L * (op.H - 1) + op.W * 4L;
        if (extent > total) return GpuLayout.RespErrInvalidParameter;
        for (uint row = 0; row < op.H; row++)
            if (!Reachable(r.Backing, (long)op.Offset + r.W * 4L * row, op.W * 4L)) return GpuLayout.RespErrUnspec;
        return GpuLayout.RespOkNoData;
    }

    private static bool Reachable((ulong Addr, uint Len)[] backing, long offset, long length)
    {
        long at = 0;
        foreach (var (addr, len) in backing)
        {
            if (offset < at + len && offset + length > at && addr >= 1UL << 40) return false;
            at += len;
        }
        return true;
    }

    private static bool RectangleHoldsBacking(GpuResource resource, (ulong Addr, uint Len)[] backing, GpuRect rect, ulong offset, Sim.Hypervisors.Memory.GuestMemory guest)
    {
        var flat = backing.SelectMany(e => { var b = new byte[e.Len]; if (guest.Contains(e.Addr, e.Len)) guest.Read(e.Addr, b); return b; }).ToArray();
        var pixels = resource.Pixels;
        for (uint row = 0; row < rect.Height; row++)
        {
            var want = flat.AsSpan((int)((long)offset + resource.Stride * row), (int)rect.Width * 4);
            if (!pixels.Slice((int)((rect.Y + row) * resource.Stride + rect.X * 4L), want.Length).SequenceEqual(want)) return false;
        }
        return true;
    }

    private static string Snapshot(GpuResourceTable table) =>
        string.Join(";", table.Resources.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value.Width}x{p.Value.Height}:{p.Value.Backing?.Bytes}"))
        + $"|{table.Scanout(0)}|{table.HostMemory}";
}
