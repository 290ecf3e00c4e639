using FsCheck;
using FsCheck.Fluent;

namespace Sim.Testing.Sharing;

/// <summary>
/// What every policy workload (grants, IOMMU, window) shares: the mix of steps (submits most often, serves and
/// completes of one of the first four requests in flight about as often, and rarer steps such as a reset) and the
/// shrinking of a step that picks a request (towards the oldest one in flight).
/// </summary>
internal static class PolicyWorkload
{
    /// <summary>Submits weigh 4, serves and completes 3 each (picks 0 to 3), every rare step 1.</summary>
    public static Gen<T> Mix<T>(Gen<T> submit, Func<int, T> serve, Func<int, T> complete, params T[] rare) =>
        Gen.Frequency(new (int, Gen<T>)[] { (4, submit), (3, Gen.Choose(0, 3).Select(serve)), (3, Gen.Choose(0, 3).Select(complete)) }
            .Concat(rare.Select(step => (1, Gen.Constant(step)))));

    /// <summary>The same step picking each earlier request, the oldest first.</summary>
    public static IEnumerable<T> LowerPicks<T>(int pick, Func<int, T> withPick)
    {
        for (int lower = 0; lower < pick; lower++) yield return withPick(lower);
    }

    /// <summary>
    /// The request a serve (<paramref name="served"/> false) or complete (true) step picks: its <paramref name="pick"/>-th
    /// in-flight request in that state, wrapping around; null when there is none.
    /// </summary>
    public static T? Pick<T>(List<T> inFlight, Func<T, bool> isServed, bool served, int pick) where T : class
    {
        var candidates = inFlight.Where(r => isServed(r) == served).ToList();
        return candidates.Count == 0 ? null : candidates[pick % candidates.Count];
    }
}
