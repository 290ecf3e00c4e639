using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// VIRTIO_GPU_RESP_OK_DISPLAY_INFO (virtio 1.2, 5.7.6.8; <c>struct virtio_gpu_resp_display_info</c>,
/// <see cref="GpuLayout.RespDisplayInfo"/>), the answer to GET_DISPLAY_INFO: one <see cref="GpuDisplayOne"/> per
/// possible scanout, always <see cref="GpuLayout.MaxScanouts"/> of them.
/// </summary>
/// <param name="Header">The response header; its type must be <see cref="GpuLayout.RespOkDisplayInfo"/>.</param>
/// <param name="PModes">Exactly <see cref="GpuLayout.MaxScanouts"/> entries; scanouts the device lacks are disabled.</param>
public sealed record GpuRespDisplayInfo(GpuCtrlHeader Header, IReadOnlyList<GpuDisplayOne> PModes)
{
    private const string Name = "virtio_gpu_resp_display_info";
    private readonly GpuCtrlHeader _header = GpuWire.RequireType(Header, GpuLayout.RespOkDisplayInfo, Name);
    private readonly IReadOnlyList<GpuDisplayOne> _pmodes = CheckModes(PModes);

    /// <summary>The response header, checked to be a RESP_OK_DISPLAY_INFO.</summary>
    public GpuCtrlHeader Header { get => _header; init => _header = GpuWire.RequireType(value, GpuLayout.RespOkDisplayInfo, Name); }

    /// <summary>The <see cref="GpuLayout.MaxScanouts"/> entries (a copy of what was given).</summary>
    public IReadOnlyList<GpuDisplayOne> PModes { get => _pmodes; init => _pmodes = CheckModes(value); }

    /// <summary>
    /// The response to <paramref name="request"/> (fence echoed as <see cref="GpuCtrlHeader.ResponseTo"/> says) for the
    /// device's <paramref name="scanouts"/>, at most <see cref="GpuLayout.MaxScanouts"/>; the rest are disabled.
    /// </summary>
    public static GpuRespDisplayInfo For(GpuCtrlHeader request, IReadOnlyList<GpuDisplayOne> scanouts)
    {
        ArgumentNullException.ThrowIfNull(scanouts);
        if (scanouts.Count > GpuLayout.MaxScanouts)
            throw new ArgumentException($"at most {GpuLayout.MaxScanouts} scanouts (VIRTIO_GPU_MAX_SCANOUTS), got {scanouts.Count}", nameof(scanouts));
        var modes = new GpuDisplayOne[GpuLayout.MaxScanouts];
        for (int i = 0; i < scanouts.Count; i++) modes[i] = scanouts[i];
        return new GpuRespDisplayInfo(GpuCtrlHeader.ResponseTo(request, GpuLayout.RespOkDisplayInfo), modes);
    }

    /// <summary>The <see cref="GpuLayout.RespDisplayInfo.Size"/> response bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[GpuLayout.RespDisplayInfo.Size];
        Header.EncodeInto(bytes);
        for (int i = 0; i < GpuLayout.MaxScanouts; i++)
        {
            var one = bytes.AsSpan(GpuLayout.RespDisplayInfo.PModes + i * GpuLayout.DisplayOne.Size);
            PModes[i].Rect.EncodeInto(one[GpuLayout.DisplayOne.Rect..]);
            BinaryPrimitives.WriteUInt32LittleEndian(one[GpuLayout.DisplayOne.Enabled..], PModes[i].Enabled);
            BinaryPrimitives.WriteUInt32LittleEndian(one[GpuLayout.DisplayOne.Flags..], PModes[i].Flags);
        }
        return bytes;
    }

    /// <summary>Reads the response from <paramref name="source"/>; false with a <paramref name="problem"/> when too short or another type.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out GpuRespDisplayInfo? response, out string problem)
    {
        response = null;
        if (!GpuWire.TryHeader(source, GpuLayout.RespDisplayInfo.Size, GpuLayout.RespOkDisplayInfo, Name, out var header, out problem)) return false;
        var modes = new GpuDisplayOne[GpuLayout.MaxScanouts];
        for (int i = 0; i < modes.Length; i++)
        {
            var one = source[(GpuLayout.RespDisplayInfo.PModes + i * GpuLayout.DisplayOne.Size)..];
            modes[i] = new GpuDisplayOne(
                GpuRect.Decode(one[GpuLayout.DisplayOne.Rect..]),
                BinaryPrimitives.ReadUInt32LittleEndian(one[GpuLayout.DisplayOne.Enabled..]),
                BinaryPrimitives.ReadUInt32LittleEndian(one[GpuLayout.DisplayOne.Flags..]));
        }
        response = new GpuRespDisplayInfo(header, modes);
        return true;
    }

    /// <summary>Reads the response from <paramref name="source"/>; throws <see cref="FormatException"/> with the problem.</summary>
    public static GpuRespDisplayInfo Decode(ReadOnlySpan<byte> source) =>
        GpuWire.OrThrow(TryDecode(source, out var response, out string problem), response, problem);

    /// <summary>Equal when the headers and every entry are equal.</summary>
    public bool Equals(GpuRespDisplayInfo? other) =>
        other is not null && Header == other.Header && PModes.SequenceEqual(other.PModes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Header, PModes[0]);

    private static GpuDisplayOne[] CheckModes(IReadOnlyList<GpuDisplayOne>? modes)
    {
        ArgumentNullException.ThrowIfNull(modes);
        if (modes.Count != GpuLayout.MaxScanouts)
            throw new ArgumentException($"pmodes has exactly {GpuLayout.MaxScanouts} entries (VIRTIO_GPU_MAX_SCANOUTS), got {modes.Count}", nameof(modes));
        return modes.ToArray();
    }
}
