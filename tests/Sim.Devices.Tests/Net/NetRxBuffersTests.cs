using Sim.Devices.Net;

namespace Sim.Devices.Tests.Net;

/// <summary>
/// Receive buffer placement (virtio 1.2, 5.1.6.3.1, 5.1.6.4) at its boundaries: a packet that exactly fills a buffer
/// and one a byte longer, with and without VIRTIO_NET_F_MRG_RXBUF, and every way a packet can fail to fit.
/// Every length below counts the 12-byte header: a 1514-byte frame fills a 1526-byte buffer.
/// </summary>
public sealed class NetRxBuffersTests
{
    private static readonly uint[] ThreeSmall = [1526, 1526, 1526];

    [Fact]
    public void A_packet_exactly_filling_one_buffer_takes_one()
    {
        var placed = NetRxBuffers.Place(1514, ThreeSmall, mergeable: true);
        Assert.True(placed.Fits, placed.Problem);
        Assert.Equal(1, placed.BufferCount);
        Assert.Equal((ushort)1, placed.NumBuffers);
        Assert.Equal([1526u], placed.BytesWritten);
    }

    [Fact]
    public void One_byte_more_spills_one_byte_into_a_second_buffer()
    {
        var placed = NetRxBuffers.Place(1515, ThreeSmall, mergeable: true);
        Assert.Equal((ushort)2, placed.NumBuffers);
        Assert.Equal([1526u, 1u], placed.BytesWritten);
    }

    [Fact]
    public void Two_full_buffers_then_one_byte_more_takes_three()
    {
        Assert.Equal([1526u, 1526u], NetRxBuffers.Place(2 * 1526 - 12, ThreeSmall, mergeable: true).BytesWritten);
        var placed = NetRxBuffers.Place(2 * 1526 - 11, ThreeSmall, mergeable: true);
        Assert.Equal((ushort)3, placed.NumBuffers);
        Assert.Equal([1526u, 1526u, 1u], placed.BytesWritten);
    }

    [Fact]
    public void Mergeable_buffers_of_different_sizes_fill_in_posting_order()
    {
        var placed = NetRxBuffers.Place(100, [40, 12, 200], mergeable: true);
        Assert.Equal([40u, 12u, 60u], placed.BytesWritten);
    }

    [Fact]
    public void A_packet_larger_than_all_posted_buffers_does_not_fit()
    {
        var placed = NetRxBuffers.Place(5000, ThreeSmall, mergeable: true);
        Assert.Equal(NetRxShortfall.NotEnoughBuffers, placed.Shortfall);
        Assert.Equal(0, placed.BufferCount);
        Assert.Contains("3 posted buffers hold 4578 of 5012 bytes", placed.Problem);
    }

    [Fact]
    public void No_posted_buffer_means_no_room()
    {
        var placed = NetRxBuffers.Place(60, [], mergeable: true);
        Assert.Equal(NetRxShortfall.NotEnoughBuffers, placed.Shortfall);
        Assert.Contains("no buffer posted for 72 bytes", placed.Problem);
    }

    [Fact]
    public void A_mergeable_buffer_smaller_than_the_header_is_a_driver_error()
    {
        var placed = NetRxBuffers.Place(1515, [1526, 11, 1526], mergeable: true);
        Assert.Equal(NetRxShortfall.BufferSmallerThanHeader, placed.Shortfall);
        Assert.Contains("buffer 1 holds 11 bytes, less than a 12-byte virtio_net_hdr_v1", placed.Problem);
    }

    [Fact]
    public void Without_mrg_rxbuf_one_buffer_holds_the_whole_packet_and_num_buffers_is_one()
    {
        var placed = NetRxBuffers.Place(1514, ThreeSmall, mergeable: false);
        Assert.True(placed.Fits);
        Assert.Equal((ushort)1, placed.NumBuffers);
        Assert.Equal([1526u], placed.BytesWritten);
    }

    [Fact]
    public void Without_mrg_rxbuf_one_byte_too_many_does_not_spill_into_the_next_buffer()
    {
        var placed = NetRxBuffers.Place(1515, ThreeSmall, mergeable: false);
        Assert.Equal(NetRxShortfall.BufferTooSmallForPacket, placed.Shortfall);
        Assert.Contains("buffer 0 holds 1526 bytes, the packet needs 1527", placed.Problem);
    }

    [Fact]
    public void A_big_packet_buffer_holds_the_largest_gso_packet_and_not_a_byte_more()
    {
        uint[] big = [NetLayout.BigPacketBufferSize];
        Assert.True(NetRxBuffers.Place(65550, big, mergeable: false).Fits);
        Assert.Equal(NetRxShortfall.BufferTooSmallForPacket, NetRxBuffers.Place(65551, big, mergeable: false).Shortfall);
    }

    [Theory]
    [InlineData(0UL, 1526)]
    [InlineData(NetFeatures.GuestCsum | NetFeatures.HostTso4, 1526)]
    [InlineData(NetFeatures.GuestTso4, 65562)]
    [InlineData(NetFeatures.GuestTso6, 65562)]
    [InlineData(NetFeatures.GuestUfo, 65562)]
    [InlineData(NetFeatures.MrgRxbuf | NetFeatures.GuestTso4, 12)]
    public void The_recommended_buffer_size_follows_5_1_6_3_1(ulong features, int size) =>
        Assert.Equal(size, NetRxBuffers.RecommendedBufferSize(features));
}
