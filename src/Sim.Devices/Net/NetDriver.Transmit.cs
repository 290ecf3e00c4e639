using Sim.Devices.Common;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Net;

public sealed partial class NetDriver
{
    /// <summary>
    /// The transmit queue of one pair after the first (transmitq2.., virtio 1.2, 5.1.2), used once VQ_PAIRS_SET is
    /// applied (5.1.6.5.5): its own <see cref="NetGuestLayout.TxSlots"/> slots, kept full closed loop, each frame of
    /// flow <c>pair</c> with its own sequence. The base's request slots stay on transmitq1.
    /// </summary>
    private sealed class OtherTransmitQueue(int pair, int slots)
    {
        public int Pair { get; } = pair;
        public DmaBuffer[] Mapped { get; } = new DmaBuffer[slots];
        public Stack<int> Free { get; } = new(Enumerable.Range(0, slots).Reverse());
        public long Sequence { get; set; }
        public bool Stopped { get; set; }
    }

    private readonly List<OtherTransmitQueue> _otherTx = [];

    /// <summary>
    /// After VQ_PAIRS_SET is applied, with closed-loop arrivals: fills the transmit queues of pairs 1 to
    /// <see cref="ActivePairs"/> - 1. Open-loop arrivals keep to transmitq1 (the base draws them); a receive-only
    /// driver transmits nothing.
    /// </summary>
    private void StartOtherTransmitQueues()
    {
        if (Arrivals is not ClosedLoopArrivals) return;
        for (int pair = 1; pair < ActivePairs; pair++)
        {
            var queue = new OtherTransmitQueue(pair, _layout.TxSlots);
            _otherTx.Add(queue);
            Fill(queue);
        }
    }

    private void ReclaimOtherTransmitQueues()
    {
        foreach (var tx in _otherTx)
        {
            var sent = new SentFrames(this, tx);
            Queues[NetQueues.TransmitQueue(tx.Pair)].ReclaimUsed(ref sent);
            Fill(tx);
        }
    }

    /// <summary>What another transmit queue's reclaim does with each used chain: <see cref="CompleteOther"/> it.</summary>
    private readonly struct SentFrames(NetDriver driver, OtherTransmitQueue tx) : IUsedBufferHandler
    {
        public void Reclaim(long token, uint written) => driver.CompleteOther(tx, (int)token, written);
    }

    private void CompleteOther(OtherTransmitQueue tx, int slot, uint written)
    {
        Spend(Costs.ReclaimChain);
        Unmap(tx.Mapped[slot]);
        if (written != 0)
            ReportFinding("net-tx-used-length", $"transmit slot {slot} of pair {tx.Pair}: used length {written}, a transmit chain has nothing device-writable", "virtio 1.2, 5.1.6.2");
        CountBytes(_workload.FrameBytes);
        _txOtherPairs.Increment();
        tx.Free.Push(slot);
    }

    /// <summary>A frame for every free slot of <paramref name="tx"/>, then a kick if the ring asks.</summary>
    private void Fill(OtherTransmitQueue tx)
    {
        int index = NetQueues.TransmitQueue(tx.Pair);
        bool added = false;
        while (!tx.Stopped && tx.Free.Count > 0)
        {
            int slot = tx.Free.Peek();
            ulong address = _layout.TxSlot(tx.Pair, slot);
            var frame = new NetFrame(_workload.FrameBytes, Now + Spent, ++tx.Sequence, Flow: tx.Pair);
            NetHeader.Plain.EncodeInto(_txBytes);
            NetPayload.Write(frame, _txBytes.AsSpan(NetLayout.HeaderSize));
            Memory.Write(address, _txBytes);
            uint length = (uint)_txBytes.Length;
            var status = TryMap(address, length, DmaDirection.ToDevice, out tx.Mapped[slot]);
            if (status != DmaMapStatus.Mapped)
            {
                tx.Sequence--;
                tx.Stopped = status == DmaMapStatus.Refused;
                break;   // exhausted: retried after the next interrupt
            }
            Spend(Costs.AddChain);
            if (!Queues[index].TryAdd([new BufferSpec(tx.Mapped[slot].DmaAddress, length)], [], slot))
            {
                Unmap(tx.Mapped[slot]);
                tx.Sequence--;
                break;
            }
            tx.Free.Pop();
            added = true;
        }
        if (added) KickIfNeeded(index);
    }

    /// <inheritdoc />
    protected override void Prepare(int slot)
    {
        var frame = new NetFrame(_workload.FrameBytes, Now + Spent, ++_txSequence);
        NetHeader.Plain.EncodeInto(_txBytes);
        NetPayload.Write(frame, _txBytes.AsSpan(NetLayout.HeaderSize));
        Memory.Write(_layout.TxSlot(slot), _txBytes);
    }

    /// <inheritdoc />
    protected override Submit TrySubmit(int slot)
    {
        uint length = (uint)_txBytes.Length;
        var status = TryMap(_layout.TxSlot(slot), length, DmaDirection.ToDevice, out _tx[slot]);
        if (status != DmaMapStatus.Mapped) return Failed(status);
        return AddChain(slot, [new BufferSpec(_tx[slot].DmaAddress, length)], [], _tx[slot]);
    }

    /// <inheritdoc />
    protected override void Complete(int slot, uint written)
    {
        Unmap(_tx[slot]);
        if (written != 0)
            ReportFinding("net-tx-used-length", $"transmit slot {slot}: used length {written}, a transmit chain has nothing device-writable", "virtio 1.2, 5.1.6.2");
        CountBytes(_workload.FrameBytes);
    }
}
