using System.Diagnostics;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Tracing.Recording;

namespace Sim.Worlds.Benchmarks;

/// <summary>Measured figures of one ring format in <c>bench virtqueue</c>.</summary>
/// <param name="Format">"split" or "packed".</param>
/// <param name="RoundTrips">Round trips measured.</param>
/// <param name="RoundTripsPerSecond">Round trips per wall-clock second.</param>
/// <param name="BytesPerRoundTrip">Managed bytes allocated per round trip.</param>
/// <param name="Kicks">Kicks the driver's kick decision asked for.</param>
/// <param name="Interrupts">Interrupts the device's decision asked for.</param>
/// <param name="TracedWrites">Ring writes recorded (with <c>--trace</c>); 0 without.</param>
/// <param name="TraceBytes">Bytes of trace records written (with <c>--trace</c>); 0 without.</param>
public sealed record VirtqueueBenchmarkResult(string Format, long RoundTrips, double RoundTripsPerSecond, double BytesPerRoundTrip, long Kicks, long Interrupts,
    long TracedWrites = 0, long TraceBytes = 0);

/// <summary>
/// Request/response round trips through the full byte-level path of a virtqueue on one core, without the event
/// kernel: the driver writes a 64-byte request and adds a chain (request readable, 512-byte response writable), makes
/// its kick decision; the device suppresses kicks, pops and validates the chain, reads the request and writes the
/// response through the recorded access path, publishes the used buffer, makes its interrupt decision and re-enables
/// kicks; the driver suppresses interrupts, reclaims, and re-enables them. Every notification step of a real round
/// trip is in the loop.
/// EVENT_IDX is negotiated; the same loop runs on the split and the packed format.
/// </summary>
public static class VirtqueueBenchmark
{
    private sealed class Fail : IQueueViolationSink
    {
        public void Violation(QueueRule rule, string detail) => throw new InvalidOperationException($"benchmark ring broke {rule}: {detail}");
    }

    /// <summary>Measures <paramref name="roundTrips"/> round trips of <paramref name="packed"/> or split rings.</summary>
    public static VirtqueueBenchmarkResult Measure(bool packed, long roundTrips, string? tracePath = null)
    {
        using (var warm = tracePath is null ? null : new TraceRecorder(tracePath + ".warm", "bench-virtqueue", 0))
            Run(packed, Math.Min(roundTrips, 200_000), warm); // warm-up: let the JIT settle (tracing too, then dropped)
        GC.Collect();
        using var recorder = tracePath is null ? null : new TraceRecorder(tracePath, "bench-virtqueue", 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var (kicks, interrupts) = Run(packed, roundTrips, recorder);
        recorder?.Complete();
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return new VirtqueueBenchmarkResult(packed ? "packed" : "split", roundTrips, roundTrips / watch.Elapsed.TotalSeconds,
            allocated / (double)roundTrips, kicks, interrupts, recorder?.Writes ?? 0, recorder?.BodyBytes ?? 0);
    }

    private static (long Kicks, long Interrupts) Run(bool packed, long roundTrips, TraceRecorder? recorder)
    {
        const ushort size = 256;
        const ulong desc = 0x10000, driverArea = 0x20000, deviceArea = 0x30000, request = 0x40000, response = 0x41000;
        var memory = new GuestMemory("bench", 1 << 20);
        ulong features = VirtioFeatures.Version1 | VirtioFeatures.EventIdx | (packed ? VirtioFeatures.RingPacked : 0);
        var config = new QueueConfig(size, desc, driverArea, deviceArea, features);
        if (recorder is not null)
        {
            foreach (var (part, kind, start, length) in config.Areas()) memory.DeclareRegion($"bench/q0/{part}", kind, start, length);
            recorder.Attach(memory);
        }
        var driver = Virtqueues.CreateDriver(memory, config);
        var deviceMemory = new DirectDeviceMemory(memory, "bench/backend", new AccessLog());
        var device = Virtqueues.CreateDevice(deviceMemory, config, new Fail()) ?? throw new InvalidOperationException("bad benchmark queue");
        var backend = new EchoHandler(new DescriptorChain(), deviceMemory, new byte[64], new byte[512]);
        ReadOnlySpan<BufferSpec> readable = [new BufferSpec(request, 64)];
        ReadOnlySpan<BufferSpec> writable = [new BufferSpec(response, 512)];
        long kicks = 0;
        for (long i = 0; i < roundTrips; i++)
        {
            backend.Request[0] = (byte)i;
            memory.Write(request, backend.Request);
            if (!driver.TryAdd(readable, writable, i)) throw new InvalidOperationException("ring full");
            if (driver.KickNeeded()) kicks++;

            // The backend, woken (or still polling): suppress kicks, drain, re-enable and re-check (vhost's loop).
            device.DrainAvailable(ref backend);

            // The driver's interrupt handler: suppress interrupts, reclaim, re-enable and re-check.
            var reclaim = new RoundTripCheck(i);
            driver.ReclaimUsed(ref reclaim);
            if (reclaim.Reclaimed != 1) throw new InvalidOperationException($"round trip {i} came back {reclaim.Reclaimed} times");
        }
        return (kicks, backend.Interrupts);
    }

    /// <summary>The benchmark's device: echoes the request's first byte into a 512-byte response and counts the interrupts the ring asks for.</summary>
    private struct EchoHandler(DescriptorChain chain, IDeviceMemory memory, byte[] request, byte[] response) : IAvailableChainHandler
    {
        public readonly byte[] Request = request;
        public long Interrupts;

        public readonly DescriptorChain NextChain => chain;

        public readonly bool StopBeforeWaiting => false;

        public bool Serve(IDeviceQueue queue, DescriptorChain popped)
        {
            popped.Read(memory, 0, Request);
            response[0] = Request[0];
            long written = popped.Write(memory, 0, response);
            queue.PushUsed(popped.Id, popped.DescriptorCount, (uint)written);
            if (queue.InterruptNeeded()) Interrupts++;
            return true;
        }
    }

    /// <summary>The benchmark's driver: every used buffer must be the round trip just made, with its 512 bytes.</summary>
    private struct RoundTripCheck(long expected) : IUsedBufferHandler
    {
        public int Reclaimed;

        public void Reclaim(long token, uint written)
        {
            if (token != expected || written != 512) throw new InvalidOperationException($"round trip {expected} came back wrong");
            Reclaimed++;
        }
    }
}
