using MathNet.Numerics.Distributions;

using Sim.Scenarios.Model;

namespace Sim.Studies;

/// <summary>
/// The summary of one metric value over a point's replications: mean, sample standard deviation (n - 1), and the
/// Student-t confidence interval of the mean, <c>mean ± t(1 - (1 - level)/2, n - 1) · s / √n</c> (the t quantile from
/// MathNet.Numerics). Equal samples give exactly their value and a zero-width interval (no rounding noise). With one replication there is no interval: <see cref="HalfWidth"/> is NaN (written as null).
/// </summary>
/// <param name="Count">The number of replications, n.</param>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">The sample standard deviation; 0 for n = 1.</param>
/// <param name="HalfWidth">Half the interval's width; NaN for n = 1.</param>
public sealed record SampleSummary(int Count, double Mean, double StandardDeviation, double HalfWidth)
{
    /// <summary>The interval's lower end.</summary>
    public double Low => Mean - HalfWidth;

    /// <summary>The interval's upper end.</summary>
    public double High => Mean + HalfWidth;

    /// <summary>The half-width as a fraction of |mean|; NaN without an interval, infinity around a zero mean with spread.</summary>
    public double RelativeHalfWidth => double.IsNaN(HalfWidth) ? double.NaN
        : HalfWidth == 0 ? 0
        : Mean == 0 ? double.PositiveInfinity
        : HalfWidth / Math.Abs(Mean);

    /// <summary>The summary of <paramref name="samples"/> (in replication order) at confidence <paramref name="level"/>.</summary>
    public static SampleSummary Of(IReadOnlyList<double> samples, double level)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samples.Count);
        int n = samples.Count;
        double sum = 0;
        foreach (double x in samples) sum += x;
        double mean = sum / n;
        if (n == 1) return new SampleSummary(1, mean, 0, double.NaN);
        if (samples.All(x => x == samples[0])) return new SampleSummary(n, samples[0], 0, 0);
        double squares = 0;
        foreach (double x in samples) squares += (x - mean) * (x - mean);
        double sd = Math.Sqrt(squares / (n - 1));
        double t = StudentT.InvCDF(0, 1, n - 1, 1 - (1 - level) / 2);
        return new SampleSummary(n, mean, sd, t * sd / Math.Sqrt(n));
    }
}
