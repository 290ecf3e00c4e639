using Sim.Devices.Iommu;

namespace Sim.Devices.Tests.Iommu;

/// <summary>The exact bytes of requests (virtio 1.2, 5.13.6, little-endian) and the device-side decoder's refusals.</summary>
public sealed class IommuRequestsTests
{
    [Fact]
    public void Map_bytes_are_the_linux_struct_little_endian_with_a_zero_tail()
    {
        byte[] bytes = IommuRequests.EncodeMap(0x01020304, 0x1122334455667000, 0x1122334455667fff, 0x0000000abcdef000, IommuMapFlags.Read | IommuMapFlags.Write);
        Assert.Equal(Convert.FromHexString(
            "03000000" + "04030201" +
            "0070665544332211" + "ff7f665544332211" + "00f0debc0a000000" +
            "03000000" + "00000000"), bytes);
    }

    [Fact]
    public void Unmap_bytes_are_the_linux_struct_little_endian_with_a_zero_tail()
    {
        byte[] bytes = IommuRequests.EncodeUnmap(7, 0x10000, 0x1ffff);
        Assert.Equal(Convert.FromHexString(
            "04000000" + "07000000" + "0000010000000000" + "ffff010000000000" + "00000000" + "00000000"), bytes);
    }

    [Fact]
    public void Attach_and_detach_bytes_are_the_linux_structs()
    {
        Assert.Equal(Convert.FromHexString("01000000" + "05000000" + "2a000000" + "01000000" + "00000000" + "00000000"),
            IommuRequests.EncodeAttach(5, 42, IommuLayout.AttachFlagBypass));
        Assert.Equal(Convert.FromHexString("02000000" + "05000000" + "2a000000" + "0000000000000000" + "00000000"),
            IommuRequests.EncodeDetach(5, 42));
    }

    [Fact]
    public void Probe_buffer_is_72_bytes_then_the_properties_then_the_tail()
    {
        byte[] bytes = IommuRequests.EncodeProbe(9, 64);
        Assert.Equal(72 + 64 + 4, bytes.Length);
        Assert.Equal(5, bytes[0]);
        Assert.Equal(9, bytes[4]);
    }

    public static TheoryData<IommuRequest> Requests => new()
    {
        new IommuAttach(1, 2), new IommuDetach(3, 4), new IommuMap(5, 0x1000, 0x2fff, 0x8000, IommuMapFlags.Read),
        new IommuUnmap(6, 0, ulong.MaxValue), new IommuProbe(7, 128),
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Decode_returns_what_was_encoded(IommuRequest request)
    {
        Assert.True(IommuRequests.TryDecode(IommuRequests.Encode(request), out var decoded, out byte status));
        Assert.Equal(IommuStatus.Ok, status);
        Assert.Equal(request, decoded);
    }

    [Fact]
    public void A_buffer_of_the_wrong_size_is_IOERR()
    {
        Assert.False(IommuRequests.TryDecode(IommuRequests.EncodeMap(1, 0, 0xfff, 0, IommuMapFlags.Read).AsSpan(0, 36), out _, out byte status));
        Assert.Equal(IommuStatus.IoErr, status);
        Assert.False(IommuRequests.TryDecode(new byte[3], out _, out status));
        Assert.Equal(IommuStatus.IoErr, status);
    }

    [Fact]
    public void An_unknown_type_is_UNSUPP()
    {
        var bytes = IommuRequests.EncodeAttach(1, 2);
        bytes[0] = 9;
        Assert.False(IommuRequests.TryDecode(bytes, out _, out byte status));
        Assert.Equal(IommuStatus.Unsupp, status);
    }

    [Theory]
    [InlineData(1)] // head reserved
    [InlineData(16)] // attach reserved
    public void A_nonzero_reserved_byte_is_INVAL(int offset)
    {
        var bytes = IommuRequests.EncodeAttach(1, 2);
        bytes[offset] = 1;
        Assert.False(IommuRequests.TryDecode(bytes, out _, out byte status));
        Assert.Equal(IommuStatus.Inval, status);
    }
}
