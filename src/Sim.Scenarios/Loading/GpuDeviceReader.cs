using Sim.Core.Time;
using Sim.Devices.Gpu;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a virtio-gpu 2D device (virtio 1.2, 5.7), its display and the guest compositor's frames:
/// <code>
/// - name: gpu0
///   type: gpu
///   ring: split                      # split | packed; eventIdx as for echo
///   queueSize: 64                    # the controlq and the cursorq (default 64)
///   display: { width: 1920, height: 1080, refresh: 60Hz, phase: 0ms }
///   dirty: 1.0                       # share of the rows redrawn each frame (default 1: the whole frame)
///   cursorMoves: 60Hz                # MOVE_CURSOR rate (default none)
///   backingEntry: 4KiB               # bytes per scatter-list run of the framebuffer's backing (default 4KiB: a page each)
///   hostMemory: 256MiB               # what the resources may hold on the host (default 256MiB, QEMU's max_hostmem)
///   sharing: full                    # and backend, kick, iommu, window: see SharingReader
/// </code>
/// </summary>
internal static class GpuDeviceReader
{
    /// <summary>The keys of a GPU device.</summary>
    public static MappingShape Shape => new("a gpu device",
    [
        .. DeviceHead.Keys("gpu", 4, 64),
        KeyShape.Must("display", DisplayShape, "Scanout 0 and the guest's render clock."),
        KeyShape.May("dirty", new NumberShape(ExclusiveMinimum: 0, Maximum: 1), "Share of the rows redrawn and transferred each frame, in (0, 1] (default 1)."),
        KeyShape.May("cursorMoves", new QuantityShape(QuantityPattern.Refresh), "MOVE_CURSOR commands per second (default none)."),
        KeyShape.May("backingEntry", new QuantityShape(QuantityPattern.Bytes), "Bytes per scatter-list run of the framebuffer's backing, a multiple of 4 KiB (default 4KiB)."),
        KeyShape.May("hostMemory", new QuantityShape(QuantityPattern.Bytes), "Bytes the resources may hold on the host (default 256MiB, QEMU's max_hostmem)."),
        .. SharingReader.KeyShapes,
    ]);

    private static MappingShape DisplayShape => new("a gpu display",
    [
        KeyShape.Must("width", new IntegerShape(16, 16384), "Pixels per line."),
        KeyShape.Must("height", new IntegerShape(16, 16384), "Lines per frame."),
        KeyShape.Must("refresh", new QuantityShape(QuantityPattern.Refresh), "Frames per second, e.g. 60Hz or 59.94Hz."),
        KeyShape.May("phase", new QuantityShape(QuantityPattern.Time), "The first vertical blank's offset (default 0ms)."),
    ]);

    /// <summary>Reads one GPU device of a guest on <paramref name="platform"/>.</summary>
    public static GpuDeviceModel Read(MappingReader device, HashSet<string> names, string platform)
    {
        device.Declare(Shape);
        var (name, packed, eventIdx, queueSize) = DeviceHead.Read(device, names, 4, 64);
        var display = device.Mapping("display");
        display.Declare(DisplayShape);
        uint width = (uint)display.RequiredInt64("width", 16, 16384), height = (uint)display.RequiredInt64("height", 16, 16384);
        uint refresh = UnitReader.Millihertz(display.Required("refresh"));
        SimTime phase = display.Optional("phase")?.AsNonNegativeTime() ?? SimTime.Zero;
        display.Done();
        double dirty = 1;
        if (device.Optional("dirty") is { } dirtyNode)
        {
            dirty = dirtyNode.AsDouble();
            if (!(dirty > 0 && dirty <= 1)) throw dirtyNode.Unexpected("a share of the rows in (0, 1]");
        }
        double cursorMoves = device.Optional("cursorMoves") is { } moves ? UnitReader.Millihertz(moves) / 1000.0 : 0;
        ulong entry = device.Optional("backingEntry") is { } entryNode ? TransportSectionReader.ReadBytes(entryNode) : 4096;
        if (entry == 0 || entry % 4096 != 0 || entry > 1UL << 30) throw device.FailAt("backingEntry", $"{entry} bytes per run: expected a multiple of 4 KiB up to 1 GiB");
        ulong hostMemory = device.Optional("hostMemory") is { } hostNode ? TransportSectionReader.ReadBytes(hostNode) : (ulong)GpuResourceTable.DefaultHostMemoryLimit;
        var (sharing, _) = SharingReader.Read(device, platform);
        device.Done();
        var workload = new GpuWorkload(new GpuDisplayMode(width, height, GpuFormat.B8G8R8X8Unorm, refresh), dirty, phase, cursorMoves, (int)entry);
        if (workload.FramebufferEntries > GpuResourceTable.MaxBackingEntries)
            throw device.FailAt("backingEntry", $"the {width}x{height} framebuffer in {entry}-byte runs needs {workload.FramebufferEntries} entries; a device takes at most {GpuResourceTable.MaxBackingEntries}: use larger runs");
        return new GpuDeviceModel(name, packed, eventIdx, queueSize, workload, (long)Math.Min(hostMemory, long.MaxValue), sharing);
    }
}
