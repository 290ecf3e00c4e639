using System.Buffers.Binary;
using System.Text;
using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Input;

/// <summary>
/// The virtio-input configuration space (virtio 1.2, 5.8.4, <c>struct virtio_input_config</c>) as a query register:
/// the driver writes <c>select</c> and <c>subsel</c>, and the device answers in <c>size</c> and the union before the
/// driver reads them (5.8.4: "the device MUST set size and u" for a supported select, size 0 otherwise). The answer is
/// part of the register file, given in the same trapped write as QEMU's <c>virtio_input_set_config</c> does, so it is
/// attached to the transport's device side (<see cref="ITransportDevice.ConfigWritten"/>) when the world is built.
/// </summary>
public sealed class InputConfigSpace
{
    private readonly InputDeviceProfile _profile;
    private readonly ITransportDevice _device;
    private readonly byte[] _answer = new byte[InputLayout.Config.Size - InputLayout.Config.SizeField];
    private byte _select, _subsel;

    private InputConfigSpace(InputDeviceProfile profile, ITransportDevice device)
    {
        _profile = profile;
        _device = device;
        device.ConfigWritten += OnWritten;
    }

    /// <summary>The initial configuration bytes: every field 0 (select UNSET, size 0).</summary>
    public static byte[] Initial() => new byte[InputLayout.Config.Size];

    /// <summary>Answers <paramref name="device"/>'s queries about <paramref name="profile"/> from now on.</summary>
    public static InputConfigSpace Attach(InputDeviceProfile profile, ITransportDevice device)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(device);
        return new InputConfigSpace(profile, device);
    }

    private void OnWritten(int offset, int width, uint value)
    {
        for (int i = 0; i < width; i++)
        {
            int at = offset + i;
            byte b = (byte)(value >> (8 * i));
            if (at == InputLayout.Config.Select) _select = b;
            else if (at == InputLayout.Config.Subsel) _subsel = b;
            else return;   // reserved and the union are the device's: a write there changes nothing it answers
        }
        Array.Clear(_answer);
        _answer[0] = Answer(_profile, _select, _subsel, _answer.AsSpan(InputLayout.Config.Union - InputLayout.Config.SizeField));
        _device.UpdateConfig(InputLayout.Config.SizeField, _answer, notify: false);
    }

    /// <summary>
    /// The answer to (<paramref name="select"/>, <paramref name="subsel"/>) for <paramref name="profile"/>: the union's
    /// bytes written into <paramref name="union"/> (128 bytes) and the size to report, 0 for a query the device does not
    /// support (5.8.4).
    /// </summary>
    public static byte Answer(InputDeviceProfile profile, byte select, byte subsel, Span<byte> union)
    {
        switch (select)
        {
            case InputLayout.CfgIdName: return subsel == 0 ? Text(profile.Name, union) : (byte)0;
            case InputLayout.CfgIdSerial: return subsel == 0 ? Text(profile.Serial, union) : (byte)0;
            case InputLayout.CfgIdDevids:
                if (subsel != 0) return 0;
                BinaryPrimitives.WriteUInt16LittleEndian(union[InputLayout.DevIds.Bustype..], profile.Bustype);
                BinaryPrimitives.WriteUInt16LittleEndian(union[InputLayout.DevIds.Vendor..], profile.Vendor);
                BinaryPrimitives.WriteUInt16LittleEndian(union[InputLayout.DevIds.Product..], profile.Product);
                BinaryPrimitives.WriteUInt16LittleEndian(union[InputLayout.DevIds.Version..], profile.Version);
                return InputLayout.DevIds.Size;
            case InputLayout.CfgPropBits: return subsel == 0 ? Bitmap(profile.Properties, union) : (byte)0;
            case InputLayout.CfgEvBits:
                return profile.Codes.TryGetValue(subsel, out var codes) ? Bitmap(codes.Select(c => (int)c), union) : (byte)0;
            case InputLayout.CfgAbsInfo:
                foreach (var axis in profile.Axes)
                {
                    if (axis.Code != subsel) continue;
                    BinaryPrimitives.WriteInt32LittleEndian(union[InputLayout.AbsInfo.Min..], axis.Min);
                    BinaryPrimitives.WriteInt32LittleEndian(union[InputLayout.AbsInfo.Max..], axis.Max);
                    BinaryPrimitives.WriteInt32LittleEndian(union[InputLayout.AbsInfo.Fuzz..], axis.Fuzz);
                    BinaryPrimitives.WriteInt32LittleEndian(union[InputLayout.AbsInfo.Flat..], axis.Flat);
                    BinaryPrimitives.WriteInt32LittleEndian(union[InputLayout.AbsInfo.Res..], axis.Resolution);
                    return InputLayout.AbsInfo.Size;
                }
                return 0;
            default: return 0;
        }
    }

    /// <summary>The codes set in an EV_BITS or PROP_BITS bitmap of <paramref name="size"/> bytes (bit n of byte n/8).</summary>
    public static IReadOnlyList<ushort> BitsSet(ReadOnlySpan<byte> bitmap, int size)
    {
        var set = new List<ushort>();
        for (int bit = 0; bit < 8 * Math.Min(size, bitmap.Length); bit++)
            if ((bitmap[bit / 8] & (1 << (bit % 8))) != 0) set.Add((ushort)bit);
        return set;
    }

    private static byte Text(string text, Span<byte> union)
    {
        int length = Encoding.ASCII.GetBytes(text.AsSpan(0, Math.Min(text.Length, InputLayout.Config.UnionBytes)), union);
        return (byte)length;
    }

    private static byte Bitmap(IEnumerable<int> bits, Span<byte> union)
    {
        int size = 0;
        foreach (int bit in bits)
        {
            if (bit < 0 || bit >= 8 * InputLayout.Config.UnionBytes) continue;
            union[bit / 8] |= (byte)(1 << (bit % 8));
            size = Math.Max(size, bit / 8 + 1);
        }
        return (byte)size;
    }
}
