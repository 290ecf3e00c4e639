using Sim.Hypervisors.Memory;

namespace Sim.Devices.Gpu;

/// <summary>
/// The 2D state of a virtio-gpu device (virtio 1.2, 5.7.6.8) and what each 2D command does to it, with the checks and
/// error responses of QEMU's virtio-gpu, the reference device: resource ids are the guest's (0 is no resource), a
/// resource's host memory counts against a limit (QEMU's <c>max_hostmem</c>, 256 MiB by default: beyond it
/// ERR_OUT_OF_MEMORY), backing is attached once and may be detached, a scanout shows a rectangle of one resource (at
/// least 16 × 16 pixels, within the resource), a transfer copies a rectangle from the backing (rows <c>stride</c>
/// apart from <c>offset</c>) into the host copy, and a flush updates the scanouts that show the resource.
/// </summary>
public sealed class GpuResourceTable
{
    /// <summary>QEMU's default <c>max_hostmem</c>: the most bytes of host copies the resources may hold.</summary>
    public const long DefaultHostMemoryLimit = 256L << 20;

    /// <summary>The most entries RESOURCE_ATTACH_BACKING may give (QEMU's limit, 16384).</summary>
    public const uint MaxBackingEntries = 16384;

    /// <summary>The smallest scanout rectangle side QEMU accepts.</summary>
    public const uint MinScanoutSide = 16;

    private readonly Dictionary<uint, GpuResource> _resources = [];
    private readonly (uint Resource, GpuRect Rect)[] _scanouts;
    private readonly long _hostMemoryLimit;
    private long _hostMemory;

    /// <summary>A device with <paramref name="scanouts"/> scanouts (display modes), all disabled, and <paramref name="hostMemoryLimit"/> bytes for host copies.</summary>
    public GpuResourceTable(IReadOnlyList<GpuDisplayMode> scanouts, long hostMemoryLimit = DefaultHostMemoryLimit)
    {
        ArgumentNullException.ThrowIfNull(scanouts);
        if (scanouts.Count is < 1 or > GpuLayout.MaxScanouts)
            throw new ArgumentOutOfRangeException(nameof(scanouts), scanouts.Count, $"a device has 1 to {GpuLayout.MaxScanouts} scanouts (virtio 1.2, 5.7.4)");
        Modes = scanouts.ToArray();
        _scanouts = new (uint, GpuRect)[scanouts.Count];
        _hostMemoryLimit = hostMemoryLimit;
    }

    /// <summary>The scanouts' modes, by scanout id.</summary>
    public IReadOnlyList<GpuDisplayMode> Modes { get; }

    /// <summary>The resources, by id.</summary>
    public IReadOnlyDictionary<uint, GpuResource> Resources => _resources;

    /// <summary>Bytes of host copies the resources hold now.</summary>
    public long HostMemory => _hostMemory;

    /// <summary>The resource scanout <paramref name="scanout"/> shows (0: disabled) and its rectangle.</summary>
    public (uint Resource, GpuRect Rect) Scanout(int scanout) => _scanouts[scanout];

    /// <summary>GET_DISPLAY_INFO's answer: every scanout enabled at its mode's size.</summary>
    public IReadOnlyList<GpuDisplayOne> DisplayInfo() => Modes.Select(m => GpuDisplayOne.EnabledAt(m.Width, m.Height)).ToList();

    /// <summary>RESOURCE_CREATE_2D.</summary>
    public GpuCommandResult Create(GpuResourceCreate2D command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.ResourceId == 0 || _resources.ContainsKey(command.ResourceId)) return GpuCommandResult.Error(GpuLayout.RespErrInvalidResourceId);
        if (!GpuFormats.IsKnown(command.Format) || command.Width == 0 || command.Height == 0) return GpuCommandResult.Error(GpuLayout.RespErrInvalidParameter);
        var resource = new GpuResource(command.ResourceId, command.Format, command.Width, command.Height);
        if (_hostMemory + resource.Bytes > _hostMemoryLimit) return GpuCommandResult.Error(GpuLayout.RespErrOutOfMemory);
        _hostMemory += resource.Bytes;
        _resources.Add(resource.Id, resource);
        return GpuCommandResult.Ok;
    }

    /// <summary>RESOURCE_UNREF: the scanouts showing it are disabled, its backing detached, its host memory freed.</summary>
    public GpuCommandResult Unref(uint resourceId)
    {
        if (!_resources.Remove(resourceId, out var resource)) return GpuCommandResult.Error(GpuLayout.RespErrInvalidResourceId);
        for (int i = 0; i < _scanouts.Length; i++)
            if (_scanouts[i].Resource == resourceId) _scanouts[i] = default;
        _hostMemory -= resource.Bytes;
        return GpuCommandResult.Ok;
    }

    /// <summary>RESOURCE_ATTACH_BACKING.</summary>
    public GpuCommandResult AttachBacking(GpuResourceAttachBacking command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!_resources.TryGetValue(command.ResourceId, out var resource)) return GpuCommandResult.Error(GpuLayout.RespErrInvalidResourceId);
        if (resource.Backing is not null) return GpuCommandResult.Error(GpuLayout.RespErrUnspec);
        if (command.Entries.Count == 0 || command.Entries.Count > MaxBackingEntries) return GpuCommandResult.Error(GpuLayout.RespErrUnspec);
        resource.Backing = new GpuBacking(command.Entries);
        return GpuCommandResult.Ok;
    }

    /// <summary>RESOURCE_DETACH_BACKING.</summary>
    public GpuCommandResult DetachBacking(uint resourceId)
    {
        if (!_resources.TryGetValue(resourceId, out var resource)) return GpuCommandResult.Error(GpuLayout.RespErrInvalidResourceId);
        if (resource.Backing is null) return GpuCommandResult.Error(GpuLayout.RespErrUnspec);
        resource.Backing = null;
        return GpuCommandResult.Ok;
    }

    /// <summary>SET_SCANOUT: resource 0 disables the scanout.</summary>
    public GpuCommandResult SetScanout(GpuSetScanout command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.ScanoutId >= _scanouts.Length) return GpuCommandResult.Error(GpuLayout.RespErrInvalidScanoutId);
        if (command.ResourceId == 0)
        {
            _scanouts[command.ScanoutId] = default;
            return GpuCommandResult.Ok;
        }
        if (!_resources.TryGetValue(command.ResourceId, out var resource)) return GpuCommandResult.Error(GpuLayout.RespErrInvalidResourceId);
        var rect = command.Rect;
        if (rect.Width < MinScanoutSide || rect.Height < MinScanoutSide || !resource.Contains(rect)) return GpuCommandResult.Error(GpuLayout.RespErrInvalidParameter);
        _scanouts[command.ScanoutId] = (resource.Id, rect);
        return GpuCommandResult.Ok;
    }

    /// <summary>
    /// TRANSFER_TO_HOST_2D: copies the rectangle's rows from the backing through <paramref name="memory"/> into the host
    /// copy (row r from <c>offset + stride × r</c>). A backing too short for the rectangle is a finding and
    /// ERR_INVALID_PARAMETER, nothing copied; backing the device may not read is a finding and ERR_UNSPEC, and the rows
    /// read before stay copied, as a device's partial DMA would leave them.
    /// </summary>
    public GpuCommandResult Transfer(GpuTransferToHost2D command, IDeviceMemory memory)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!_resources.TryGetValue(command.ResourceId, out var resource) || resource.Backing is not { } backing)
            return GpuCommandResult.Error(GpuLayout.RespErrInvalidResourceId);
        var rect = command.Rect;
        if (!resource.Contains(rect)) return GpuCommandResult.Error(GpuLayout.RespErrInvalidParameter);
        int rowBytes = (int)(rect.Width * 4L);
        long extent = command.Offset > (ulong)backing.Bytes ? long.MaxValue : (long)command.Offset + resource.Stride * (rect.Height - 1) + rowBytes;
        if (extent > backing.Bytes)
            return Failed(GpuLayout.RespErrInvalidParameter, 0, $"transfer of {rect.Width}x{rect.Height} at ({rect.X},{rect.Y}) from offset {command.Offset} reads past the {backing.Bytes}-byte backing of resource {resource.Id}");
        var pixels = resource.Pixels;
        long moved = 0;
        bool whole = rect.X == 0 && rect.Width == resource.Width;
        int rows = whole ? 1 : (int)rect.Height, bytes = whole ? checked((int)(resource.Stride * rect.Height)) : rowBytes;
        for (int row = 0; row < rows; row++)
        {
            long source = (long)command.Offset + resource.Stride * row;
            long target = (rect.Y + row) * resource.Stride + rect.X * 4L;
            var verdict = backing.Read(memory, source, pixels.Slice((int)target, bytes));
            if (verdict != AccessVerdict.Allowed)
                return Failed(GpuLayout.RespErrUnspec, moved, $"the backing of resource {resource.Id} is not reachable by the device ({verdict}) at offset {source}");
            moved += bytes;
        }
        return new GpuCommandResult(GpuLayout.RespOkNoData, Transferred: moved);
    }

    /// <summary>RESOURCE_FLUSH: every scanout showing the resource is updated where the rectangle meets its own.</summary>
    public GpuCommandResult Flush(GpuResourceFlush command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!_resources.TryGetValue(command.ResourceId, out var resource)) return GpuCommandResult.Error(GpuLayout.RespErrInvalidResourceId);
        if (!resource.Contains(command.Rect)) return GpuCommandResult.Error(GpuLayout.RespErrInvalidParameter);
        int presented = 0;
        foreach (var (shown, rect) in _scanouts)
            if (shown == resource.Id && Overlaps(rect, command.Rect)) presented++;
        return new GpuCommandResult(GpuLayout.RespOkNoData, Presented: presented);
    }

    /// <summary>Forgets every resource and scanout (a device reset, 5.7.6).</summary>
    public void Reset()
    {
        _resources.Clear();
        Array.Clear(_scanouts);
        _hostMemory = 0;
    }

    private static GpuCommandResult Failed(uint response, long moved, string problem) =>
        new(response, Transferred: moved, Problem: problem, Section: "virtio 1.2, 5.7.6.8");

    private static bool Overlaps(GpuRect a, GpuRect b) =>
        (ulong)a.X < (ulong)b.X + b.Width && (ulong)b.X < (ulong)a.X + a.Width && (ulong)a.Y < (ulong)b.Y + b.Height && (ulong)b.Y < (ulong)a.Y + a.Height;
}
