using System.Buffers.Binary;

namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// The device-specific configuration space behind offset 0x100 and its generation counter (virtio 1.2, 2.5 and
/// 4.2.2). Little-endian. The driver uses 8-, 16- and 32-bit accesses aligned to their width (4.2.2.2); the device
/// model changes fields with <see cref="Update"/>, which moves <see cref="Generation"/> so a driver reading across the
/// change retries (2.5.1).
/// </summary>
internal sealed class ConfigSpace
{
    private readonly byte[] _bytes;
    private readonly ITransportViolationSink _violations;

    public ConfigSpace(ReadOnlySpan<byte> initial, ITransportViolationSink violations)
    {
        _bytes = initial.ToArray();
        _violations = violations;
    }

    /// <summary>Size in bytes.</summary>
    public int Length => _bytes.Length;

    /// <summary>The ConfigGeneration value: starts at 0, +1 per device-side change.</summary>
    public uint Generation { get; private set; }

    /// <summary>The current contents.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>A driver read of <paramref name="width"/> bytes at <paramref name="offset"/> (from the start of the space); 0 if the access is illegal.</summary>
    public uint Read(ulong offset, int width)
    {
        if (!Check(offset, width, "read")) return 0;
        var field = _bytes.AsSpan((int)offset, width);
        return width switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(field),
            _ => BinaryPrimitives.ReadUInt32LittleEndian(field),
        };
    }

    /// <summary>A driver write; false (and nothing written) if the access is illegal.</summary>
    public bool Write(ulong offset, int width, uint value)
    {
        if (!Check(offset, width, "write")) return false;
        var field = _bytes.AsSpan((int)offset, width);
        switch (width)
        {
            case 1: field[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(field, (ushort)value); break;
            default: BinaryPrimitives.WriteUInt32LittleEndian(field, value); break;
        }
        return true;
    }

    /// <summary>The device model changes <paramref name="data"/>.Length bytes at <paramref name="offset"/> and bumps <see cref="Generation"/>.</summary>
    public void Update(int offset, ReadOnlySpan<byte> data)
    {
        if (offset < 0 || offset > _bytes.Length - data.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"{data.Length} bytes at {offset} do not fit the {_bytes.Length}-byte configuration space");
        data.CopyTo(_bytes.AsSpan(offset));
        Generation++;
    }

    private bool Check(ulong offset, int width, string verb)
    {
        string where = $"Config+0x{offset:x}";
        if (width is not (1 or 2 or 4))
            return Report(TransportRule.RegisterAccessWidth, $"{width}-byte {verb} at {where}; the configuration space takes 1-, 2- and 4-byte accesses");
        if (offset % (ulong)width != 0)
            return Report(TransportRule.UnalignedConfigAccess, $"{width}-byte {verb} at {where} is not {width}-byte aligned");
        if (offset > (ulong)_bytes.Length || (ulong)_bytes.Length - offset < (ulong)width)
            return Report(TransportRule.ConfigOutOfRange, $"{width}-byte {verb} at {where} is past the {_bytes.Length}-byte configuration space");
        return true;
    }

    private bool Report(TransportRule rule, string detail)
    {
        _violations.Violation(TransportViolation.Of(rule, detail));
        return false;
    }
}
