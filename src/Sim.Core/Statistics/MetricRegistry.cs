using Sim.Core.Time;

namespace Sim.Core.Statistics;

/// <summary>
/// The metrics of one logical process, by path. Every metric a component creates is registered here once, reset here
/// at the end of the warm-up period, and summarized here at the end of the run, in ordinal path order so that the
/// results of a run are the same byte for byte whatever order the components registered in.
/// Not thread safe: a registry belongs to one logical process, and only that process's thread touches it.
/// </summary>
public sealed class MetricRegistry
{
    private readonly Dictionary<string, Metric> _byPath = new(StringComparer.Ordinal);

    /// <summary>The number of metrics registered.</summary>
    public int Count => _byPath.Count;

    /// <summary>Registers <paramref name="metric"/> under its path and hands it back, for <c>_x = registry.Register(new Counter("a/b"))</c>.</summary>
    /// <exception cref="InvalidOperationException">Another metric is already registered at the same path.</exception>
    public T Register<T>(T metric) where T : Metric
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (!_byPath.TryAdd(metric.Path, metric))
        {
            var existing = _byPath[metric.Path];
            throw new InvalidOperationException(
                $"a metric is already registered at path '{metric.Path}' (a {existing.Kind}); cannot register a {metric.Kind} there too");
        }
        return metric;
    }

    /// <summary>The metric registered at <paramref name="path"/>, or null if there is none.</summary>
    public Metric? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _byPath.GetValueOrDefault(path);
    }

    /// <summary>Every registered metric of type <typeparamref name="T"/>, sorted by path with <see cref="StringComparer.Ordinal"/>.</summary>
    public IReadOnlyList<T> All<T>() where T : Metric =>
        _byPath.Values.OfType<T>().OrderBy(metric => metric.Path, StringComparer.Ordinal).ToList();

    /// <summary>Resets every metric at <paramref name="now"/> (the end of the warm-up period).</summary>
    public void ResetAll(SimTime now)
    {
        foreach (var metric in _byPath.Values) metric.Reset(now);
    }

    /// <summary>Every metric's summary as of <paramref name="now"/>, sorted by path with <see cref="StringComparer.Ordinal"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, MetricSummary>> SummarizeAll(SimTime now)
    {
        var paths = new string[_byPath.Count];
        _byPath.Keys.CopyTo(paths, 0);
        Array.Sort(paths, StringComparer.Ordinal);
        var summaries = new KeyValuePair<string, MetricSummary>[paths.Length];
        for (int i = 0; i < paths.Length; i++) summaries[i] = KeyValuePair.Create(paths[i], _byPath[paths[i]].Summarize(now));
        return summaries;
    }
}
