using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Gpu;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Transport;

/// <summary>
/// The same virtio-gpu 2D driver and device (virtio 1.2, 5.7) run unchanged on virtio-pci and virtio-mmio, on KVM and
/// on Xen, under each sharing mechanism: the compositor's set-up succeeds, every frame it sends is transferred and
/// flushed to the one scanout with its fence, the bytes the device moved are the frames' bands and the cursor image,
/// and what the host holds at the end is what the guest drew (bounce mechanisms included: the driver syncs the
/// rewritten runs of its long-lived mapping before each transfer).
/// </summary>
public sealed class GpuOnEveryPlatformTests
{
    private const uint Width = 320, Height = 240;

    private static string Scenario(string platform, string sharing, string transport, string extra = "") => $$"""
        name: gpu-everywhere
        seed: 5
        duration: 300ms
        costs: {{(platform == "xen" ? "xen-x86" : "kvm-x86")}}
        guests:
          - name: vm
            platform: {{platform}}
            memory: 16MiB
            devices:
              - { name: gpu0, type: gpu, sharing: {{sharing}}, transport: {{transport}}, display: { width: {{Width}}, height: {{Height}}, refresh: 60Hz }, dirty: 0.25, cursorMoves: 100Hz{{extra}} }
        """;

    [Theory]
    [MemberData(nameof(EveryPlatformCases.All), MemberType = typeof(EveryPlatformCases))]
    public void Every_frame_reaches_the_scanout_and_the_host_holds_what_the_guest_drew(string platform, string sharing, string transport)
    {
        var model = ScenarioLoader.LoadText(Scenario(platform, sharing, transport), "gpu.yaml");
        var simulation = ScenarioRunner.Build(model);
        simulation.Run(new RunLimits(model.Duration, SimTime.Zero));
        Assert.Empty(simulation.Findings);
        double Count(string path) => simulation.Metrics.Find($"vm/gpu0/{path}") is Sim.Core.Statistics.Counter c ? c.Value : throw new Xunit.Sdk.XunitException($"no counter {path}");
        double frames = Count("driver/frames");
        Assert.InRange(frames, 15, 18);
        Assert.Equal(0, Count("driver/framesDropped"));
        Assert.Equal(0, Count("driver/commandsFailed"));
        Assert.Equal(0, Count("backend/errorResponses"));
        Assert.Equal(Count("backend/flushes"), Count("backend/presents"));
        Assert.InRange(Count("backend/flushes"), frames, frames + 1);
        long band = Width * (long)Math.Ceiling(Height * 0.25) * 4;
        Assert.Equal(Count("backend/transfersToHost") - 1, Count("backend/flushes"));
        Assert.Equal(Count("backend/flushes") * band + GpuWorkload.CursorBytes, Count("backend/transferBytes"));
        Assert.Equal(1, Count("backend/cursorUpdates"));
        Assert.InRange(Count("backend/cursorMoves"), 25, 31);

        var table = simulation.ActorAt<GpuBackend>("vm/gpu0/backend")!.Resources;
        Assert.Equal(2, table.Resources.Count);
        Assert.Equal((1u, new GpuRect(0, 0, Width, Height)), table.Scanout(0));
        AssertFramebufferHoldsTheLastBands(table.Resources[1], (long)Count("backend/flushes"));
    }

    [Fact]
    public void A_backing_run_larger_than_a_bounce_mapping_is_a_finding_and_no_frame_is_sent()
    {
        var model = ScenarioLoader.LoadText(Scenario("kvm", "window", "pci", ", backingEntry: 1MiB"), "gpu.yaml");
        var results = ScenarioRunner.Run(model);
        var finding = Assert.Single(results.Findings, f => f.Rule == "dma-map-refused");
        Assert.Contains(results.Findings, f => f.Rule == "gpu-backing-unmapped");
        Assert.Contains("window", finding.Detail);
        Assert.Equal(0, results.Metrics.Single(m => m.Key == "vm/gpu0/driver/frames").Value.Get("count"));
    }

    /// <summary>The host copy of each row is the byte the guest last drew there: frame f's band starts at f × rows mod (height − rows + 1).</summary>
    private static void AssertFramebufferHoldsTheLastBands(GpuResource framebuffer, long sentFrames)
    {
        uint rows = (uint)Math.Ceiling(Height * 0.25);
        var expected = new int[Height];
        Array.Fill(expected, -1);
        var pixels = framebuffer.Pixels.ToArray();
        // Frames are numbered by vblank, and the first frame's vblank depends on the set-up's end: find the first frame
        // whose bands reproduce the host copy, which pins the numbering; then every row must match.
        long firstFrame = Enumerable.Range(0, 10).Select(i => (long)i).First(f => Matches(pixels, Bands(f, sentFrames, rows)));
        Assert.True(Matches(pixels, Bands(firstFrame, sentFrames, rows)));
    }

    private static int[] Bands(long first, long count, uint rows)
    {
        var last = new int[Height];
        Array.Fill(last, -1);
        for (long f = first; f < first + count; f++)
        {
            uint top = (uint)(f * rows % (Height - rows + 1));
            for (uint r = 0; r < rows; r++) last[top + r] = GpuDriver.PixelByte(f, top + r);
        }
        return last;
    }

    private static bool Matches(byte[] pixels, int[] rows)
    {
        for (int row = 0; row < rows.Length; row++)
        {
            int want = rows[row] < 0 ? 0 : rows[row];
            var line = pixels.AsSpan(row * (int)Width * 4, (int)Width * 4);
            if (line.IndexOfAnyExcept((byte)want) >= 0) return false;
        }
        return true;
    }
}
