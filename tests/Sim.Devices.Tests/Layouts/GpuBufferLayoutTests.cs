using Sim.Devices.Gpu;
using Sim.Layouts;

namespace Sim.Devices.Tests.Layouts;

/// <summary>
/// The explain page's descriptions of the virtio-gpu buffers (virtio 1.2, 5.7.6.7-5.7.6.10) put every field where the
/// model's constants (checked against Linux by the golden test) put it, name the command and response types the model
/// sends and answers, and a command the model encodes reads back through them.
/// </summary>
public sealed class GpuBufferLayoutTests
{
    [Fact]
    public void Every_described_field_lies_at_the_model_s_offset()
    {
        var request = LayoutCatalog.Struct(RegionKind.GpuCtrlRequest);
        Assert.Equal(GpuLayout.HeaderSize, request.Size);
        Assert.Equal(GpuLayout.HeaderTypeOffset, request.Field("type").Offset);
        Assert.Equal(GpuLayout.HeaderFlagsOffset, request.Field("flags").Offset);
        Assert.Equal(GpuLayout.HeaderFenceIdOffset, request.Field("fence_id").Offset);
        Assert.Equal(GpuLayout.HeaderCtxIdOffset, request.Field("ctx_id").Offset);
        Assert.Equal(GpuLayout.HeaderRingIdxOffset, request.Field("ring_idx").Offset);
        var response = LayoutCatalog.Struct(RegionKind.GpuCtrlResponse);
        Assert.Equal(GpuLayout.RespDisplayInfo.PModes, response.EntriesOffset);
        Assert.Equal(GpuLayout.DisplayOne.Size, response.EntrySize);
        Assert.Equal(GpuLayout.DisplayOne.Enabled, response.Entries!.Field("enabled").Offset);
        Assert.Equal(GpuLayout.DisplayOne.Rect + GpuLayout.Rect.Width, response.Entries.Field("r.width").Offset);
        var cursor = LayoutCatalog.Struct(RegionKind.GpuCursorCommand);
        Assert.Equal(GpuLayout.UpdateCursor.Size, cursor.Size);
        Assert.Equal(GpuLayout.UpdateCursor.Pos + GpuLayout.CursorPos.Y, cursor.Field("pos.y").Offset);
        Assert.Equal(GpuLayout.UpdateCursor.HotY, cursor.Field("hot_y").Offset);
        var create = LayoutCatalog.Struct("gpu-resource-create-2d");
        Assert.Equal(GpuLayout.ResourceCreate2D.Format, create.Field("format").Offset);
        Assert.Equal(GpuLayout.ResourceCreate2D.Height, create.Field("height").Offset);
        var transfer = LayoutCatalog.Struct("gpu-transfer-to-host-2d");
        Assert.Equal(GpuLayout.TransferToHost2D.Offset, transfer.Field("offset").Offset);
        Assert.Equal(GpuLayout.TransferToHost2D.ResourceId, transfer.Field("resource_id").Offset);
        Assert.Equal(GpuLayout.TransferToHost2D.Rect + GpuLayout.Rect.Y, transfer.Field("r.y").Offset);
        Assert.Equal(GpuLayout.SetScanout.ScanoutId, LayoutCatalog.Struct("gpu-set-scanout").Field("scanout_id").Offset);
        Assert.Equal(GpuLayout.ResourceFlush.ResourceId, LayoutCatalog.Struct("gpu-resource-flush").Field("resource_id").Offset);
        Assert.Equal(GpuLayout.ResourceAttachBacking.NrEntries, LayoutCatalog.Struct("gpu-resource-attach-backing").Field("nr_entries").Offset);
        Assert.Equal(GpuLayout.ResourceUnref.ResourceId, LayoutCatalog.Struct("gpu-resource-id").Field("resource_id").Offset);
    }

    [Fact]
    public void The_type_names_are_the_model_s_values()
    {
        var types = LayoutCatalog.Flags("gpu-ctrl-types");
        Assert.Equal(GpuLayout.CmdGetDisplayInfo, types.ValueOf("GET_DISPLAY_INFO"));
        Assert.Equal(GpuLayout.CmdTransferToHost2D, types.ValueOf("TRANSFER_TO_HOST_2D"));
        Assert.Equal(GpuLayout.CmdResourceDetachBacking, types.ValueOf("RESOURCE_DETACH_BACKING"));
        Assert.Equal(GpuLayout.CmdMoveCursor, types.ValueOf("MOVE_CURSOR"));
        Assert.Equal(GpuLayout.RespOkDisplayInfo, types.ValueOf("OK_DISPLAY_INFO"));
        Assert.Equal(GpuLayout.RespErrInvalidParameter, types.ValueOf("ERR_INVALID_PARAMETER"));
        Assert.Equal(GpuLayout.FlagFence, LayoutCatalog.Flags("gpu-ctrl-flags").ValueOf("FENCE"));
        foreach (var format in Enum.GetValues<GpuFormat>())
            Assert.Equal((ulong)format, LayoutCatalog.Flags("gpu-formats").Flags.Single(f => f.Name.Replace("_", "", StringComparison.Ordinal)
                .Equals(format.ToString(), StringComparison.OrdinalIgnoreCase)).Value);
    }

    [Fact]
    public void A_fenced_flush_the_model_encodes_reads_back_through_the_description()
    {
        var bytes = GpuResourceFlush.Create(new GpuRect(1, 2, 3, 4), 9, fenceId: 77).Encode();
        var header = LayoutCatalog.Struct(RegionKind.GpuCtrlRequest);
        Assert.Equal("RESOURCE_FLUSH", LayoutCatalog.Flags("gpu-ctrl-types").NameOf(header.Field("type").Read(bytes)));
        Assert.Equal(77UL, header.Field("fence_id").Read(bytes));
        var flush = LayoutCatalog.Struct("gpu-resource-flush");
        Assert.Equal(new ulong[] { 1, 2, 3, 4, 9 }, new[] { "r.x", "r.y", "r.width", "r.height", "resource_id" }.Select(f => flush.Field(f).Read(bytes)));
    }
}
