
namespace Sim.Devices.Gpu;

/// <summary>
/// VIRTIO_GPU_CMD_GET_DISPLAY_INFO (virtio 1.2, 5.7.6.8): a request that is only a <c>virtio_gpu_ctrl_hdr</c>;
/// the device answers with <see cref="GpuRespDisplayInfo"/>.
/// </summary>
/// <param name="Header">The request header; its type must be <see cref="GpuLayout.CmdGetDisplayInfo"/>.</param>
public sealed record GpuGetDisplayInfo(GpuCtrlHeader Header)
{
    private const string Name = "VIRTIO_GPU_CMD_GET_DISPLAY_INFO";
    private readonly GpuCtrlHeader _header = GpuWire.RequireType(Header, GpuLayout.CmdGetDisplayInfo, Name);

    /// <summary>The request header, checked to be a GET_DISPLAY_INFO.</summary>
    public GpuCtrlHeader Header { get => _header; init => _header = GpuWire.RequireType(value, GpuLayout.CmdGetDisplayInfo, Name); }

    /// <summary>An unfenced GET_DISPLAY_INFO.</summary>
    public static GpuGetDisplayInfo Create() => new(GpuCtrlHeader.Command(GpuLayout.CmdGetDisplayInfo));

    /// <summary>The <see cref="GpuLayout.HeaderSize"/> request bytes.</summary>
    public byte[] Encode() => Header.Encode();

    /// <summary>Reads the request from <paramref name="source"/>; false with a <paramref name="problem"/> when too short or another type.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out GpuGetDisplayInfo? command, out string problem)
    {
        command = null;
        if (!GpuWire.TryHeader(source, GpuLayout.HeaderSize, GpuLayout.CmdGetDisplayInfo, Name, out var header, out problem)) return false;
        command = new GpuGetDisplayInfo(header);
        return true;
    }

    /// <summary>Reads the request from <paramref name="source"/>; throws <see cref="FormatException"/> with the problem.</summary>
    public static GpuGetDisplayInfo Decode(ReadOnlySpan<byte> source) =>
        GpuWire.OrThrow(TryDecode(source, out var command, out string problem), command, problem);
}
