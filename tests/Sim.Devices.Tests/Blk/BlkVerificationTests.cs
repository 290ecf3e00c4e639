using Sim.Core.Time;
using Sim.Devices.Blk;
using Xunit.Abstractions;

namespace Sim.Devices.Tests.Blk;

/// <summary>
/// The workload's <see cref="BlkVerification"/>: full by default (no <c>unverifiedReads</c> metric, results as before),
/// none checks no read, a sample checks a deterministic share of the reads that can be checked. The choice draws
/// nothing from the driver's random stream, so every variant issues the same requests as a fully checked run.
/// </summary>
public sealed class BlkVerificationTests(ITestOutputHelper output)
{
    private static readonly SimTime Ms20 = SimTime.FromMilliseconds(20);

    private static BlkWorkload Workload(BlkVerification? verification, int depth = 4) =>
        new(4096, 0.6, depth, 16 * 8, 2, verification: verification);

    private static BlkWorld Run(BlkVerification? verification, ulong seed = 1, bool keepsContent = true) =>
        new BlkWorld(Workload(verification), packed: false, seed, keepsContent: keepsContent).Run(Ms20);

    [Fact]
    public void Full_is_the_default_and_adds_no_metric()
    {
        Assert.Same(BlkVerification.Full, Workload(null).Verification);
        var world = Run(null);
        Assert.True(world.Findings.Count == 0, world.FindingsText);
        Assert.True(world.DriverMetric("verifiedReads") > 100);
        Assert.DoesNotContain($"{BlkWorld.Driver}/unverifiedReads", world.Metrics.Keys);
        Assert.Equal(world.DriverMetric("verifiedReads"), Run(BlkVerification.Full).DriverMetric("verifiedReads"));
    }

    [Fact]
    public void None_checks_nothing_and_counts_every_read_it_could_have_checked()
    {
        var full = Run(BlkVerification.Full);
        var none = Run(BlkVerification.None);
        Assert.Equal(0, none.DriverMetric("verifiedReads"));
        Assert.Equal(full.DriverMetric("verifiedReads"), none.DriverMetric("unverifiedReads"));
        foreach (string metric in new[] { "reads", "writes", "requests", "bytes" })
            Assert.Equal(full.DriverMetric(metric), none.DriverMetric(metric));
        Assert.Equal(full.DriverMetric("latency", "mean"), none.DriverMetric("latency", "mean"));
    }

    [Fact]
    public void None_does_not_catch_a_disk_that_forgets_writes()
    {
        Assert.Contains(Run(BlkVerification.Full, keepsContent: false).Findings, f => f.Rule == "blk-data-mismatch");
        Assert.DoesNotContain(Run(BlkVerification.None, keepsContent: false).Findings, f => f.Rule == "blk-data-mismatch");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void A_sample_checks_a_deterministic_share_of_the_reads_that_could_be_checked(double fraction)
    {
        var full = Run(BlkVerification.Full);
        var sampled = Run(BlkVerification.Sample(fraction));
        var again = Run(BlkVerification.Sample(fraction));
        double verified = sampled.DriverMetric("verifiedReads"), skipped = sampled.DriverMetric("unverifiedReads");
        Assert.True(sampled.Findings.Count == 0, sampled.FindingsText);
        Assert.Equal(verified, again.DriverMetric("verifiedReads"));
        Assert.Equal(skipped, again.DriverMetric("unverifiedReads"));
        // The same requests as the full run: every read it checked is either checked or counted as skipped here.
        double eligible = full.DriverMetric("verifiedReads");
        Assert.Equal(eligible, verified + skipped);
        Assert.Equal(full.DriverMetric("requests"), sampled.DriverMetric("requests"));
        // A binomial count: within 4.5 standard deviations of n p (a false failure about once in 150,000 seeds).
        double sigma = Math.Sqrt(eligible * fraction * (1 - fraction));
        output.WriteLine($"sample {fraction}: {verified} of {eligible} verified (expected {eligible * fraction:F0} +- {sigma:F1})");
        Assert.InRange(verified, eligible * fraction - 4.5 * sigma, eligible * fraction + 4.5 * sigma);
    }

    [Fact]
    public void A_sample_of_another_seed_gives_another_draw_of_the_same_share()
    {
        double Share(ulong seed)
        {
            var world = Run(BlkVerification.Sample(0.5), seed);
            return world.DriverMetric("verifiedReads") / (world.DriverMetric("verifiedReads") + world.DriverMetric("unverifiedReads"));
        }
        Assert.InRange(Share(2), 0.35, 0.65);
        Assert.InRange(Share(3), 0.35, 0.65);
    }

    [Fact]
    public void The_choice_is_a_function_of_the_request_and_the_fraction()
    {
        var half = BlkVerification.Sample(0.5);
        int chosen = 0;
        for (long tag = 1; tag <= 10_000; tag++)
        {
            bool pick = half.Checks((ulong)(tag % 97) * 8, tag);
            Assert.Equal(pick, BlkVerification.Sample(0.5).Checks((ulong)(tag % 97) * 8, tag));
            if (pick) chosen++;
            // A larger fraction keeps every read a smaller one chose.
            if (pick) Assert.True(BlkVerification.Sample(0.7).Checks((ulong)(tag % 97) * 8, tag));
        }
        Assert.InRange(chosen, 5000 - 4.5 * 50, 5000 + 4.5 * 50);
        Assert.Same(BlkVerification.Full, BlkVerification.Sample(1));
        Assert.Same(BlkVerification.None, BlkVerification.Sample(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlkVerification.Sample(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlkVerification.Sample(double.NaN));
    }
}
