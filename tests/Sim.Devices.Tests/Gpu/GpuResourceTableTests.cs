using Sim.Devices.Gpu;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Gpu;

/// <summary>
/// The 2D commands' effects and error responses (virtio 1.2, 5.7.6.8), with QEMU's virtio-gpu as the reference device:
/// one example per rule a guest can break, and what a transfer copies.
/// </summary>
public sealed class GpuResourceTableTests
{
    private static readonly GpuDisplayMode Mode = GpuDisplayMode.AtHz(64, 32, GpuFormat.B8G8R8X8Unorm, 60);

    internal static GpuResourceTable Table(long limit = GpuResourceTable.DefaultHostMemoryLimit) => new([Mode], limit);

    internal static IDeviceMemory PatternMemory(out GuestMemory memory)
    {
        memory = new GuestMemory("vm", 64 * 1024);
        var bytes = new byte[memory.Size];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 31 + (i >> 8));
        memory.Write(0, bytes);
        return new DirectDeviceMemory(memory, "vm/gpu0/backend", new AccessLog());
    }

    private static uint Create(GpuResourceTable table, uint id, uint w = 64, uint h = 32, GpuFormat format = GpuFormat.B8G8R8X8Unorm) =>
        table.Create(GpuResourceCreate2D.Create(id, format, w, h)).Response;

    [Fact]
    public void Create_refuses_id_zero_a_taken_id_an_unknown_format_and_what_exceeds_host_memory()
    {
        var table = Table(limit: 64 * 32 * 4 + 100);
        Assert.Equal(GpuLayout.RespErrInvalidResourceId, Create(table, 0));
        Assert.Equal(GpuLayout.RespOkNoData, Create(table, 7));
        Assert.Equal(GpuLayout.RespErrInvalidResourceId, Create(table, 7));
        Assert.Equal(GpuLayout.RespErrInvalidParameter, Create(table, 8, format: (GpuFormat)99));
        Assert.Equal(GpuLayout.RespErrOutOfMemory, Create(table, 8, 8, 8));
        Assert.Equal(64 * 32 * 4, table.HostMemory);
        Assert.Equal(GpuLayout.RespOkNoData, table.Unref(7).Response);
        Assert.Equal(GpuLayout.RespOkNoData, Create(table, 8, 8, 8));
        Assert.Equal(8 * 8 * 4, table.HostMemory);
    }

    [Fact]
    public void Backing_is_attached_once_and_detached_once()
    {
        var table = Table();
        Create(table, 1);
        var attach = GpuResourceAttachBacking.Create(1, [new GpuMemEntry(0, 8192)]);
        Assert.Equal(GpuLayout.RespErrInvalidResourceId, table.AttachBacking(GpuResourceAttachBacking.Create(2, [new GpuMemEntry(0, 8192)])).Response);
        Assert.Equal(GpuLayout.RespOkNoData, table.AttachBacking(attach).Response);
        Assert.Equal(GpuLayout.RespErrUnspec, table.AttachBacking(attach).Response);
        Assert.Equal(GpuLayout.RespOkNoData, table.DetachBacking(1).Response);
        Assert.Equal(GpuLayout.RespErrUnspec, table.DetachBacking(1).Response);
        Assert.Null(table.Resources[1].Backing);
    }

    [Fact]
    public void Set_scanout_checks_the_scanout_the_resource_and_a_rectangle_of_at_least_16_pixels_inside_it()
    {
        var table = Table();
        Create(table, 1);
        Assert.Equal(GpuLayout.RespErrInvalidScanoutId, table.SetScanout(GpuSetScanout.Create(Mode.Rect, 1, 1)).Response);
        Assert.Equal(GpuLayout.RespErrInvalidResourceId, table.SetScanout(GpuSetScanout.Create(Mode.Rect, 0, 2)).Response);
        Assert.Equal(GpuLayout.RespErrInvalidParameter, table.SetScanout(GpuSetScanout.Create(new GpuRect(0, 0, 15, 32), 0, 1)).Response);
        Assert.Equal(GpuLayout.RespErrInvalidParameter, table.SetScanout(GpuSetScanout.Create(new GpuRect(1, 0, 64, 32), 0, 1)).Response);
        Assert.Equal(GpuLayout.RespOkNoData, table.SetScanout(GpuSetScanout.Create(Mode.Rect, 0, 1)).Response);
        Assert.Equal((1u, Mode.Rect), table.Scanout(0));
        Assert.Equal(GpuLayout.RespOkNoData, table.Unref(1).Response);
        Assert.Equal(default, table.Scanout(0));
    }

    [Fact]
    public void A_transfer_copies_each_row_from_offset_plus_stride_times_row_into_the_rectangle()
    {
        var memory = PatternMemory(out var guest);
        var table = Table();
        Create(table, 1);
        table.AttachBacking(GpuResourceAttachBacking.Create(1, [new GpuMemEntry(4096, 5000), new GpuMemEntry(20000, 10000)]));
        var rect = new GpuRect(3, 2, 10, 4);
        ulong offset = 2 * 256 + 3 * 4;
        var result = table.Transfer(GpuTransferToHost2D.Create(rect, offset, 1), memory);
        Assert.Equal(GpuLayout.RespOkNoData, result.Response);
        Assert.Equal(10 * 4 * 4, result.Transferred);
        var flat = new byte[15000];
        guest.Read(4096, flat.AsSpan(0, 5000));
        guest.Read(20000, flat.AsSpan(5000, 10000));
        var pixels = table.Resources[1].Pixels.ToArray();
        for (int row = 0; row < 32; row++)
            for (int x = 0; x < 64 * 4; x++)
            {
                bool inside = row >= 2 && row < 6 && x >= 12 && x < 52;
                byte expected = inside ? flat[(int)offset + (row - 2) * 256 + (x - 12)] : (byte)0;
                Assert.True(expected == pixels[row * 256 + x], $"row {row}, byte {x}");
            }
    }

    [Fact]
    public void A_transfer_past_the_backing_is_refused_with_nothing_copied_and_an_unreachable_backing_is_a_device_fault()
    {
        var memory = PatternMemory(out _);
        var table = Table();
        Create(table, 1);
        Create(table, 2);
        table.AttachBacking(GpuResourceAttachBacking.Create(1, [new GpuMemEntry(0, 256 * 31)]));
        var whole = GpuTransferToHost2D.Create(Mode.Rect, 0, 1);
        var past = table.Transfer(whole, memory);
        Assert.Equal(GpuLayout.RespErrInvalidParameter, past.Response);
        Assert.NotNull(past.Problem);
        Assert.True(table.Resources[1].Pixels.IndexOfAnyExcept((byte)0) < 0);
        table.AttachBacking(GpuResourceAttachBacking.Create(2, [new GpuMemEntry(0, 4096), new GpuMemEntry(1UL << 40, 8192)]));
        var fault = table.Transfer(GpuTransferToHost2D.Create(Mode.Rect, 0, 2), memory);
        Assert.Equal(GpuLayout.RespErrUnspec, fault.Response);
        Assert.Contains("not reachable", fault.Problem);
        Assert.Equal(GpuLayout.RespErrInvalidResourceId, table.Transfer(GpuTransferToHost2D.Create(Mode.Rect, 0, 3), memory).Response);
    }

    [Fact]
    public void A_flush_updates_the_scanouts_that_show_the_resource_where_the_rectangles_meet()
    {
        var table = Table();
        Create(table, 1);
        Create(table, 2);
        Assert.Equal(0, table.Flush(GpuResourceFlush.Create(Mode.Rect, 1)).Presented);
        table.SetScanout(GpuSetScanout.Create(new GpuRect(0, 0, 32, 16), 0, 1));
        Assert.Equal(1, table.Flush(GpuResourceFlush.Create(new GpuRect(0, 0, 4, 4), 1)).Presented);
        Assert.Equal(0, table.Flush(GpuResourceFlush.Create(new GpuRect(40, 20, 4, 4), 1)).Presented);
        Assert.Equal(0, table.Flush(GpuResourceFlush.Create(Mode.Rect, 2)).Presented);
        Assert.Equal(GpuLayout.RespErrInvalidParameter, table.Flush(GpuResourceFlush.Create(new GpuRect(60, 0, 8, 8), 1)).Response);
        Assert.Equal(GpuLayout.RespErrInvalidResourceId, table.Flush(GpuResourceFlush.Create(Mode.Rect, 9)).Response);
    }
}
