using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Window;

namespace Sim.Testing.Sharing.Window;

/// <summary>
/// A real <see cref="BounceWindow"/> (4 MiB guest, a 64 KiB window of 32 slots at 2 MiB) and the device's
/// <see cref="WindowDeviceMemory"/>, run side by side with a plain model: a free-slot array searched first fit from a
/// rotating index (<see cref="WindowSlotModel"/>), and shadows of the guest's buffers and of the window's bytes. After every step the slots in use,
/// the live mappings and the window's bytes must agree; after an unmap the guest buffer must hold what the direction
/// says. The oracle for each device access: allowed outside the window is a violation; allowed inside the window but
/// on a slot no live mapping holds is a finding (the window lets the device read stale bytes of an earlier buffer,
/// by design); an access inside the window must be allowed.
/// </summary>
/// <remarks>
/// Reset (<see cref="Reset"/>): the guest unmaps every live mapping (oldest first, copying back as each direction
/// asks), as swiotlb's users do when a device is reset; afterwards no slot may be in use and no mapping live.
/// </remarks>
public sealed class WindowHarness
{
    /// <summary>Guest-physical start of the window.</summary>
    public const ulong WindowBase = 2UL << 20;
    /// <summary>Slots in the window: few, so exhaustion and fragmentation are common.</summary>
    public const int Slots = 32;
    /// <summary>Bytes in the window.</summary>
    public const int WindowSize = Slots * BounceWindow.SlotSize;
    /// <summary>Bytes of guest memory each <see cref="MapBuffer"/> takes a fresh region of.</summary>
    public const int RegionSize = 32 * 1024;

    private sealed record Live(ulong WindowAddress, ulong GuestAddress, int Length, DmaDirection Direction, int FirstSlot, int Slots, byte[] AtMap);

    private readonly ReportBuilder _report = new();
    private readonly byte[] _guest;
    private readonly byte[] _window = new byte[WindowSize];
    private readonly WindowSlotModel _slots = new(Slots);
    private readonly List<Live> _live = new();
    private int _regions, _fill;

    /// <summary>A fresh window whose guest has room for <paramref name="regions"/> buffer regions below the window.</summary>
    public WindowHarness(int regions = 40)
    {
        if (regions < 1 || (ulong)regions * RegionSize + 256 * 1024 > WindowBase) throw new ArgumentOutOfRangeException(nameof(regions), $"1 to {(WindowBase - 256 * 1024) / RegionSize} regions fit below the window, asked {regions}");
        Memory = new GuestMemory("vm0", 4UL << 20);
        Window = new BounceWindow(Memory, WindowBase, WindowSize);
        Log = new AccessLog();
        Device = new WindowDeviceMemory(Window, "vm0/device", Log);
        _guest = new byte[regions * RegionSize + 256 * 1024];
        for (int i = 0; i < _guest.Length; i++) _guest[i] = (byte)(i * 7 + (i >> 8) + 17);
        Memory.Write(0, _guest);
    }

    /// <summary>The guest memory.</summary>
    public GuestMemory Memory { get; }
    /// <summary>The real window.</summary>
    public BounceWindow Window { get; }
    /// <summary>The device's access log.</summary>
    public AccessLog Log { get; }
    /// <summary>The device's access path.</summary>
    public IDeviceMemory Device { get; }
    /// <summary>Whether a violation has been found.</summary>
    public bool Failed => _report.Violation is not null;
    /// <summary>Live mappings the model holds, oldest first.</summary>
    public int LiveCount => _live.Count;

    /// <summary>Names the step that following operations belong to.</summary>
    public void BeginStep(int step, string op)
    {
        _report.Step = step;
        _report.Op = op;
    }

    /// <summary>The report so far.</summary>
    public SharingReport Report() => _report.Build();

    /// <summary>Records a violation of a check made outside the harness (a policy runner's own rules).</summary>
    public void Fail(string message) => _report.Fail(message);

    /// <summary>Records a finding of a check made outside the harness.</summary>
    public void Finding(string message) => _report.Finding(message);

    /// <summary>Adds a line to the trace of the current step.</summary>
    public void Note(string line) => Trace(line);

    /// <summary>Runs <paramref name="ops"/> on a fresh harness; stops at the first violation.</summary>
    public static SharingReport Run(IReadOnlyCollection<WindowOp> ops)
    {
        var harness = new WindowHarness(Math.Max(1, ops.Count(o => o is MapBuffer)));
        int step = 0;
        foreach (var op in ops)
        {
            harness.BeginStep(step++, op.ToString());
            harness.Apply(op);
            if (harness.Failed) break;
        }
        return harness.Report();
    }

    /// <summary>Runs one operation, then <see cref="CheckInvariants"/>.</summary>
    public void Apply(WindowOp op)
    {
        switch (op)
        {
            case MapBuffer m: Map(m.Offset, m.Length, m.Direction); break;
            case DeviceAccess a: Access(a); break;
            case UnmapBuffer u:
                if (_live.Count == 0)
                {
                    var status = Window.Unmap(WindowBase, 1, DmaDirection.ToDevice);
                    Trace($"unmap of nothing = {status}");
                    if (status != WindowUnmapStatus.NotMapped) _report.Fail($"an unmap with nothing mapped answered {status}");
                }
                else Unmap(_live[u.Pick % _live.Count]);
                break;
            case ResetWindow: Reset(); break;
            default: throw new ArgumentException($"unknown window operation {op}", nameof(op));
        }
        CheckInvariants();
    }

    /// <summary>Maps a buffer at <paramref name="offset"/> of the next region; slot and status must be the model's.</summary>
    public WindowMapResult Map(int offset, int length, DmaDirection direction) =>
        Map((ulong)(_regions++ * RegionSize + offset), length, direction, out _);

    /// <summary>
    /// Maps the guest buffer [<paramref name="guestAddress"/>, +<paramref name="length"/>) (below the regions' end, not
    /// in a live mapping's buffer); slot, address and status must be the model's.
    /// </summary>
    public WindowMapResult Map(ulong guestAddress, int length, DmaDirection direction, out ulong windowAddress)
    {
        int slots = BounceWindow.SlotsFor((uint)length);
        var result = Window.TryMap(guestAddress, (uint)length, direction, out windowAddress);
        Trace($"map({length} bytes at 0x{guestAddress:x},{direction}) = {result.Status}{(result.IsMapped ? $" slots {result.FirstSlot}..{result.FirstSlot + result.Slots - 1}" : "")}");
        if (slots > BounceWindow.MaxSlotsPerMapping || slots > Slots)
        {
            if (result.Status != WindowMapStatus.TooLarge) _report.Fail($"a buffer of {slots} slots answered {result.Status}, the model expects TooLarge");
            return result;
        }
        int first = _slots.FirstFit(slots);
        if (first < 0)
        {
            if (result.Status != WindowMapStatus.Exhausted) _report.Fail($"answered {result.Status} at slot {result.FirstSlot}, the model finds no {slots} free slots (Exhausted)");
            return result;
        }
        if (!result.IsMapped || result.FirstSlot != first || windowAddress != WindowBase + (ulong)first * BounceWindow.SlotSize)
        {
            _report.Fail($"answered {result.Status} at slot {result.FirstSlot}, the model expects slot {first}");
            return result;
        }
        _slots.Take(first, slots);
        if (direction != DmaDirection.FromDevice) Array.Copy(_guest, (int)guestAddress, _window, first * BounceWindow.SlotSize, length);
        _live.Add(new Live(windowAddress, guestAddress, length, direction, first, slots, _guest.AsSpan((int)guestAddress, length).ToArray()));
        return result;
    }

    /// <summary>A device access, judged by the oracle.</summary>
    public AccessVerdict Access(DeviceAccess op)
    {
        var (address, length) = Resolve(op);
        var data = new byte[length];
        if (op.Write)
        {
            _fill++;
            for (int i = 0; i < data.Length; i++) data[i] = (byte)(_fill * 31 + i * 3);
        }
        return Access(address, data, op.Write);
    }

    /// <summary>
    /// The device reads <paramref name="data"/>'s length of bytes at <paramref name="address"/> into it, or writes it
    /// there, through its access path; judged by the oracle.
    /// </summary>
    public AccessVerdict Access(ulong address, byte[] data, bool write)
    {
        int length = data.Length;
        var verdict = write ? Device.Write(address, data) : Device.Read(address, data);
        string what = $"device {(write ? "write" : "read")} of {length} bytes at 0x{address:x}";
        Trace($"{what} = {verdict}");
        bool inside = address >= WindowBase && address + (ulong)length <= WindowBase + WindowSize;
        if (verdict == AccessVerdict.Allowed && !inside) _report.Fail($"{what} was allowed outside the window [0x{WindowBase:x}, +0x{WindowSize:x})");
        else if (inside && verdict != AccessVerdict.Allowed) _report.Fail($"{what} was {verdict} inside the window");
        else if (!inside && verdict != AccessVerdict.Denied) _report.Fail($"{what} was {verdict}; the bytes are guest memory outside the window (Denied)");
        else if (inside)
        {
            int start = (int)(address - WindowBase);
            var freeSlots = Enumerable.Range(start / BounceWindow.SlotSize, (start + length - 1) / BounceWindow.SlotSize - start / BounceWindow.SlotSize + 1).Where(s => _slots.IsFree(s)).ToList();
            if (freeSlots.Count > 0) _report.Finding($"{what} touched free slot(s) {string.Join(",", freeSlots)}: stale bytes no live mapping holds");
            if (write) data.CopyTo(_window, start);
            else if (!data.AsSpan().SequenceEqual(_window.AsSpan(start, length))) _report.Fail($"{what} returned other bytes than the model's window holds");
        }
        return verdict;
    }

    private (ulong Address, int Length) Resolve(DeviceAccess op)
    {
        ulong address;
        int length = op.Length;
        switch (op.Target)
        {
            case WindowTarget.Live when _live.Count > 0:
                var mapping = _live[op.Pick % _live.Count];
                int offset = op.Offset % mapping.Length;
                length = Math.Min(length, mapping.Length - offset);
                address = mapping.WindowAddress + (ulong)offset;
                break;
            case WindowTarget.Slot or WindowTarget.Live:
                address = WindowBase + (ulong)(op.Pick % Slots * BounceWindow.SlotSize + op.Offset % BounceWindow.SlotSize);
                length = Math.Min(length, (int)(WindowBase + WindowSize - address));
                break;
            default:
                address = op.Pick % 2 == 0 ? WindowBase - (ulong)length : WindowBase + WindowSize - 1;
                break;
        }
        return (address, length);
    }

    /// <summary>
    /// The guest unmaps the mapping at <paramref name="windowAddress"/> with <paramref name="length"/> and
    /// <paramref name="direction"/>; the status must be the model's (NotMapped with none there, Mismatch when length or
    /// direction differ), and after an unmap the guest buffer must hold what the direction says.
    /// </summary>
    public WindowUnmapStatus Unmap(ulong windowAddress, int length, DmaDirection direction)
    {
        var live = _live.FirstOrDefault(l => l.WindowAddress == windowAddress);
        if (live is not null && live.Length == length && live.Direction == direction) return Unmap(live);
        var expected = live is null ? WindowUnmapStatus.NotMapped : WindowUnmapStatus.Mismatch;
        var status = Window.Unmap(windowAddress, (uint)length, direction);
        Trace($"unmap(0x{windowAddress:x},{length},{direction}) = {status}");
        if (status != expected) _report.Fail($"the unmap at 0x{windowAddress:x} answered {status}, the model expects {expected}");
        return status;
    }

    /// <summary>The guest itself writes <paramref name="data"/> at <paramref name="address"/> of its memory (below the window: a driver filling a buffer).</summary>
    public void GuestWrite(ulong address, ReadOnlySpan<byte> data)
    {
        Memory.Write(address, data);
        data.CopyTo(_guest.AsSpan((int)address));
        Trace($"guest writes {data.Length} bytes at 0x{address:x}");
    }

    /// <summary>Reset: unmaps every live mapping, oldest first, then checks that no slot stays in use.</summary>
    public void Reset()
    {
        foreach (var live in _live.ToList()) Unmap(live);
        CheckNothingLeaks();
    }

    /// <summary>After a reset: no slot in use, no live mapping.</summary>
    public void CheckNothingLeaks()
    {
        if (Window.Counters.SlotsInUse != 0 || Window.LiveMappings.Count != 0)
            _report.Fail($"{Window.LiveMappings.Count} mapping(s) holding {Window.Counters.SlotsInUse} slot(s) survive the reset");
    }

    /// <summary>Compares the window with the model: slots in use, live mappings, the window's bytes.</summary>
    public void CheckInvariants()
    {
        if (_slots.Disagreement(Window, out int inUse) is { } disagreement)
        {
            _report.Fail(disagreement);
            return;
        }
        if (Window.Counters.SlotsInUse != inUse) _report.Fail($"{Window.Counters.SlotsInUse} slots in use, the model has {inUse}");
        else if (Window.LiveMappings.Count != _live.Count) _report.Fail($"{Window.LiveMappings.Count} live mappings, the model has {_live.Count}");
        else
        {
            var actual = new byte[WindowSize];
            Memory.Read(WindowBase, actual);
            int same = actual.AsSpan().CommonPrefixLength(_window);
            if (same < WindowSize) _report.Fail($"window byte 0x{same:x} (slot {same / BounceWindow.SlotSize}) differs from the model");
        }
    }

    private WindowUnmapStatus Unmap(Live mapping)
    {
        var status = Window.Unmap(mapping.WindowAddress, (uint)mapping.Length, mapping.Direction);
        Trace($"unmap(slots {mapping.FirstSlot}..{mapping.FirstSlot + mapping.Slots - 1},{mapping.Direction}) = {status}");
        if (status != WindowUnmapStatus.Unmapped)
        {
            _report.Fail($"the unmap of a live mapping answered {status}");
            return status;
        }
        _live.Remove(mapping);
        _slots.Release(mapping.FirstSlot, mapping.Slots);
        if (mapping.Direction != DmaDirection.ToDevice)
            Array.Copy(_window, (int)(mapping.WindowAddress - WindowBase), _guest, (int)mapping.GuestAddress, mapping.Length);
        var actual = new byte[mapping.Length];
        Memory.Read(mapping.GuestAddress, actual);
        var expected = mapping.Direction == DmaDirection.ToDevice ? mapping.AtMap : _guest.AsSpan((int)mapping.GuestAddress, mapping.Length).ToArray();
        int same = actual.AsSpan().CommonPrefixLength(expected);
        if (same < mapping.Length) _report.Fail($"after the unmap the guest buffer at 0x{mapping.GuestAddress:x} differs from the model at byte {same}");
        return status;
    }

    private void Trace(string line) => _report.Trace($"[{_report.Step}] {line}");
}
