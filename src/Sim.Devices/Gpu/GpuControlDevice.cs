using System.Buffers.Binary;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Gpu;

/// <summary>
/// The controlq side of a virtio-gpu 2D device (virtio 1.2, 5.7.6.7-5.7.6.8): decodes one request's bytes, carries it
/// out on its <see cref="GpuResourceTable"/> and writes the response (<c>virtio_gpu_ctrl_hdr</c>, or
/// <c>virtio_gpu_resp_display_info</c>) with the request's fence echoed. A request too short for its struct, of a type
/// this 2D device does not know (3D and blob commands included), or with a nonzero ctx_id on a 2D command is answered
/// ERR_UNSPEC with a finding (QEMU answers a short request OK_NODATA and logs it; a model that must show the guest's
/// mistake says so instead).
/// </summary>
public sealed class GpuControlDevice
{
    /// <summary>The section every malformed request breaks.</summary>
    public const string RequestSection = "virtio 1.2, 5.7.6.7";

    /// <summary>A device over <paramref name="table"/>.</summary>
    public GpuControlDevice(GpuResourceTable table) => Table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The device's resources and scanouts.</summary>
    public GpuResourceTable Table { get; }

    /// <summary>
    /// Carries out <paramref name="request"/>, reading backing through <paramref name="memory"/>, and writes the response
    /// into <paramref name="response"/> (<paramref name="written"/> bytes; 0 when the room is too small for it, which the
    /// result's problem says).
    /// </summary>
    public GpuCommandResult Execute(ReadOnlySpan<byte> request, IDeviceMemory memory, Span<byte> response, out int written)
    {
        written = 0;
        if (request.Length < GpuLayout.HeaderSize)
            return Answer(null, GpuCommandResult.Finding(GpuLayout.RespErrUnspec, $"a {request.Length}-byte request is shorter than virtio_gpu_ctrl_hdr", RequestSection), response, out written);
        var header = GpuCtrlHeader.Decode(request);
        var result = Run(header, request, memory);
        return Answer(header, result, response, out written);
    }

    private GpuCommandResult Run(GpuCtrlHeader header, ReadOnlySpan<byte> request, IDeviceMemory memory)
    {
        string problem;
        if (header.CtxId != 0 && header.Type != GpuLayout.CmdGetDisplayInfo)
            return Malformed($"2D command 0x{header.Type:x4} names 3D context {header.CtxId}");
        switch (header.Type)
        {
            case GpuLayout.CmdGetDisplayInfo: return new GpuCommandResult(GpuLayout.RespOkDisplayInfo);
            case GpuLayout.CmdResourceCreate2D:
                return GpuResourceCreate2D.TryDecode(request, out var create, out problem) ? Table.Create(create!) : Malformed(problem);
            case GpuLayout.CmdResourceUnref:
                return GpuResourceCommand.TryDecode(request, header.Type, out var unref, out problem) ? Table.Unref(unref!.ResourceId) : Malformed(problem);
            case GpuLayout.CmdResourceDetachBacking:
                return GpuResourceCommand.TryDecode(request, header.Type, out var detach, out problem) ? Table.DetachBacking(detach!.ResourceId) : Malformed(problem);
            case GpuLayout.CmdResourceAttachBacking:
                if (request.Length >= GpuLayout.ResourceAttachBacking.Size
                    && BinaryPrimitives.ReadUInt32LittleEndian(request[GpuLayout.ResourceAttachBacking.NrEntries..]) > GpuResourceTable.MaxBackingEntries)
                    return GpuCommandResult.Error(GpuLayout.RespErrUnspec);
                return GpuResourceAttachBacking.TryDecode(request, out var attach, out problem) ? Table.AttachBacking(attach!) : Malformed(problem);
            case GpuLayout.CmdSetScanout:
                return GpuSetScanout.TryDecode(request, out var scanout, out problem) ? Table.SetScanout(scanout!) : Malformed(problem);
            case GpuLayout.CmdTransferToHost2D:
                return GpuTransferToHost2D.TryDecode(request, out var transfer, out problem) ? Table.Transfer(transfer!, memory) : Malformed(problem);
            case GpuLayout.CmdResourceFlush:
                return GpuResourceFlush.TryDecode(request, out var flush, out problem) ? Table.Flush(flush!) : Malformed(problem);
            default: return Malformed($"command type 0x{header.Type:x4} is not a 2D controlq command");
        }
    }

    private GpuCommandResult Answer(GpuCtrlHeader? request, GpuCommandResult result, Span<byte> response, out int written)
    {
        written = 0;
        var header = request is null ? new GpuCtrlHeader(result.Response, 0, 0, 0, 0) : GpuCtrlHeader.ResponseTo(request, result.Response);
        int size = result.Response == GpuLayout.RespOkDisplayInfo ? GpuLayout.RespDisplayInfo.Size : GpuLayout.HeaderSize;
        if (response.Length < size)
            return result with { Problem = (result.Problem is null ? "" : result.Problem + "; ") + $"{response.Length} writable bytes cannot hold the {size}-byte response", Section = RequestSection };
        if (result.Response == GpuLayout.RespOkDisplayInfo) GpuRespDisplayInfo.For(request!, Table.DisplayInfo()).Encode().CopyTo(response);
        else header.EncodeInto(response);
        written = size;
        return result;
    }

    private static GpuCommandResult Malformed(string problem) => GpuCommandResult.Finding(GpuLayout.RespErrUnspec, problem, RequestSection);
}
