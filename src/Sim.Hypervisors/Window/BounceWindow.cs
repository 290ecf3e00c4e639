using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Memory;
using Sim.Layouts;

namespace Sim.Hypervisors.Window;

/// <summary>
/// A shared-memory window with bounce buffers: a fixed range [<see cref="Base"/>, <see cref="Base"/> +
/// <see cref="Size"/>) of the guest's memory, the only memory its device can reach, cut into 2 KiB slots. The guest
/// maps each DMA buffer by copying it through the window, as Linux swiotlb does for a <c>restricted-dma-pool</c>
/// reserved-memory region, or for a protected guest (pKVM, confidential VMs) that shares only this window with the
/// host. Constants from Linux include/linux/swiotlb.h: <c>IO_TLB_SHIFT</c> 11 (2 KiB slots), <c>IO_TLB_SEGSIZE</c>
/// 128 (at most 128 contiguous slots, 256 KiB, per mapping), default pool 64 MiB.
/// <para>
/// Alignment: a buffer always starts at the start of its first slot. swiotlb keeps the original address's offset
/// within a 2 KiB slot only when the device declares a <c>min_align_mask</c> (NVMe does; virtio devices do not), and
/// without it the offset is 0 (<c>swiotlb_align_offset</c>); so the slot count is ceil(length / 2 KiB). Not modelled:
/// swiotlb's page alignment of runs of 4 KiB or more, per-CPU areas, and multiple pools.
/// </para>
/// Map copies guest → window for <see cref="DmaDirection.ToDevice"/> and <see cref="DmaDirection.Bidirectional"/>;
/// unmap copies window → guest for <see cref="DmaDirection.FromDevice"/> and <see cref="DmaDirection.Bidirectional"/>.
/// With <c>preloadFromDevice</c> a FromDevice map also copies the guest's bytes in, as Linux has done since 5.18
/// ("swiotlb: rework fix info leak with DMA_FROM_DEVICE"), so a device that writes only part of the buffer neither
/// sees nor hands back stale bytes of an earlier mapping.
/// </summary>
public sealed class BounceWindow
{
    /// <summary>log2 of the slot size (Linux <c>IO_TLB_SHIFT</c>).</summary>
    public const int SlotShift = 11;

    /// <summary>Bytes in a slot: 2 KiB (Linux <c>IO_TLB_SIZE</c>).</summary>
    public const int SlotSize = 1 << SlotShift;

    /// <summary>The most contiguous slots one mapping may use: 128, i.e. 256 KiB (Linux <c>IO_TLB_SEGSIZE</c>).</summary>
    public const int MaxSlotsPerMapping = 128;

    /// <summary>The largest buffer one mapping can bounce: 256 KiB.</summary>
    public const uint MaxMappingSize = MaxSlotsPerMapping * SlotSize;

    /// <summary>The default pool size of Linux swiotlb: 64 MiB (<c>IO_TLB_DEFAULT_SIZE</c>).</summary>
    public const ulong DefaultSize = 64UL << 20;

    private readonly SlotAllocator _slots;
    private readonly Dictionary<ulong, WindowMapping> _live = new();
    private readonly bool _preloadFromDevice;

    /// <summary>
    /// A window over [<paramref name="windowBase"/>, +<paramref name="size"/>) of <paramref name="memory"/>. The base
    /// must be 2 KiB aligned and the size a positive multiple of 2 KiB; the range must lie inside guest memory.
    /// </summary>
    /// <param name="memory">The guest's memory, holding both the buffers and the window.</param>
    /// <param name="windowBase">Guest-physical start of the window.</param>
    /// <param name="size">Bytes in the window.</param>
    /// <param name="preloadFromDevice">Whether FromDevice maps also copy the guest buffer in (Linux 5.18 and later).</param>
    public BounceWindow(GuestMemory memory, ulong windowBase, ulong size, bool preloadFromDevice = false)
    {
        if (size == 0 || size % SlotSize != 0)
            throw new ArgumentException($"bounce window size must be a positive multiple of {SlotSize} bytes, was {size}", nameof(size));
        if (windowBase % SlotSize != 0)
            throw new ArgumentException($"bounce window base 0x{windowBase:x} is not {SlotSize}-byte aligned", nameof(windowBase));
        if (!memory.Contains(windowBase, size))
            throw new ArgumentException($"bounce window [0x{windowBase:x}, +0x{size:x}) is outside {memory.Domain}'s memory of 0x{memory.Size:x} bytes", nameof(windowBase));
        if (size / SlotSize > int.MaxValue)
            throw new ArgumentException($"bounce window of {size} bytes has too many slots for this model", nameof(size));
        Memory = memory;
        Base = windowBase;
        memory.DeclareRegion($"{memory.Domain}/window@0x{windowBase:x}", RegionKind.Window, windowBase, size);
        Size = size;
        _preloadFromDevice = preloadFromDevice;
        _slots = new SlotAllocator((int)(size / SlotSize));
    }

    /// <summary>The guest memory the window lies in.</summary>
    public GuestMemory Memory { get; }

    /// <summary>Guest-physical start of the window.</summary>
    public ulong Base { get; }

    /// <summary>Bytes in the window: the whole of what the device can reach.</summary>
    public ulong Size { get; }

    /// <summary>Slots in the window.</summary>
    public int SlotCount => _slots.Count;

    /// <summary>The slot the next allocation search starts from (swiotlb's rotating index).</summary>
    public int NextSearchSlot => _slots.NextIndex;

    /// <summary>What the window has done so far.</summary>
    public BounceWindowCounters Counters { get; } = new();

    /// <summary>Live mappings, by window address.</summary>
    public IReadOnlyCollection<WindowMapping> LiveMappings => _live.Values;

    /// <summary>Slots a buffer of <paramref name="length"/> bytes needs: ceil(length / 2 KiB).</summary>
    public static int SlotsFor(uint length) => (int)((length + (ulong)SlotSize - 1) >> SlotShift);

    /// <summary>Whether [<paramref name="address"/>, +<paramref name="length"/>) lies inside the window (no overflow).</summary>
    public bool Contains(ulong address, ulong length) => address >= Base && address - Base <= Size && length <= Size - (address - Base);

    /// <summary>Whether slot <paramref name="slot"/> is held by a live mapping.</summary>
    public bool IsSlotInUse(int slot) => _slots.IsUsed(slot);

    /// <summary>
    /// Maps the guest buffer [<paramref name="guestAddress"/>, +<paramref name="length"/>) for DMA in
    /// <paramref name="direction"/>: takes a contiguous run of free slots (first fit from the rotating index), copies the
    /// buffer into it for device-bound directions, and gives the address the device must use.
    /// </summary>
    /// <param name="guestAddress">Guest-physical start of the driver's buffer.</param>
    /// <param name="length">Bytes in the buffer (1 to 256 KiB).</param>
    /// <param name="direction">Which way the device moves the data.</param>
    /// <param name="windowAddress">The buffer's address inside the window; 0 unless mapped.</param>
    /// <returns>Mapped, or why not; never throws for a full or fragmented window.</returns>
    public WindowMapResult TryMap(ulong guestAddress, uint length, DmaDirection direction, out ulong windowAddress)
    {
        windowAddress = 0;
        if (length == 0 || !Memory.Contains(guestAddress, length))
            return Refuse(WindowMapStatus.BadBuffer, 0, $"buffer [0x{guestAddress:x}, +{length}) is empty or outside {Memory.Domain}'s memory");
        if (guestAddress < Base + Size && Base < guestAddress + length)
            return Refuse(WindowMapStatus.BadBuffer, 0, $"buffer [0x{guestAddress:x}, +{length}) overlaps the bounce window [0x{Base:x}, +0x{Size:x})");

        int slots = SlotsFor(length);
        if (slots > MaxSlotsPerMapping || slots > _slots.Count)
            return Refuse(WindowMapStatus.TooLarge, slots,
                $"buffer of {length} bytes needs {slots} slots; a mapping may use at most {Math.Min(MaxSlotsPerMapping, _slots.Count)}");

        int first = _slots.Allocate(slots);
        if (first < 0)
            return Refuse(WindowMapStatus.Exhausted, slots,
                $"no {slots} contiguous free slots for buffer [0x{guestAddress:x}, +{length}) ({_slots.Count - Counters.SlotsInUse} of {_slots.Count} free)");

        windowAddress = Base + ((ulong)first << SlotShift);
        var mapping = new WindowMapping(windowAddress, guestAddress, length, direction, first, slots);
        _live.Add(windowAddress, mapping);
        if (direction != DmaDirection.FromDevice || _preloadFromDevice)
        {
            Copy(guestAddress, windowAddress, length);
            Counters.BytesCopiedIn += length;
        }
        Counters.Maps++;
        Counters.SlotsInUse += slots;
        Counters.PeakSlotsInUse = Math.Max(Counters.PeakSlotsInUse, Counters.SlotsInUse);
        return new WindowMapResult(WindowMapStatus.Mapped, windowAddress, first, slots, "");
    }

    /// <summary>
    /// Ends the mapping at <paramref name="windowAddress"/>: for CPU-bound directions copies the window's bytes back
    /// over the original guest buffer, then frees the slots. The length and direction must be those of the map.
    /// </summary>
    /// <param name="windowAddress">The address <see cref="TryMap"/> gave.</param>
    /// <param name="length">The length given to <see cref="TryMap"/>.</param>
    /// <param name="direction">The direction given to <see cref="TryMap"/>.</param>
    /// <returns>Unmapped, or why nothing happened.</returns>
    public WindowUnmapStatus Unmap(ulong windowAddress, uint length, DmaDirection direction)
    {
        if (!_live.TryGetValue(windowAddress, out var mapping))
        {
            Counters.BadUnmaps++;
            return WindowUnmapStatus.NotMapped;
        }
        if (mapping.Length != length || mapping.Direction != direction)
        {
            Counters.BadUnmaps++;
            return WindowUnmapStatus.Mismatch;
        }
        if (direction != DmaDirection.ToDevice)
        {
            Copy(windowAddress, mapping.GuestAddress, length);
            Counters.BytesCopiedOut += length;
        }
        _live.Remove(windowAddress);
        _slots.Free(mapping.FirstSlot, mapping.Slots);
        Counters.Unmaps++;
        Counters.SlotsInUse -= mapping.Slots;
        return WindowUnmapStatus.Unmapped;
    }

    /// <summary>
    /// Copies the guest buffer of the live device-bound mapping at <paramref name="windowAddress"/> into its slots again
    /// (swiotlb's <c>swiotlb_sync_single_for_device</c>); the bytes copied, 0 when no such mapping is live.
    /// </summary>
    public long SyncForDevice(ulong windowAddress)
    {
        if (!_live.TryGetValue(windowAddress, out var mapping) || mapping.Direction == DmaDirection.FromDevice) return 0;
        Copy(mapping.GuestAddress, windowAddress, mapping.Length);
        Counters.BytesCopiedIn += mapping.Length;
        return mapping.Length;
    }

    private WindowMapResult Refuse(WindowMapStatus status, int slots, string reason)
    {
        switch (status)
        {
            case WindowMapStatus.Exhausted: Counters.Exhaustions++; break;
            case WindowMapStatus.TooLarge: Counters.TooLarge++; break;
            default: Counters.BadBuffers++; break;
        }
        return new WindowMapResult(status, 0, -1, slots, reason);
    }

    private void Copy(ulong from, ulong to, uint length) => Memory.Copy(from, to, length);
}

/// <summary>One live mapping of a <see cref="BounceWindow"/>: which guest buffer sits in which slots.</summary>
/// <param name="WindowAddress">The address the device uses (start of the first slot).</param>
/// <param name="GuestAddress">The original guest buffer (swiotlb's <c>orig_addr</c>).</param>
/// <param name="Length">Bytes mapped.</param>
/// <param name="Direction">The direction of the map.</param>
/// <param name="FirstSlot">Index of the first slot.</param>
/// <param name="Slots">Slots held.</param>
public readonly record struct WindowMapping(ulong WindowAddress, ulong GuestAddress, uint Length, DmaDirection Direction, int FirstSlot, int Slots);
