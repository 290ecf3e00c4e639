using System.Buffers.Binary;
using static Sim.Devices.Iommu.IommuLayout;

namespace Sim.Devices.Iommu;

/// <summary>
/// The property list of a PROBE answer (virtio 1.2, 5.13.6.8): the device writes one RESV_MEM property per reserved
/// region and zeros after them (a NONE type ends the list); the driver reads them back, as Linux
/// <c>viommu_probe_endpoint</c> does, stopping at NONE or at the end of the buffer.
/// </summary>
public static class IommuProbeProperties
{
    /// <summary>The <c>length</c> of a RESV_MEM property: its size without the header.</summary>
    public const ushort ResvMemLength = ResvMem.Size - ProbeProperty.HeaderSize;

    /// <summary>
    /// Writes <paramref name="regions"/> into <paramref name="properties"/> and zeros the rest; false (nothing
    /// written) when they do not fit, so the device answers with an error rather than a truncated list.
    /// </summary>
    public static bool TryWrite(Span<byte> properties, IReadOnlyList<IommuReservedRegion> regions)
    {
        if ((long)regions.Count * ResvMem.Size > properties.Length) return false;
        properties.Clear();
        for (int i = 0; i < regions.Count; i++)
        {
            var entry = properties.Slice(i * ResvMem.Size, ResvMem.Size);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[ProbeProperty.Type..], ProbeProperty.TypeResvMem);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[ProbeProperty.Length..], ResvMemLength);
            entry[ResvMem.Subtype] = (byte)regions[i].Kind;
            BinaryPrimitives.WriteUInt64LittleEndian(entry[ResvMem.Start..], regions[i].Start);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[ResvMem.End..], regions[i].End);
        }
        return true;
    }

    /// <summary>
    /// Reads the reserved regions from a PROBE answer's <paramref name="properties"/>. Unknown property types are
    /// skipped by their length; a RESV_MEM of the wrong length, an unknown subtype, start after end, or a property
    /// running past the buffer is malformed (<paramref name="problem"/> says which) and ends the reading.
    /// </summary>
    public static IReadOnlyList<IommuReservedRegion> Read(ReadOnlySpan<byte> properties, out string? problem)
    {
        problem = null;
        var regions = new List<IommuReservedRegion>();
        int at = 0;
        while (at + ProbeProperty.HeaderSize <= properties.Length)
        {
            var header = properties[at..];
            ushort type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(header[ProbeProperty.Type..]) & ProbeProperty.TypeMask);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(header[ProbeProperty.Length..]);
            if (type == ProbeProperty.TypeNone) break;
            if (at + ProbeProperty.HeaderSize + length > properties.Length)
            {
                problem = $"property type {type} at byte {at} runs past the {properties.Length}-byte buffer";
                break;
            }
            if (type == ProbeProperty.TypeResvMem)
            {
                if (length != ResvMemLength)
                {
                    problem = $"RESV_MEM at byte {at} has length {length}, expected {ResvMemLength}";
                    break;
                }
                var entry = properties.Slice(at, ResvMem.Size);
                byte subtype = entry[ResvMem.Subtype];
                ulong start = BinaryPrimitives.ReadUInt64LittleEndian(entry[ResvMem.Start..]);
                ulong end = BinaryPrimitives.ReadUInt64LittleEndian(entry[ResvMem.End..]);
                if (subtype > (byte)IommuReservedKind.Msi || start > end)
                {
                    problem = $"RESV_MEM at byte {at}: subtype {subtype}, [0x{start:x}, 0x{end:x}]";
                    break;
                }
                regions.Add(new IommuReservedRegion(start, end, (IommuReservedKind)subtype));
            }
            at += ProbeProperty.HeaderSize + length;
        }
        return regions;
    }
}
