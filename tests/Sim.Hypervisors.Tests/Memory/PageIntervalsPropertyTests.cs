using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Tests.Memory;

/// <summary>
/// <see cref="PageIntervals"/> behaves like a dictionary of per-page reference counts (what the exposure metric kept
/// before issue 21) under random increments and decrements of random spans: the same count for every page, the same
/// number of pages above zero, and runs that stay sorted, disjoint and merged (never two adjacent runs of one count).
/// </summary>
public sealed class PageIntervalsPropertyTests
{
    private const int Pages = 64;

    private sealed record Step(bool Up, int First, int Length)
    {
        public override string ToString() => $"{(Up ? "+" : "-")}[{First}, {First + Length})";
    }

    private static readonly Gen<Step> Steps =
        from up in Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false)))
        from first in Gen.Choose(0, Pages - 1)
        from length in Gen.Frequency((4, Gen.Choose(0, 4)), (2, Gen.Choose(0, Pages)))
        select new Step(up, first, length);

    [Fact]
    public void Page_intervals_match_a_per_page_count_model()
    {
        var property = Prop.ForAll(Gen.ArrayOf(Steps).Select(a => a.Take(80).ToArray()).ToArbitrary(), steps =>
        {
            string? failure = Run(steps);
            return (failure is null).Label(failure ?? "");
        });
        Check.One(PropertyRuns.Config(400), property);
    }

    [Fact]
    public void A_full_mapping_of_four_gibibytes_is_one_run()
    {
        var intervals = new PageIntervals();
        intervals.Increment(0, 1UL << 20);
        intervals.Increment(100, 101);
        Assert.Equal(1L << 20, intervals.Count);
        Assert.Equal(3, intervals.RunCount);
        Assert.Equal(2, intervals.CountOf(100));
        intervals.Decrement(100, 101);
        Assert.Equal(1, intervals.RunCount);
        intervals.Decrement(0, 1UL << 20);
        Assert.Equal(0, intervals.Count);
        Assert.Equal(0, intervals.RunCount);
    }

    private static string? Run(Step[] steps)
    {
        var intervals = new PageIntervals();
        var model = new Dictionary<ulong, int>();
        for (int s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            ulong first = (ulong)step.First, end = first + (ulong)step.Length;
            for (ulong page = first; page < end; page++)
            {
                int count = model.GetValueOrDefault(page);
                if (step.Up) model[page] = count + 1;
                else if (count <= 1) model.Remove(page);
                else model[page] = count - 1;
            }
            if (step.Up) intervals.Increment(first, end);
            else intervals.Decrement(first, end);
            if (intervals.Count != model.Count) return $"after step {s} ({step}): {intervals.Count} pages, model {model.Count}";
            for (ulong page = 0; page < Pages + 2; page++)
            {
                if (intervals.CountOf(page) != model.GetValueOrDefault(page))
                    return $"after step {s} ({step}): page {page} counted {intervals.CountOf(page)}, model {model.GetValueOrDefault(page)}";
                if (intervals.Contains(page) != model.ContainsKey(page)) return $"after step {s} ({step}): page {page} membership differs";
            }
            if (intervals.RunCount > MergedRuns(model)) return $"after step {s} ({step}): {intervals.RunCount} runs, a merged map has {MergedRuns(model)}";
        }
        return null;
    }

    /// <summary>Runs of equal count in the model, the fewest a merged map can hold.</summary>
    private static int MergedRuns(Dictionary<ulong, int> model)
    {
        int runs = 0, previous = 0;
        for (ulong page = 0; page <= Pages * 2; page++)
        {
            int count = model.GetValueOrDefault(page);
            if (count != 0 && count != previous) runs++;
            previous = count;
        }
        return runs;
    }
}
