using System.Buffers.Binary;

namespace Sim.Devices.Gpu;

/// <summary>
/// VIRTIO_GPU_CMD_RESOURCE_ATTACH_BACKING (virtio 1.2, 5.7.6.8; <c>struct virtio_gpu_resource_attach_backing</c>,
/// <see cref="GpuLayout.ResourceAttachBacking"/>): give a resource its guest backing pages, the
/// <c>virtio_gpu_mem_entry</c> list that follows the struct (nr_entries of them) in the readable part.
/// </summary>
/// <param name="Header">The request header; its type must be <see cref="GpuLayout.CmdResourceAttachBacking"/>.</param>
/// <param name="ResourceId">The resource.</param>
/// <param name="Entries">The backing page runs; their count is written as nr_entries.</param>
public sealed record GpuResourceAttachBacking(GpuCtrlHeader Header, uint ResourceId, IReadOnlyList<GpuMemEntry> Entries)
{
    private const string Name = "virtio_gpu_resource_attach_backing";
    private readonly GpuCtrlHeader _header = GpuWire.RequireType(Header, GpuLayout.CmdResourceAttachBacking, Name);
    private readonly IReadOnlyList<GpuMemEntry> _entries = Entries?.ToArray() ?? throw new ArgumentNullException(nameof(Entries));

    /// <summary>The request header, checked to be a RESOURCE_ATTACH_BACKING.</summary>
    public GpuCtrlHeader Header { get => _header; init => _header = GpuWire.RequireType(value, GpuLayout.CmdResourceAttachBacking, Name); }

    /// <summary>The backing page runs (a copy of what was given).</summary>
    public IReadOnlyList<GpuMemEntry> Entries { get => _entries; init => _entries = value?.ToArray() ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>Bytes of the encoded request: the struct plus <see cref="GpuLayout.MemEntry.Size"/> per entry.</summary>
    public int Size => GpuLayout.ResourceAttachBacking.Size + Entries.Count * GpuLayout.MemEntry.Size;

    /// <summary>An unfenced RESOURCE_ATTACH_BACKING.</summary>
    public static GpuResourceAttachBacking Create(uint resourceId, IReadOnlyList<GpuMemEntry> entries) =>
        new(GpuCtrlHeader.Command(GpuLayout.CmdResourceAttachBacking), resourceId, entries);

    /// <summary>The <see cref="Size"/> request bytes: struct, then the entries.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[Size];
        Header.EncodeInto(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.ResourceAttachBacking.ResourceId), ResourceId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(GpuLayout.ResourceAttachBacking.NrEntries), (uint)Entries.Count);
        for (int i = 0; i < Entries.Count; i++)
            Entries[i].EncodeInto(bytes.AsSpan(GpuLayout.ResourceAttachBacking.Size + i * GpuLayout.MemEntry.Size));
        return bytes;
    }

    /// <summary>
    /// Reads the command and its entries from <paramref name="source"/>; false with a <paramref name="problem"/> when it
    /// is too short for the struct or for nr_entries entries, or another type.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out GpuResourceAttachBacking? command, out string problem)
    {
        command = null;
        if (!GpuWire.TryHeader(source, GpuLayout.ResourceAttachBacking.Size, GpuLayout.CmdResourceAttachBacking, Name, out var header, out problem)) return false;
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.ResourceAttachBacking.NrEntries..]);
        long needed = GpuLayout.ResourceAttachBacking.Size + (long)count * GpuLayout.MemEntry.Size;
        if (source.Length < needed)
        {
            problem = $"{Name}: nr_entries {count} needs {needed} bytes, got {source.Length}";
            return false;
        }
        var entries = new GpuMemEntry[count];
        for (int i = 0; i < entries.Length; i++)
            entries[i] = GpuMemEntry.Decode(source[(GpuLayout.ResourceAttachBacking.Size + i * GpuLayout.MemEntry.Size)..]);
        command = new GpuResourceAttachBacking(header, BinaryPrimitives.ReadUInt32LittleEndian(source[GpuLayout.ResourceAttachBacking.ResourceId..]), entries);
        return true;
    }

    /// <summary>Reads the command from <paramref name="source"/>; throws <see cref="FormatException"/> with the problem.</summary>
    public static GpuResourceAttachBacking Decode(ReadOnlySpan<byte> source) =>
        GpuWire.OrThrow(TryDecode(source, out var command, out string problem), command, problem);

    /// <summary>Equal when header, resource id and every entry (in order) are equal.</summary>
    public bool Equals(GpuResourceAttachBacking? other) =>
        other is not null && Header == other.Header && ResourceId == other.ResourceId && Entries.SequenceEqual(other.Entries);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Header, ResourceId, Entries.Count);
}
