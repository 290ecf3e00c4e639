using Sim.Devices.Net;

namespace Sim.Devices.Tests.Net;

/// <summary>Virtqueue numbering of virtio-net (virtio 1.2, 5.1.2): receive 2N, transmit 2N+1, control 2·max_virtqueue_pairs.</summary>
public sealed class NetQueuesTests
{
    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(1, 2, 3)]
    [InlineData(3, 6, 7)]
    [InlineData(0x7fff, 0xfffe, 0xffff)]
    public void Pair_n_is_receive_2n_and_transmit_2n_plus_1(int pair, int receive, int transmit)
    {
        Assert.Equal(receive, NetQueues.ReceiveQueue(pair));
        Assert.Equal(transmit, NetQueues.TransmitQueue(pair));
        Assert.Equal(pair, NetQueues.PairOf(receive));
        Assert.Equal(pair, NetQueues.PairOf(transmit));
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(4, 8, 9)]
    [InlineData(0x8000, 0x10000, 0x10001)]
    public void The_control_queue_follows_the_last_pair(int maxPairs, int control, int count)
    {
        Assert.Equal(control, NetQueues.ControlQueue(maxPairs));
        Assert.Equal(count, NetQueues.QueueCount(maxPairs, controlQueue: true));
        Assert.Equal(count - 1, NetQueues.QueueCount(maxPairs, controlQueue: false));
        Assert.False(NetQueues.IsReceiveQueue(control, maxPairs));
        Assert.False(NetQueues.IsTransmitQueue(control, maxPairs));
        Assert.True(NetQueues.IsReceiveQueue(control - 2, maxPairs));
        Assert.True(NetQueues.IsTransmitQueue(control - 1, maxPairs));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0x8001)]
    public void Max_pairs_outside_1_to_0x8000_is_refused(int maxPairs)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NetQueues.ControlQueue(maxPairs));
        Assert.Contains("max_virtqueue_pairs is 1 to 32768", error.Message);
    }
}
