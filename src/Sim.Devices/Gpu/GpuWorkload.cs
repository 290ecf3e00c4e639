using Sim.Core.Time;

namespace Sim.Devices.Gpu;

/// <summary>
/// What a guest does with its virtio-gpu 2D device (virtio 1.2, 5.7), as a Linux guest's compositor on the
/// virtio-gpu DRM driver does: at start it asks for the display (GET_DISPLAY_INFO), creates a framebuffer resource of
/// the display's size, attaches its backing as a scatter list of <see cref="BackingEntryBytes"/> runs, shows it
/// (SET_SCANOUT) and sets up a 64 × 64 cursor (a resource, its backing, a transfer, UPDATE_CURSOR); then every refresh
/// period, starting at <see cref="Phase"/>, it redraws a band of <see cref="DirtyFraction"/> of the rows, transfers that
/// band to the host (TRANSFER_TO_HOST_2D) and flushes it with a fence (RESOURCE_FLUSH), and waits for the fence before
/// it draws the next frame (a frame due while one is still in flight is dropped). The cursor moves
/// <see cref="CursorMoves"/> times a second (MOVE_CURSOR; 0 for never).
/// </summary>
/// <param name="Mode">The display's mode (the device's scanout 0, and the guest's render clock).</param>
/// <param name="DirtyFraction">Share of the rows redrawn each frame, in (0, 1].</param>
/// <param name="Phase">When the first frame is due, after the device is set up.</param>
/// <param name="CursorMoves">Cursor moves per second (0: none).</param>
/// <param name="BackingEntryBytes">Bytes per backing run, a multiple of 4 KiB (Linux: a page each, or larger contiguous runs).</param>
public sealed record GpuWorkload(GpuDisplayMode Mode, double DirtyFraction, SimTime Phase, double CursorMoves, int BackingEntryBytes)
{
    /// <summary>Rows redrawn and transferred per frame: at least one.</summary>
    public uint DirtyRows => (uint)Math.Clamp(Math.Ceiling(Mode.Height * DirtyFraction), 1, Mode.Height);

    /// <summary>Bytes of the framebuffer's backing: the display's frame, whole pages.</summary>
    public long FramebufferBytes => (Mode.BytesPerFrame + 4095) / 4096 * 4096;

    /// <summary>Backing runs of the framebuffer.</summary>
    public int FramebufferEntries => (int)((FramebufferBytes + BackingEntryBytes - 1) / BackingEntryBytes);

    /// <summary>Bytes of the cursor image: 64 × 64 × 4.</summary>
    public const int CursorBytes = (int)(GpuUpdateCursor.CursorSize * GpuUpdateCursor.CursorSize * 4);
}
