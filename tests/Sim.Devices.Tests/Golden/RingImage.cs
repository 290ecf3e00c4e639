using System.Globalization;
using System.Text;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Golden;

/// <summary>
/// A split ring in guest memory as a legacy contiguous layout (Linux <c>vring_init</c>: table, avail ring, used ring
/// aligned to <see cref="Align"/>), and what the simulator says is in it: the expectation file that
/// <c>linux_ring_image_check.c</c> checks through the Linux structs. Files go to a directory of the checker.
/// </summary>
internal sealed class RingImage
{
    private readonly StringBuilder _expectations = new();
    private readonly List<(ulong Base, ulong Length)> _regions = new();

    /// <summary>A ring of <paramref name="size"/> entries at <paramref name="tableAddress"/> with the used ring aligned to <paramref name="align"/>.</summary>
    public RingImage(GuestMemory memory, ushort size, ulong tableAddress, ulong align, ulong features)
    {
        Memory = memory;
        Align = align;
        ulong usedOffset = SplitLayout.LegacyVringSize(size, align) - SplitLayout.UsedRingBytes(size);
        Config = new QueueConfig(size, tableAddress, tableAddress + SplitLayout.DescriptorTableBytes(size), tableAddress + usedOffset, features);
        Line("layout", Config.DriverArea - Config.DescriptorTable, Config.DeviceArea - Config.DescriptorTable);
    }

    /// <summary>The guest memory holding the ring.</summary>
    public GuestMemory Memory { get; }

    /// <summary>The used ring's alignment in the legacy layout.</summary>
    public ulong Align { get; }

    /// <summary>The queue's addresses as a driver would program them (DriverArea and DeviceArea where vring_init puts them).</summary>
    public QueueConfig Config { get; }

    /// <summary>Also dump guest bytes [<paramref name="address"/>, +<paramref name="length"/>) (an indirect-table area).</summary>
    public RingImage Region(ulong address, ulong length)
    {
        _regions.Add((address, length));
        return this;
    }

    /// <summary>Descriptor <paramref name="index"/> of the table holds exactly these fields.</summary>
    public RingImage Descriptor(int index, ulong addr, uint len, ushort flags, ushort next) => Line("desc", (ulong)index, addr, len, flags, next);

    /// <summary>avail->flags.</summary>
    public RingImage AvailFlags(ushort value) => Line("avail_flags", value);

    /// <summary>avail->idx.</summary>
    public RingImage AvailIdx(ushort value) => Line("avail_idx", value);

    /// <summary>avail->ring[<paramref name="slot"/>].</summary>
    public RingImage Avail(int slot, ushort head) => Line("avail", (ulong)slot, head);

    /// <summary>vring_used_event: the used_event field after the avail ring.</summary>
    public RingImage UsedEvent(ushort value) => Line("used_event", value);

    /// <summary>used->flags.</summary>
    public RingImage UsedFlags(ushort value) => Line("used_flags", value);

    /// <summary>used->idx.</summary>
    public RingImage UsedIdx(ushort value) => Line("used_idx", value);

    /// <summary>used->ring[<paramref name="slot"/>].</summary>
    public RingImage Used(int slot, uint id, uint len) => Line("used", (ulong)slot, id, len);

    /// <summary>used->ring[<paramref name="slot"/>] names the chain at avail->ring[<paramref name="availSlot"/>] with <paramref name="len"/> bytes written.</summary>
    public RingImage UsedChain(int slot, int availSlot, uint len) => Line("used_chain", (ulong)slot, (ulong)availSlot, len);

    /// <summary>vring_avail_event: the avail_event field after the used ring.</summary>
    public RingImage AvailEvent(ushort value) => Line("avail_event", value);

    /// <summary>
    /// The chain at avail->ring[<paramref name="slot"/>] is exactly these buffers, readable first (walked through NEXT,
    /// or through the head's indirect table).
    /// </summary>
    public RingImage Chain(int slot, BufferSpec[] readable, BufferSpec[] writable)
    {
        var segments = readable.Select(b => $"r:0x{b.Address:x}:{b.Length}").Concat(writable.Select(b => $"w:0x{b.Address:x}:{b.Length}"));
        _expectations.Append(CultureInfo.InvariantCulture, $"chain {slot} {string.Join(' ', segments)}\n");
        return this;
    }

    /// <summary>Writes the ring image, the regions and the expectation file into <paramref name="directory"/>; returns the expectation file.</summary>
    public string WriteFiles(string directory, string name)
    {
        var file = new StringBuilder();
        string ring = Path.Combine(directory, $"{name}.ring");
        File.WriteAllBytes(ring, Dump(Config.DescriptorTable, SplitLayout.LegacyVringSize(Config.Size, Align)));
        file.Append(CultureInfo.InvariantCulture, $"ring 0x{Config.DescriptorTable:x} {Config.Size} {Align} {ring}\n");
        for (int i = 0; i < _regions.Count; i++)
        {
            string region = Path.Combine(directory, $"{name}.region{i}");
            File.WriteAllBytes(region, Dump(_regions[i].Base, _regions[i].Length));
            file.Append(CultureInfo.InvariantCulture, $"region 0x{_regions[i].Base:x} {region}\n");
        }
        file.Append(_expectations);
        string expectations = Path.Combine(directory, $"{name}.expect");
        File.WriteAllText(expectations, file.ToString());
        return expectations;
    }

    private byte[] Dump(ulong address, ulong length)
    {
        var bytes = new byte[length];
        Memory.Read(address, bytes);
        return bytes;
    }

    private RingImage Line(string keyword, params ulong[] values)
    {
        _expectations.Append(keyword);
        foreach (ulong value in values) _expectations.Append(CultureInfo.InvariantCulture, $" {value}");
        _expectations.Append('\n');
        return this;
    }
}
