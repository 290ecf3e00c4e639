using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Virtio.Packed;

namespace Sim.Devices.Tests.Packed.Support;

/// <summary>What the AVAIL/USED bits of a slot say, relative to the lap the device is in at that slot.</summary>
internal enum SlotState
{
    /// <summary>Available in the device's lap at this slot (AVAIL = wrap, USED = !wrap).</summary>
    AvailableThisLap,
    /// <summary>Available in the other lap (AVAIL = !wrap, USED = wrap): stale, or written a lap early.</summary>
    AvailableOtherLap,
    /// <summary>Used in this lap (AVAIL = USED = wrap).</summary>
    UsedThisLap,
    /// <summary>AVAIL = USED = !wrap: used in the other lap, or (for wrap 1) a zero-initialised slot.</summary>
    UsedOtherLap,
}

/// <summary>One ring slot of a <see cref="PackedRingImage"/>: its availability, NEXT/WRITE/INDIRECT (and stray) flags, length, id, and for INDIRECT its table.</summary>
internal sealed record PackedSlotSpec(SlotState State, ushort Flags, uint Length, ushort Id, PackedDescriptor[] Table, uint TableLength);

/// <summary>A buffer (or indirect table) a chain offers: where, how long, and whether the device may write it.</summary>
internal readonly record struct OfferedRange(ulong Start, ulong Length, bool Writable)
{
    public bool Holds(ulong address, ulong length) => address >= Start && length <= Length && address - Start <= Length - length;
}

/// <summary>
/// A random packed descriptor ring as a driver, well-behaved or not, may leave it (virtio 1.2, 2.8), and the device's
/// position in it (slot and wrap counter): every slot has random AVAIL/USED bits (relative to the device's lap at that
/// slot), NEXT, WRITE, INDIRECT and now and then a stray flag, a random length and id; INDIRECT slots point to a table
/// of 1-4 random entries. Slot s's buffer is at <see cref="PackedWorld.Data"/> + s·0x1000, its table at
/// <see cref="PackedWorld.IndirectArea"/> + s·0x1000 and the table's buffers at 0x140000 + s·0x1000 + j·0x100, so
/// every range is told apart. The oracle (<see cref="Offered"/>, <see cref="EntirelyAvailable"/>) reads the image, not
/// the device's code: chains are cut by NEXT from the device's position on, and a chain is entirely available when
/// every one of its slots is available for its own lap.
/// </summary>
internal sealed record PackedRingImage(ushort Size, ushort StartIndex, bool StartWrap, bool Indirect, PackedSlotSpec[] Slots)
{
    private const ulong TableData = 0x140000;

    public static Gen<PackedRingImage> Generator =>
        from size in Gen.Elements<ushort>(1, 2, 3, 5, 8)
        from start in Gen.Choose(0, size - 1)
        from wrap in Gen.Elements(false, true)
        from indirect in Gen.Elements(false, true)
        from slots in Gen.ArrayOf(SlotGenerator(size), size)
        select new PackedRingImage(size, (ushort)start, wrap, indirect, slots);

    private static Gen<PackedSlotSpec> SlotGenerator(ushort size) =>
        from state in Gen.Frequency(
            (12, Gen.Constant(SlotState.AvailableThisLap)), (2, Gen.Constant(SlotState.AvailableOtherLap)),
            (1, Gen.Constant(SlotState.UsedThisLap)), (1, Gen.Constant(SlotState.UsedOtherLap)))
        from next in Gen.Frequency((1, Gen.Constant(true)), (1, Gen.Constant(false)))
        from write in Gen.Elements(false, true)
        from isIndirect in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
        from stray in Gen.Frequency((12, Gen.Constant(0)), (1, Gen.Elements(0x8, 0x10, 0x100, 0x4000)))
        from length in Gen.Choose(0, 64)
        from id in Gen.Frequency((8, Gen.Choose(0, size - 1)), (1, Gen.Choose(size, 65535)))
        from table in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(EntryGenerator(), n))
        from tableLength in Gen.Frequency((8, Gen.Constant(-1)), (1, Gen.Elements(0, 8, 24)))
        select new PackedSlotSpec(state,
            (ushort)((next ? P.Next : 0) | (write ? P.Write : 0) | (isIndirect ? P.Indirect : 0) | stray),
            (uint)length, (ushort)id, table, tableLength < 0 ? (uint)table.Length * 16 : (uint)tableLength);

    private static Gen<PackedDescriptor> EntryGenerator() =>
        from flags in Gen.Frequency((6, Gen.Constant(P.Write)), (6, Gen.Constant((ushort)0)), (1, Gen.Elements(P.Next, P.Indirect, P.Avail)))
        from length in Gen.Choose(0, 64)
        select new PackedDescriptor(0, (uint)length, 0, flags);

    /// <summary>The wrap counter of the device's lap at <paramref name="slot"/>: the start's, flipped for slots before the start (reached after wrapping).</summary>
    public bool LapWrap(int slot) => slot >= StartIndex ? StartWrap : !StartWrap;

    public ulong BufferAddress(int slot) => PackedWorld.Data + (ulong)slot * 0x1000;
    public ulong TableAddress(int slot) => PackedWorld.IndirectArea + (ulong)slot * 0x1000;
    public ulong EntryAddress(int slot, int entry) => TableData + (ulong)slot * 0x1000 + (ulong)entry * 0x100;

    /// <summary>The position <paramref name="count"/> slots past the start (slot and the device's wrap counter there).</summary>
    public PackedRingPosition At(int count) => new PackedRingPosition(StartIndex, StartWrap).Advance(count, Size);

    /// <summary>Whether the slot at <paramref name="position"/> is available for that position's wrap counter.</summary>
    public bool IsAvailable(PackedRingPosition position) =>
        Slots[position.Index].State == (position.WrapCounter == LapWrap(position.Index) ? SlotState.AvailableThisLap : SlotState.AvailableOtherLap);

    /// <summary>Whether the <paramref name="count"/> slots from <paramref name="first"/> slots past the start are all available.</summary>
    public bool EntirelyAvailable(int first, int count) => Enumerable.Range(first, count).All(k => IsAvailable(At(k)));

    /// <summary>Writes the image into <paramref name="world"/>'s guest memory.</summary>
    public void WriteInto(PackedWorld world)
    {
        for (int slot = 0; slot < Size; slot++)
        {
            var spec = Slots[slot];
            bool wrap = LapWrap(slot);
            ushort bits = spec.State switch
            {
                SlotState.AvailableThisLap => PackedDescriptor.AvailableBits(wrap),
                SlotState.AvailableOtherLap => PackedDescriptor.AvailableBits(!wrap),
                SlotState.UsedThisLap => PackedDescriptor.UsedBits(wrap),
                _ => PackedDescriptor.UsedBits(!wrap),
            };
            bool isIndirect = (spec.Flags & P.Indirect) != 0;
            ulong address = isIndirect ? TableAddress(slot) : BufferAddress(slot);
            uint length = isIndirect ? spec.TableLength : spec.Length;
            world.Ring.Raw(slot, address, length, spec.Id, (ushort)(spec.Flags | bits));
            if (isIndirect)
                world.Ring.Table(address, spec.Table.Select((e, j) => e with { Address = EntryAddress(slot, j) }).ToArray());
        }
    }

    /// <summary>
    /// What the device may touch: the ranges (buffers and indirect tables) of the chains, cut by NEXT from the start,
    /// that come before the first chain not entirely available (or not ending within N slots) and within one lap.
    /// Tables are offered read-only; a buffer is writable when its descriptor (or table entry) has WRITE.
    /// </summary>
    public List<OfferedRange> Offered()
    {
        var offered = new List<OfferedRange>();
        int consumed = 0;
        while (consumed < Size)
        {
            int length = 1;
            while (length <= Size && (Slots[At(consumed + length - 1).Index].Flags & P.Next) != 0) length++;
            if (length > Size || !EntirelyAvailable(consumed, length)) break;
            for (int k = consumed; k < consumed + length; k++) AddSlot(offered, At(k).Index);
            consumed += length;
        }
        return offered;
    }

    private void AddSlot(List<OfferedRange> offered, int slot)
    {
        var spec = Slots[slot];
        if ((spec.Flags & P.Indirect) == 0)
        {
            offered.Add(new OfferedRange(BufferAddress(slot), spec.Length, (spec.Flags & P.Write) != 0));
            return;
        }
        offered.Add(new OfferedRange(TableAddress(slot), spec.TableLength, Writable: false));
        for (int j = 0; j < spec.Table.Length; j++)
            offered.Add(new OfferedRange(EntryAddress(slot, j), spec.Table[j].Length, (spec.Table[j].Flags & P.Write) != 0));
    }

    public override string ToString() =>
        $"N={Size} start={StartIndex}/wrap {(StartWrap ? 1 : 0)} indirect={Indirect} slots=[" +
        string.Join("; ", Slots.Select((s, i) => $"{i}:{s.State} f=0x{s.Flags:x} len={s.Length} id={s.Id}" +
            ((s.Flags & P.Indirect) != 0 ? $" table({s.TableLength})=[{string.Join(",", s.Table.Select(e => $"0x{e.Flags:x}/{e.Length}"))}]" : ""))) + "]";
}
