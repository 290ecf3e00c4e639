namespace Sim.Devices.Gpio;

/// <summary>What a level change on a line did to its interrupt (virtio 1.2, 5.18.7).</summary>
public enum GpioEdgeOutcome
{
    /// <summary>Not an interrupt: disabled, or a transition the trigger type does not select.</summary>
    None,
    /// <summary>Unmasked (a buffer was posted): delivered now with VIRTIO_GPIO_IRQ_STATUS_VALID.</summary>
    Delivered,
    /// <summary>An edge while masked: latched, delivered when the driver unmasks (5.18.6: "MUST latch an edge interrupt").</summary>
    Latched,
    /// <summary>An edge while masked with one already latched: merged into it, never delivered on its own.</summary>
    Missed,
}

/// <summary>
/// The interrupt state of one GPIO line at the device (virtio 1.2, 5.18.6 Set IRQ Type and 5.18.7 eventq): the trigger
/// type (enabled unless VIRTIO_GPIO_IRQ_TYPE_NONE), whether the driver's eventq buffer is held (unmasked), the latched
/// edge, and the line level. An edge interrupt on a masked line is latched, at most one (a second edge while one is
/// latched is <see cref="GpioEdgeOutcome.Missed"/>), and delivered when the buffer comes; a level interrupt is never
/// latched ("MUST NOT latch an level interrupt") and is delivered on unmasking only while the line is still active.
/// Delivering masks the line again (the buffer goes back). Disabling discards the latch and returns a held buffer with
/// VIRTIO_GPIO_IRQ_STATUS_INVALID. Pure state: every edge is delivered once, latched, or counted missed.
/// </summary>
public sealed class GpioIrqLine
{
    /// <summary>The trigger type (one of the VIRTIO_GPIO_IRQ_TYPE_* values).</summary>
    public uint Type { get; private set; } = GpioLayout.IrqTypeNone;

    /// <summary>Whether the driver's buffer is held (the interrupt unmasked).</summary>
    public bool Armed { get; private set; }

    /// <summary>Whether an edge is latched, waiting for the buffer.</summary>
    public bool Latched { get; private set; }

    /// <summary>The line level (true high).</summary>
    public bool High { get; private set; }

    /// <summary>Whether <paramref name="type"/> is a trigger type of 5.18.6.</summary>
    public static bool IsValidType(uint type) => type is GpioLayout.IrqTypeNone or GpioLayout.IrqTypeEdgeRising or GpioLayout.IrqTypeEdgeFalling
        or GpioLayout.IrqTypeEdgeBoth or GpioLayout.IrqTypeLevelHigh or GpioLayout.IrqTypeLevelLow;

    private bool IsEdge => (Type & GpioLayout.IrqTypeEdgeBoth) != 0;

    private bool LevelActive => (Type == GpioLayout.IrqTypeLevelHigh && High) || (Type == GpioLayout.IrqTypeLevelLow && !High);

    /// <summary>Sets the trigger type; true when a held buffer must go back INVALID (disabled while unmasked). Disabling discards the latch.</summary>
    public bool SetType(uint type)
    {
        Type = type;
        if (type != GpioLayout.IrqTypeNone) return false;
        Latched = false;
        bool returned = Armed;
        Armed = false;
        return returned;
    }

    /// <summary>The driver's buffer arrived (unmask): true when it must be completed VALID at once (a latched edge, or an active level).</summary>
    public bool Arm()
    {
        if (Latched || LevelActive)
        {
            Latched = false;
            return true;
        }
        Armed = true;
        return false;
    }

    /// <summary>The held buffer was returned (delivered or invalidated): the line is masked.</summary>
    public void Disarm() => Armed = false;

    /// <summary>The line changed to <paramref name="high"/>; what became of the interrupt.</summary>
    public GpioEdgeOutcome Change(bool high)
    {
        if (high == High) return GpioEdgeOutcome.None;
        High = high;
        bool selected = IsEdge
            ? (high ? (Type & GpioLayout.IrqTypeEdgeRising) != 0 : (Type & GpioLayout.IrqTypeEdgeFalling) != 0)
            : LevelActive;
        if (!selected) return GpioEdgeOutcome.None;
        if (Armed)
        {
            Armed = false;
            return GpioEdgeOutcome.Delivered;
        }
        if (!IsEdge) return GpioEdgeOutcome.None;
        if (Latched) return GpioEdgeOutcome.Missed;
        Latched = true;
        return GpioEdgeOutcome.Latched;
    }
}
