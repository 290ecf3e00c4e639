using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Sim.Layouts;

namespace Sim.Hypervisors.Memory;

/// <summary>
/// One domain's guest-physical address space, [0, <see cref="Size"/>), holding real bytes. Sparse: a 4 KiB page is
/// materialised on its first write; unwritten memory reads as zeros. Little-endian accessors, as virtio requires
/// (virtio 1.2, 1.4: "all fields are little-endian"). This is the guest's own view: it is not checked or recorded.
/// Devices and backends reach it only through an <see cref="IDeviceMemory"/> access path.
/// </summary>
public sealed class GuestMemory
{
    /// <summary>Bytes in a page (4 KiB).</summary>
    public const int PageSize = 4096;
    /// <summary>log2 of <see cref="PageSize"/>.</summary>
    public const int PageShift = 12;
    private const int LeafShift = 9; // 512 pages (2 MiB) per leaf table
    private const int LeafSize = 1 << LeafShift;

    private readonly byte[]?[]?[] _directory;
    private readonly List<MemoryRegion> _regions = [];
    private ulong _watchLow, _watchHigh; // the span of all regions: writes outside it are not looked at

    /// <summary>An address space of <paramref name="size"/> bytes (a multiple of 4 KiB) for <paramref name="domain"/>.</summary>
    public GuestMemory(string domain, ulong size)
    {
        if (size == 0 || size % PageSize != 0) throw new ArgumentException($"guest memory size must be a positive multiple of 4 KiB, was {size}", nameof(size));
        if (size > 1UL << 40) throw new ArgumentException($"guest memory size {size} is above the 1 TiB this model supports", nameof(size));
        Domain = domain;
        Size = size;
        ulong pages = size >> PageShift;
        _directory = new byte[]?[]?[(pages + LeafSize - 1) >> LeafShift];
    }

    /// <summary>The domain (guest) this memory belongs to.</summary>
    public string Domain { get; }

    /// <summary>Bytes of guest-physical address space.</summary>
    public ulong Size { get; }

    /// <summary>The regions declared so far, in declaration order (see <see cref="DeclareRegion"/>).</summary>
    public IReadOnlyList<MemoryRegion> Regions => _regions;

    /// <summary>
    /// The observer of writes into declared regions (a trace recorder), or null: the usual case, one null check per
    /// write. Writes outside every region are never reported.
    /// </summary>
    public IMemoryWriteTap? WriteTap { get; set; }

    /// <summary>
    /// Declares a region whose writes a <see cref="WriteTap"/> sees; a region of the same name is replaced (a queue set up
    /// again after a reset).
    /// </summary>
    public void DeclareRegion(string name, RegionKind kind, ulong start, ulong length)
    {
        CheckRange(start, length);
        _regions.RemoveAll(r => r.Name == name);
        _regions.Add(new MemoryRegion(name, kind, start, length));
        _watchLow = _regions.Min(r => r.Start);
        _watchHigh = _regions.Max(r => r.Start + r.Length);
    }

    /// <summary>Pages that have been written at least once.</summary>
    public int MaterialisedPages { get; private set; }

    /// <summary>Whether [<paramref name="address"/>, +<paramref name="length"/>) lies inside this memory (no overflow).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(ulong address, ulong length) => address <= Size && length <= Size - address;

    /// <summary>Copies guest bytes at <paramref name="address"/> into <paramref name="destination"/>.</summary>
    public void Read(ulong address, Span<byte> destination)
    {
        int inPage = (int)(address & (PageSize - 1));
        if (inPage + destination.Length <= PageSize && Contains(address, (ulong)destination.Length))
        {
            byte[]? only = PageOrNull(address);
            if (only is null) destination.Clear();
            else only.AsSpan(inPage, destination.Length).CopyTo(destination);
            return;
        }
        CheckRange(address, (ulong)destination.Length);
        while (destination.Length > 0)
        {
            int offset = (int)(address & (PageSize - 1));
            int chunk = Math.Min(destination.Length, PageSize - offset);
            byte[]? page = PageOrNull(address);
            if (page is null) destination[..chunk].Clear();
            else page.AsSpan(offset, chunk).CopyTo(destination);
            destination = destination[chunk..];
            address += (ulong)chunk;
        }
    }

    /// <summary>Copies <paramref name="source"/> into guest memory at <paramref name="address"/>.</summary>
    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        int inPage = (int)(address & (PageSize - 1));
        if (source.Length > 0 && inPage + source.Length <= PageSize && Contains(address, (ulong)source.Length))
        {
            source.CopyTo(PageForWrite(address).AsSpan(inPage, source.Length));
            if (WriteTap is not null && address < _watchHigh && address + (ulong)source.Length > _watchLow) ReportWrite(address, source);
            return;
        }
        ulong start = address;
        ReadOnlySpan<byte> all = source;
        CheckRange(address, (ulong)source.Length);
        while (source.Length > 0)
        {
            int offset = (int)(address & (PageSize - 1));
            int chunk = Math.Min(source.Length, PageSize - offset);
            source[..chunk].CopyTo(PageForWrite(address).AsSpan(offset, chunk));
            source = source[chunk..];
            address += (ulong)chunk;
        }
        if (WriteTap is not null) ReportWrite(start, all);
    }

    /// <summary>Reports a write to the tap once per declared region it touches, clipped to the region.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportWrite(ulong address, ReadOnlySpan<byte> bytes)
    {
        ulong end = address + (ulong)bytes.Length;
        for (int i = 0; i < _regions.Count; i++)
        {
            var region = _regions[i];
            if (address >= region.Start + region.Length || end <= region.Start) continue;
            ulong from = Math.Max(address, region.Start), to = Math.Min(address + (ulong)bytes.Length, region.Start + region.Length);
            WriteTap!.OnWrite(this, region, from, bytes.Slice((int)(from - address), (int)(to - from)));
        }
    }

    /// <summary>After a bulk change (copy, fill) of [<paramref name="address"/>, +<paramref name="length"/>): reports what now lies in any region it touched.</summary>
    private void ReportChanged(ulong address, ulong length)
    {
        foreach (var region in _regions)
        {
            if (!region.Overlaps(address, length)) continue;
            ulong from = Math.Max(address, region.Start), to = Math.Min(address + length, region.Start + region.Length);
            var bytes = new byte[to - from];
            Read(from, bytes);
            WriteTap!.OnWrite(this, region, from, bytes);
        }
    }

    /// <summary>
    /// Copies [<paramref name="from"/>, +<paramref name="length"/>) to [<paramref name="to"/>, +<paramref name="length"/>)
    /// page to page, without a staging buffer; the same as <see cref="Read"/> then <see cref="Write"/> (every destination
    /// page is materialised, unwritten source bytes copy as zeros). The ranges must not overlap.
    /// </summary>
    public void Copy(ulong from, ulong to, ulong length)
    {
        CheckRange(from, length);
        CheckRange(to, length);
        if (length > 0 && from < to + length && to < from + length)
            throw new ArgumentException($"guest copy [0x{from:x}, +{length}) -> [0x{to:x}, +{length}) overlaps itself", nameof(to));
        ulong changed = to, changedLength = length;
        while (length > 0)
        {
            int fromOffset = (int)(from & (PageSize - 1)), toOffset = (int)(to & (PageSize - 1));
            int chunk = (int)Math.Min(length, (ulong)(PageSize - Math.Max(fromOffset, toOffset)));
            var target = PageForWrite(to).AsSpan(toOffset, chunk);
            byte[]? source = PageOrNull(from);
            if (source is null) target.Clear();
            else source.AsSpan(fromOffset, chunk).CopyTo(target);
            from += (ulong)chunk;
            to += (ulong)chunk;
            length -= (ulong)chunk;
        }
        if (WriteTap is not null) ReportChanged(changed, changedLength);
    }

    /// <summary>Fills [<paramref name="address"/>, +<paramref name="length"/>) with <paramref name="value"/>.</summary>
    public void Fill(ulong address, ulong length, byte value)
    {
        CheckRange(address, length);
        ulong changed = address, changedLength = length;
        while (length > 0)
        {
            int offset = (int)(address & (PageSize - 1));
            int chunk = (int)Math.Min(length, (ulong)(PageSize - offset));
            if (value != 0 || PageOrNull(address) is not null) PageForWrite(address).AsSpan(offset, chunk).Fill(value);
            length -= (ulong)chunk;
            address += (ulong)chunk;
        }
        if (WriteTap is not null) ReportChanged(changed, changedLength);
    }

    /// <summary>Reads a little-endian u16.</summary>
    public ushort ReadUInt16(ulong address)
    {
        if ((address & (PageSize - 1)) <= PageSize - 2 && Contains(address, 2))
        {
            byte[]? page = PageOrNull(address);
            return page is null ? (ushort)0 : BinaryPrimitives.ReadUInt16LittleEndian(page.AsSpan((int)(address & (PageSize - 1))));
        }
        Span<byte> bytes = stackalloc byte[2];
        Read(address, bytes);
        return BinaryPrimitives.ReadUInt16LittleEndian(bytes);
    }

    /// <summary>Reads a little-endian u32.</summary>
    public uint ReadUInt32(ulong address)
    {
        if ((address & (PageSize - 1)) <= PageSize - 4 && Contains(address, 4))
        {
            byte[]? page = PageOrNull(address);
            return page is null ? 0u : BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan((int)(address & (PageSize - 1))));
        }
        Span<byte> bytes = stackalloc byte[4];
        Read(address, bytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    /// <summary>Reads a little-endian u64.</summary>
    public ulong ReadUInt64(ulong address)
    {
        if ((address & (PageSize - 1)) <= PageSize - 8 && Contains(address, 8))
        {
            byte[]? page = PageOrNull(address);
            return page is null ? 0ul : BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan((int)(address & (PageSize - 1))));
        }
        Span<byte> bytes = stackalloc byte[8];
        Read(address, bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <summary>Writes a little-endian u16.</summary>
    public void WriteUInt16(ulong address, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        Write(address, bytes);
    }

    /// <summary>Writes a little-endian u32.</summary>
    public void WriteUInt32(ulong address, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Write(address, bytes);
    }

    /// <summary>Writes a little-endian u64.</summary>
    public void WriteUInt64(ulong address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Write(address, bytes);
    }

    private void CheckRange(ulong address, ulong length)
    {
        if (!Contains(address, length))
            throw new ArgumentOutOfRangeException(nameof(address),
                $"guest access [0x{address:x}, +{length}) is outside {Domain}'s memory of 0x{Size:x} bytes");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte[]? PageOrNull(ulong address)
    {
        ulong page = address >> PageShift;
        return _directory[page >> LeafShift]?[page & (LeafSize - 1)];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte[] PageForWrite(ulong address)
    {
        ulong page = address >> PageShift;
        var existing = _directory[page >> LeafShift]?[page & (LeafSize - 1)];
        return existing ?? MaterialisePage(page);
    }

    private byte[] MaterialisePage(ulong page)
    {
        var leaf = _directory[page >> LeafShift] ??= new byte[]?[LeafSize];
        ref byte[]? slot = ref leaf[page & (LeafSize - 1)];
        if (slot is null)
        {
            slot = new byte[PageSize];
            MaterialisedPages++;
        }
        return slot;
    }
}
