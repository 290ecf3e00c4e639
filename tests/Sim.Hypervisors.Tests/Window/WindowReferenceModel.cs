using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Tests.Window;

/// <summary>
/// Runs a <see cref="WindowProgram"/> against a real <see cref="BounceWindow"/> and a plain model side by side: a
/// free-slot set searched first fit from a rotating index, a shadow of the guest's buffer bytes and of the window's
/// bytes. After every step the slots in use agree, no two live mappings overlap, and the window holds what the model
/// says; after an unmap the guest buffer holds what the device wrote over what the map put in (FromDevice,
/// Bidirectional) or is unchanged (ToDevice). Returns null when all agree, else what differed and where.
/// </summary>
internal static class WindowReferenceModel
{
    private const int WindowBytes = WindowProgram.Slots * BounceWindow.SlotSize;
    private const int GuestBytes = WindowProgram.MaxSteps * WindowProgram.RegionSize;

    private sealed record Live(ulong WindowAddress, ulong GuestAddress, int Length, DmaDirection Direction, int FirstSlot, int Slots, byte[] AtMap);

    public static string? Run(WindowProgram program, Dictionary<string, int>? outcomes = null)
    {
        var world = new WindowWorld(windowSize: WindowBytes);
        var window = world.Window;

        var guest = WindowWorld.Pattern(GuestBytes, seed: 17);
        world.Memory.Write(0, guest);
        var windowBytes = new byte[WindowBytes];
        var free = Enumerable.Repeat(true, WindowProgram.Slots).ToArray();
        int index = 0, regions = 0;
        var live = new List<Live>();

        for (int step = 0; step < program.Ops.Length; step++)
        {
            var op = program.Ops[step];
            string where = $"step {step} {op}";
            string outcome;
            switch (op.Kind)
            {
                case WindowOpKind.Map:
                {
                    ulong guestAddress = (ulong)(regions++ * WindowProgram.RegionSize + op.Offset);
                    int slots = (op.Length + BounceWindow.SlotSize - 1) / BounceWindow.SlotSize;
                    var result = window.TryMap(guestAddress, (uint)op.Length, op.Direction, out ulong windowAddress);
                    outcome = result.Status.ToString();

                    if (slots > BounceWindow.MaxSlotsPerMapping || slots > WindowProgram.Slots)
                    {
                        if (result.Status != WindowMapStatus.TooLarge) return $"{where}: expected TooLarge, got {result.Status}";
                        break;
                    }
                    int first = FirstFit(free, index, slots);
                    if (first < 0)
                    {
                        if (result.Status != WindowMapStatus.Exhausted) return $"{where}: expected Exhausted, got {result.Status} at slot {result.FirstSlot}";
                        break;
                    }
                    if (!result.IsMapped || result.FirstSlot != first)
                        return $"{where}: expected slot {first}, got {result.Status} at slot {result.FirstSlot}";
                    if (windowAddress != WindowWorld.WindowBase + (ulong)first * BounceWindow.SlotSize)
                        return $"{where}: window address 0x{windowAddress:x} is not slot {first}";
                    for (int s = first; s < first + slots; s++) free[s] = false;
                    index = (first + slots) % WindowProgram.Slots;
                    if (op.Direction != DmaDirection.FromDevice)
                        Array.Copy(guest, (int)guestAddress, windowBytes, first * BounceWindow.SlotSize, op.Length);
                    live.Add(new Live(windowAddress, guestAddress, op.Length, op.Direction, first, slots, guest.AsSpan((int)guestAddress, op.Length).ToArray()));
                    break;
                }
                case WindowOpKind.DeviceWrite when op.Stray || live.Count == 0:
                {
                    // Below the window it ends at the window's first byte; above, it starts inside and crosses the end by at least one byte.
                    ulong address = op.Pick % 2 == 0 ? WindowWorld.WindowBase - (ulong)op.Length : WindowWorld.WindowBase + WindowBytes - (ulong)(op.Length / 2);
                    var verdict = world.DeviceMemory.Write(address, WindowWorld.Pattern(op.Length, op.Seed));
                    outcome = "StrayWrite:" + verdict;
                    if (verdict != AccessVerdict.Denied) return $"{where}: a write reaching outside the window at 0x{address:x} was {verdict}";
                    break;
                }
                case WindowOpKind.DeviceWrite:
                {
                    var mapping = live[op.Pick % live.Count];
                    int offset = op.Offset % mapping.Length;
                    int length = Math.Min(op.Length, mapping.Length - offset);
                    var bytes = WindowWorld.Pattern(length, op.Seed);
                    var verdict = world.DeviceMemory.Write(mapping.WindowAddress + (ulong)offset, bytes);
                    outcome = "Write:" + verdict;
                    if (verdict != AccessVerdict.Allowed) return $"{where}: a write inside a live mapping was {verdict}";
                    bytes.CopyTo(windowBytes, (int)(mapping.WindowAddress - WindowWorld.WindowBase) + offset);
                    break;
                }
                default:
                {
                    if (live.Count == 0)
                    {
                        outcome = "Unmap:" + window.Unmap(WindowWorld.WindowBase, 1, DmaDirection.ToDevice);
                        if (outcome != "Unmap:NotMapped") return $"{where}: unmap with nothing mapped gave {outcome}";
                        break;
                    }
                    var mapping = live[op.Pick % live.Count];
                    var status = window.Unmap(mapping.WindowAddress, (uint)mapping.Length, mapping.Direction);
                    outcome = $"Unmap{mapping.Direction}:{status}";
                    if (status != WindowUnmapStatus.Unmapped) return $"{where}: unmap of a live mapping gave {status}";
                    live.Remove(mapping);
                    for (int s = mapping.FirstSlot; s < mapping.FirstSlot + mapping.Slots; s++) free[s] = true;
                    if (mapping.Direction != DmaDirection.ToDevice)
                        Array.Copy(windowBytes, (int)(mapping.WindowAddress - WindowWorld.WindowBase), guest, (int)mapping.GuestAddress, mapping.Length);

                    var actual = world.ReadGuest(mapping.GuestAddress, mapping.Length);
                    var expected = mapping.Direction == DmaDirection.ToDevice ? mapping.AtMap : guest.AsSpan((int)mapping.GuestAddress, mapping.Length).ToArray();
                    int differs = FirstDifference(actual, expected);
                    if (differs >= 0) return $"{where}: after unmap the guest buffer differs from the model at byte {differs}";
                    break;
                }
            }
            if (outcomes is not null) outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

            string? broken = CheckInvariants(world, free, windowBytes);
            if (broken is not null) return $"{where}: {broken}";
        }
        int wrong = FirstDifference(world.ReadGuest(0, GuestBytes), guest);
        return wrong >= 0 ? $"at the end: guest byte 0x{wrong:x} differs from the model" : null;
    }

    private static string? CheckInvariants(WindowWorld world, bool[] free, byte[] windowBytes)
    {
        var window = world.Window;
        int inUse = 0;
        for (int s = 0; s < free.Length; s++)
        {
            if (window.IsSlotInUse(s) == free[s]) return $"slot {s} is {(free[s] ? "held" : "free")} but the model has it {(free[s] ? "free" : "held")}";
            if (!free[s]) inUse++;
        }
        if (window.Counters.SlotsInUse != inUse) return $"SlotsInUse {window.Counters.SlotsInUse}, model {inUse}";
        if (window.LiveMappings.Sum(m => m.Slots) != inUse) return "live mappings' slots do not add up to the slots in use";

        var mappings = window.LiveMappings.OrderBy(m => m.FirstSlot).ToList();
        for (int i = 1; i < mappings.Count; i++)
            if (mappings[i - 1].FirstSlot + mappings[i - 1].Slots > mappings[i].FirstSlot)
                return $"live mappings at slots {mappings[i - 1].FirstSlot} and {mappings[i].FirstSlot} overlap";

        var actual = world.ReadGuest(WindowWorld.WindowBase, windowBytes.Length);
        int differs = FirstDifference(actual, windowBytes);
        return differs >= 0 ? $"window byte 0x{differs:x} differs from the model" : null;
    }

    private static int FirstFit(bool[] free, int index, int count)
    {
        for (int i = 0; i < free.Length; i++)
        {
            int start = (index + i) % free.Length;
            if (start + count <= free.Length && free.AsSpan(start, count).IndexOf(false) < 0) return start;
        }
        return -1;
    }

    private static int FirstDifference(byte[] actual, byte[] expected)
    {
        int common = actual.AsSpan().CommonPrefixLength(expected);
        return common == actual.Length && actual.Length == expected.Length ? -1 : common;
    }
}
