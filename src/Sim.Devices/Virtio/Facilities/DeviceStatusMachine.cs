namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// Every legal change of the device status field, in one place (virtio 1.2, 2.1 and 3.1.1).
/// <list type="bullet">
/// <item>Driver writes 0: reset, from any state.</item>
/// <item>Driver adds the next initialisation step, one per write, in the order ACKNOWLEDGE, DRIVER, FEATURES_OK,
/// DRIVER_OK (<see cref="NextStep"/>); rewriting the current value is a no-op.</item>
/// <item>Driver adds FAILED at any time; SUSPEND once DRIVER_OK is set.</item>
/// <item>Device clears FEATURES_OK when it refuses the driver's features (<see cref="RefuseFeaturesOk"/>, 2.2.2) and sets
/// DEVICE_NEEDS_RESET (<see cref="SetNeedsReset"/>, 2.1.2).</item>
/// </list>
/// Anything else is reported as a <see cref="TransportRule"/> violation and leaves the status as it was, except that a
/// FAILED bit in the write is always kept. So the status is always <see cref="IsWellFormed"/>: the set steps are a
/// prefix of the order (DRIVER_OK never without FEATURES_OK), and SUSPEND only with DRIVER_OK.
/// </summary>
public sealed class DeviceStatusMachine
{
    /// <summary>All bits the spec defines; bit 5 and bits 8-31 of the register are undefined.</summary>
    public const DeviceStatus DefinedBits = DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.DriverOk |
        DeviceStatus.FeaturesOk | DeviceStatus.Suspend | DeviceStatus.DeviceNeedsReset | DeviceStatus.Failed;

    /// <summary>The initialisation steps of 3.1.1, in the order the driver sets them.</summary>
    public static readonly IReadOnlyList<DeviceStatus> InitSteps =
        [DeviceStatus.Acknowledge, DeviceStatus.Driver, DeviceStatus.FeaturesOk, DeviceStatus.DriverOk];

    private const DeviceStatus StepBits =
        DeviceStatus.Acknowledge | DeviceStatus.Driver | DeviceStatus.FeaturesOk | DeviceStatus.DriverOk;

    private readonly ITransportViolationSink _violations;

    /// <summary>A status machine at 0 that reports illegal writes to <paramref name="violations"/>.</summary>
    public DeviceStatusMachine(ITransportViolationSink violations)
    {
        _violations = violations;
    }

    /// <summary>The current status.</summary>
    public DeviceStatus Current { get; private set; }

    /// <summary>Whether every bit of <paramref name="bits"/> is set.</summary>
    public bool Has(DeviceStatus bits) => (Current & bits) == bits;

    /// <summary>The first initialisation step not yet in <paramref name="status"/>; <see cref="DeviceStatus.None"/> when all are set.</summary>
    public static DeviceStatus NextStep(DeviceStatus status)
    {
        foreach (var step in InitSteps)
        {
            if ((status & step) == 0) return step;
        }
        return DeviceStatus.None;
    }

    /// <summary>Whether <paramref name="status"/> is reachable: set steps form a prefix of <see cref="InitSteps"/>, SUSPEND only with DRIVER_OK, no undefined bits.</summary>
    public static bool IsWellFormed(DeviceStatus status)
    {
        if ((status & ~DefinedBits) != 0) return false;
        if ((status & DeviceStatus.Suspend) != 0 && (status & DeviceStatus.DriverOk) == 0) return false;
        bool gap = false;
        foreach (var step in InitSteps)
        {
            bool set = (status & step) != 0;
            if (set && gap) return false;
            gap |= !set;
        }
        return true;
    }

    /// <summary>
    /// The driver writes <paramref name="value"/> to the Status register. Writing 0 resets; an illegal write is reported
    /// (one violation per broken rule) and keeps only its FAILED bit.
    /// </summary>
    public StatusChange DriverWrite(uint value)
    {
        var before = Current;
        if (value == 0)
        {
            Current = DeviceStatus.None;
            return new StatusChange(before, Current, IsReset: true);
        }

        var requested = (DeviceStatus)(value & 0xff);
        var added = requested & ~before;
        var cleared = before & ~requested;
        int broken = 0;

        if ((value & ~(uint)DefinedBits) != 0)
            broken += Report(TransportRule.InvalidRegisterValue, $"Status write 0x{value:x} sets undefined bits 0x{value & ~(uint)DefinedBits:x}");
        if (cleared != 0)
            broken += Report(TransportRule.StatusBitCleared, $"Status write {Show(requested)} over {Show(before)} clears {Show(cleared)}; only writing 0 clears bits");
        if ((added & DeviceStatus.DeviceNeedsReset) != 0)
            broken += Report(TransportRule.StatusDeviceOnlyBit, $"Status write {Show(requested)} sets DEVICE_NEEDS_RESET, which only the device sets");

        var addedSteps = added & StepBits;
        if ((before & DeviceStatus.Failed) != 0 && (added & (StepBits | DeviceStatus.Suspend)) != 0)
            broken += Report(TransportRule.StatusAfterFailed, $"Status write {Show(requested)} adds {Show(added)} after FAILED; the driver must reset first");
        else if (addedSteps != 0 && addedSteps != NextStep(before))
            broken += Report(TransportRule.StatusOutOfOrder, $"Status write {Show(requested)} adds {Show(addedSteps)}; the next step after {Show(before)} is {Show(NextStep(before))}");

        if ((added & DeviceStatus.Suspend) != 0 && (before & DeviceStatus.DriverOk) == 0)
            broken += Report(TransportRule.SuspendBeforeDriverOk, $"Status write {Show(requested)} sets SUSPEND before DRIVER_OK (status was {Show(before)})");

        Current = broken == 0 ? before | added : before | (requested & DeviceStatus.Failed);
        return new StatusChange(before, Current, IsReset: false);
    }

    /// <summary>
    /// The device refuses the driver's features: it clears FEATURES_OK so the driver reads it back unset (2.2.2, 3.1.1
    /// step 6). Only acts while FEATURES_OK is set and DRIVER_OK is not; returns whether it cleared the bit.
    /// </summary>
    public bool RefuseFeaturesOk()
    {
        if (!Has(DeviceStatus.FeaturesOk) || Has(DeviceStatus.DriverOk)) return false;
        Current &= ~DeviceStatus.FeaturesOk;
        return true;
    }

    /// <summary>The device sets DEVICE_NEEDS_RESET after an error it cannot recover from (2.1.2).</summary>
    public void SetNeedsReset() => Current |= DeviceStatus.DeviceNeedsReset;

    /// <summary>A reset not caused by a Status write (e.g. the device being recreated): back to 0.</summary>
    public void Reset() => Current = DeviceStatus.None;

    /// <summary>A status value for messages: flag names and hex.</summary>
    public static string Show(DeviceStatus status) => $"{status} (0x{(byte)status:x2})";

    private int Report(TransportRule rule, string detail)
    {
        _violations.Violation(TransportViolation.Of(rule, detail));
        return 1;
    }
}

/// <summary>The effect of one Status write: the status before and after, and whether it was a reset.</summary>
/// <param name="Before">Status before the write.</param>
/// <param name="After">Status after the write (before any device reaction such as refusing FEATURES_OK).</param>
/// <param name="IsReset">The driver wrote 0.</param>
public readonly record struct StatusChange(DeviceStatus Before, DeviceStatus After, bool IsReset)
{
    /// <summary>The bits this write set.</summary>
    public DeviceStatus Added => After & ~Before;
}
