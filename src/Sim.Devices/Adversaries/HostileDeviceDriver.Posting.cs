using System.Buffers.Binary;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Adversaries;

/// <summary>
/// The posting side of <see cref="HostileDeviceDriver"/>: which attack a round makes, how its buffers are mapped and put
/// in descriptors (every one recorded as an <see cref="OfferedSegment"/>), and how a used chain is judged.
/// </summary>
public sealed partial class HostileDeviceDriver
{
    /// <summary>How a round twists its request.</summary>
    private enum Attack
    {
        None,
        SwapDirections,
        ShortHeader,
        LongSegment,
        Unshared,
        Loop,
        ResetMidway,
    }

    /// <summary>The request in the ring: its round, what it is, when posted, what was mapped for it and where its writable buffers are.</summary>
    private sealed record Open(long Index, HostileRequest Request, Attack Attack, Sim.Core.Time.SimTime Posted, List<DmaBuffer> Mapped, List<(ulong Guest, int Length)> WritableAt);

    /// <summary>The largest buffer a request may have, and the room each has in the scratch area (a buffer never spans a page).</summary>
    private const ulong Stride = 2 * GuestMemory.PageSize;

    private Open? _current;

    private void Choose()
    {
        int draw = Random.Next(16);
        var wellFormed = _requests.WellFormed(Random);
        switch (draw)
        {
            case < 3: Post(wellFormed, Attack.None); break;
            case < 7: Post(_requests.GarbageHeader(Random), Attack.None); break;
            case 7: Post(Swapped(wellFormed), Attack.SwapDirections); break;
            case 8 when wellFormed.Readable.Count > 0 && wellFormed.Readable[0].Length > 1: Post(Shortened(wellFormed), Attack.ShortHeader); break;
            case 9: Post(wellFormed.As("long-segment", Expectation.Either), Attack.LongSegment); break;
            case 10 or 11: Post(wellFormed.As("unshared-buffer", Expectation.MustFail), Attack.Unshared); break;
            case 12 or 13 when !_session.Queues[_requests.RequestQueue].Config.IsPacked: Post(wellFormed.As("descriptor-loop", Expectation.MustFail), Attack.Loop); break;
            case 14: Post(wellFormed.As("reset-midway", Expectation.MustSucceed), Attack.ResetMidway); break;
            default: Post(_requests.GarbageHeader(Random), Attack.None); break;
        }
    }

    /// <summary>The well-formed request with every readable buffer made writable and the reverse (virtio 1.2, 2.7.4).</summary>
    private HostileRequest Swapped(HostileRequest request)
    {
        var readable = request.Writable.Select(length =>
        {
            var bytes = new byte[length];
            Random.NextBytes(bytes);
            return bytes;
        }).ToList();
        return request with { Kind = "swapped-directions", Readable = readable, Writable = request.Readable.Select(b => b.Length).ToList(), Expect = Expectation.MustFail };
    }

    /// <summary>The well-formed request with its first readable buffer (the device's request header) cut short.</summary>
    private HostileRequest Shortened(HostileRequest request)
    {
        var readable = request.Readable.ToList();
        readable[0] = readable[0][..Random.Next(1, readable[0].Length)];
        return request with { Kind = "short-header", Readable = readable, Expect = Expectation.MustFail };
    }

    private void Post(HostileRequest request, Attack attack)
    {
        long index = _round++;
        int buffers = request.Readable.Count + request.Writable.Count;
        if ((ulong)(buffers + 1) * Stride > _area.ScratchEnd - _area.ScratchStart)
            throw new InvalidOperationException($"a {request.Kind} request of {buffers} buffers does not fit the hostile driver's scratch area");
        var open = new Open(index, request, attack, Now, new List<DmaBuffer>(), new List<(ulong, int)>());
        _unmapPending.Add(open);
        var specs = new List<(BufferSpec Spec, bool Writable)>();
        for (int i = 0; i < buffers; i++)
        {
            bool writable = i >= request.Readable.Count;
            ulong guest = _area.ScratchStart + (ulong)i * Stride;
            int length = writable ? request.Writable[i - request.Readable.Count] : request.Readable[i].Length;
            if (length <= 0 || (ulong)length > Stride) throw new InvalidOperationException($"a {request.Kind} buffer of {length} bytes");
            if (writable)
            {
                _memory.Fill(guest, (ulong)length, 0);
                open.WritableAt.Add((guest, length));
            }
            else _memory.Write(guest, request.Readable[i]);
            var mapped = _platform.Map(guest, (uint)length, writable ? DmaDirection.FromDevice : DmaDirection.ToDevice);
            if (!mapped.IsMapped)
            {
                _current = open;
                UnmapAll();
                Settle(RoundOutcome.NotPosted, $"mapping buffer {i} failed: {mapped.Problem}");
                Send(Self, NextRound.Instance);
                return;
            }
            Spend(mapped.Cost);
            open.Mapped.Add(mapped.Buffer);
            specs.Add((new BufferSpec(mapped.Buffer.DmaAddress, (uint)length), writable));
        }
        var reachable = specs.Select(_ => true).ToArray();
        if (attack is Attack.LongSegment or Attack.Unshared)
        {
            int victim = Random.Next(specs.Count);
            var (spec, writable) = specs[victim];
            specs[victim] = (attack == Attack.LongSegment
                ? spec with { Length = spec.Length + (uint)(1 << 30) + (uint)Random.Next(1 << 20) }
                : spec with { Address = Unreachable(buffers) }, writable);
            reachable[victim] = false;
            if (attack == Attack.LongSegment) _offered.Add(new OfferedSegment(spec.Address, spec.Length, true));   // the mapped start stays reachable
        }
        for (int i = 0; i < specs.Count; i++) _offered.Add(new OfferedSegment(specs[i].Spec.Address, specs[i].Spec.Length, reachable[i]));
        _current = open;
        var queue = _session.Queues[_requests.RequestQueue];
        if (attack == Attack.Loop) WriteLoop(queue.Config, specs);
        else if (!queue.TryAdd(specs.Where(s => !s.Writable).Select(s => s.Spec).ToArray(), specs.Where(s => s.Writable).Select(s => s.Spec).ToArray(), index))
            throw new InvalidOperationException($"an empty ring of {QueueSize} refused a chain of {specs.Count} buffers");
        if (attack == Attack.Loop || queue.KickNeeded()) _session.Kick(_requests.RequestQueue);
        SetTimer(new Patience(index), new Patience(index), Wait);
        if (attack == Attack.ResetMidway) Send(Self, new ResetNow(index), Sim.Core.Time.SimTime.FromNanoseconds(Random.Next(20_000)));
    }

    /// <summary>An address the device cannot reach: outside guest RAM, or (when the platform restricts the device) a scratch page never mapped.</summary>
    private ulong Unreachable(int buffers)
    {
        if (_platform.RestrictsAccess && Random.Next(2) == 0) return _area.ScratchStart + (ulong)buffers * Stride + (ulong)Random.Next(64);
        return _memory.Size + GuestMemory.PageSize * (ulong)Random.Next(1, 1 << 16) + (ulong)Random.Next(64);
    }

    /// <summary>
    /// Writes the chain straight into a split ring's descriptor table with its last descriptor leading back into the chain
    /// (a loop the device must detect: virtio 1.2, 2.7.5.2), and makes its head available.
    /// </summary>
    private void WriteLoop(QueueConfig config, List<(BufferSpec Spec, bool Writable)> specs)
    {
        Span<byte> descriptor = stackalloc byte[SplitLayout.DescriptorSize];
        for (int i = 0; i < specs.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(descriptor[SplitLayout.DescAddr..], specs[i].Spec.Address);
            BinaryPrimitives.WriteUInt32LittleEndian(descriptor[SplitLayout.DescLen..], specs[i].Spec.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(descriptor[SplitLayout.DescFlags..], (ushort)(SplitLayout.FlagNext | (specs[i].Writable ? SplitLayout.FlagWrite : 0)));
            BinaryPrimitives.WriteUInt16LittleEndian(descriptor[SplitLayout.DescNext..], (ushort)(i + 1 < specs.Count ? i + 1 : Random.Next(specs.Count)));
            _memory.Write(config.DescriptorTable + (ulong)i * SplitLayout.DescriptorSize, descriptor);
        }
        Span<byte> idx = stackalloc byte[2];
        _memory.Read(config.DriverArea + SplitLayout.RingIdx, idx);
        ushort avail = BinaryPrimitives.ReadUInt16LittleEndian(idx);
        Span<byte> head = stackalloc byte[2];
        _memory.Write(config.DriverArea + SplitLayout.AvailEntryOffset(avail % config.Size), head);   // head 0
        BinaryPrimitives.WriteUInt16LittleEndian(idx, (ushort)(avail + 1));
        _memory.Write(config.DriverArea + SplitLayout.RingIdx, idx);
    }

    /// <summary>Takes back what the device used; the open round's chain settles it.</summary>
    private void Reclaim()
    {
        var queue = _session.Queues[_requests.RequestQueue];
        while (_current is { } open && queue.TryReclaim(out long token, out uint written))
        {
            if (token != open.Index) continue;
            if (open.Attack == Attack.Loop)
            {
                Settle(RoundOutcome.Wrong, "a looped chain was used");
                Reset();
                return;
            }
            UnmapAll();
            var bytes = new byte[open.WritableAt.Sum(w => w.Length)];
            int at = 0;
            foreach (var (guest, length) in open.WritableAt)
            {
                _memory.Read(guest, bytes.AsSpan(at, length));
                at += length;
            }
            var request = open.Request;
            var answer = request.Judge(bytes, written);
            Settle(Classify(request, answer), $"answer {answer}, {written} bytes written{(request.Note.Length > 0 ? " to " + request.Note : "")}: {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 8)))}..{Convert.ToHexString(bytes.AsSpan(Math.Max(0, bytes.Length - 8)))}");
        }
        if (queue.IsBroken && _current is not null)
        {
            Settle(RoundOutcome.Wrong, "the device returned a used element the driver never made available");
            Reset();
            return;
        }
        queue.EnableInterrupts();
        if (_current is null && !_resetting) Send(Self, NextRound.Instance);
    }

    private static RoundOutcome Classify(HostileRequest request, Answer answer) => (request.Expect, answer) switch
    {
        (_, Answer.Invalid) => RoundOutcome.Wrong,
        (Expectation.MustSucceed, Answer.Success) => RoundOutcome.Succeeded,
        (Expectation.MustSucceed, _) => RoundOutcome.Wrong,
        (_, Answer.Error) => RoundOutcome.Failed,
        (Expectation.MustFail, Answer.Success) => request.HasResponse ? RoundOutcome.Wrong : RoundOutcome.Consumed,
        (_, Answer.Success) => RoundOutcome.Succeeded,
        _ => RoundOutcome.UsedWithoutAnswer,
    };

    /// <summary>Closes the open round with <paramref name="outcome"/>.</summary>
    private void Settle(RoundOutcome outcome, string detail)
    {
        var open = _current ?? throw new InvalidOperationException("no round is open");
        _current = null;
        CancelTimer(new Patience(open.Index));
        Count(outcome);
        _log.Add(new HostileRound(open.Index, open.Request.Kind, open.Request.Expect, outcome, open.Posted, Now, detail));
        if (outcome == RoundOutcome.Wrong) ReportFinding("device-answer-wrong", $"{open.Request.Kind} request {open.Index} ({open.Request.Expect}): {detail}", "virtio 1.2, 2.7.14");
    }

    /// <summary>Takes back every buffer mapped for the open or last round (the platform's DMA API: unmap copies a bounced buffer back).</summary>
    private void UnmapAll()
    {
        foreach (var open in _unmapPending) foreach (var buffer in open.Mapped) Spend(_platform.Unmap(buffer).Cost);
        _unmapPending.Clear();
    }

    private readonly List<Open> _unmapPending = new();
}
