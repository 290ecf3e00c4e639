namespace Sim.Devices.Net;

/// <summary>
/// Which virtqueue index is which (virtio 1.2, 5.1.2): receiveq1 is 0, transmitq1 is 1, receiveqN is 2(N-1),
/// transmitqN is 2(N-1)+1, and the control queue, when VIRTIO_NET_F_CTRL_VQ is negotiated, comes after the last pair:
/// 2·max_virtqueue_pairs (2 without VIRTIO_NET_F_MQ). Pairs here count from 0: pair p is receiveq(p+1), transmitq(p+1).
/// </summary>
public static class NetQueues
{
    /// <summary>The queue index of pair <paramref name="pair"/>'s receive queue: 2·pair.</summary>
    public static int ReceiveQueue(int pair) => 2 * CheckPair(pair);

    /// <summary>The queue index of pair <paramref name="pair"/>'s transmit queue: 2·pair + 1.</summary>
    public static int TransmitQueue(int pair) => 2 * CheckPair(pair) + 1;

    /// <summary>The control queue's index: 2·<paramref name="maxVirtqueuePairs"/> (config max_virtqueue_pairs, 1 without MQ).</summary>
    public static int ControlQueue(int maxVirtqueuePairs) => 2 * CheckPairCount(maxVirtqueuePairs);

    /// <summary>How many virtqueues a device has: two per pair, plus one with VIRTIO_NET_F_CTRL_VQ.</summary>
    public static int QueueCount(int maxVirtqueuePairs, bool controlQueue) =>
        2 * CheckPairCount(maxVirtqueuePairs) + (controlQueue ? 1 : 0);

    /// <summary>Whether queue <paramref name="queueIndex"/> is a receive queue (even and below the control queue).</summary>
    public static bool IsReceiveQueue(int queueIndex, int maxVirtqueuePairs) =>
        queueIndex >= 0 && queueIndex < 2 * CheckPairCount(maxVirtqueuePairs) && queueIndex % 2 == 0;

    /// <summary>Whether queue <paramref name="queueIndex"/> is a transmit queue (odd and below the control queue).</summary>
    public static bool IsTransmitQueue(int queueIndex, int maxVirtqueuePairs) =>
        queueIndex >= 0 && queueIndex < 2 * CheckPairCount(maxVirtqueuePairs) && queueIndex % 2 == 1;

    /// <summary>The pair (from 0) a receive or transmit queue belongs to: <paramref name="queueIndex"/> / 2.</summary>
    public static int PairOf(int queueIndex) =>
        queueIndex >= 0 ? queueIndex / 2 : throw new ArgumentOutOfRangeException(nameof(queueIndex), queueIndex, "a queue index is not negative");

    private static int CheckPair(int pair) =>
        pair is >= 0 and < NetLayout.Control.MqVqPairsMax
            ? pair
            : throw new ArgumentOutOfRangeException(nameof(pair), pair, $"a queue pair is 0 to {NetLayout.Control.MqVqPairsMax - 1}");

    private static int CheckPairCount(int pairs) =>
        pairs is >= NetLayout.Control.MqVqPairsMin and <= NetLayout.Control.MqVqPairsMax
            ? pairs
            : throw new ArgumentOutOfRangeException(nameof(pairs), pairs, $"max_virtqueue_pairs is {NetLayout.Control.MqVqPairsMin} to {NetLayout.Control.MqVqPairsMax} (5.1.4)");
}
