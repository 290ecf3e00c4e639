namespace Sim.Reports;

/// <summary>
/// Finds series that would hide each other: two series coincide when they have the same number of points and every
/// point has the same X, Y, Low and High (NaN equal to NaN), with at least one point. Four policies with the same
/// deadline misses at every point are then one visible line unless they are drawn (and named) as such.
/// </summary>
internal static class Coincidence
{
    /// <summary>The groups of two or more coinciding series, as indices in series order, groups by their first index.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Groups(IReadOnlyList<ChartSeries> series)
    {
        var groups = new List<IReadOnlyList<int>>();
        var taken = new bool[series.Count];
        for (int i = 0; i < series.Count; i++)
        {
            if (taken[i] || series[i].Points is not { Count: > 0 } points) continue;
            var group = new List<int> { i };
            for (int j = i + 1; j < series.Count; j++)
            {
                if (!taken[j] && Same(points, series[j].Points))
                {
                    group.Add(j);
                    taken[j] = true;
                }
            }
            if (group.Count > 1) groups.Add(group);
        }
        return groups;
    }

    private static bool Same(IReadOnlyList<ChartPoint> a, IReadOnlyList<ChartPoint>? b)
    {
        if (b is null || a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            var p = a[i];
            var q = b[i];
            if (p is null || q is null)
            {
                if (p is null && q is null) continue;
                return false;
            }
            if (!p.X.Equals(q.X) || !p.Y.Equals(q.Y) || !Nullable.Equals(p.Low, q.Low) || !Nullable.Equals(p.High, q.High)) return false;
        }
        return true;
    }
}
