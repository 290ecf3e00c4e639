namespace Sim.Cli.Output;

/// <summary>Lines about a distributed study's cluster (a worker joined, was lost, its runs re-queued), on the error stream with a time stamp.</summary>
internal static class ClusterNotice
{
    /// <summary>Writes each notice to <paramref name="error"/> as <c>cluster HH:mm:ss.fff: text</c>; safe from any thread.</summary>
    public static Action<string> To(TextWriter error)
    {
        var gate = new object();
        return text =>
        {
            lock (gate) error.WriteLine($"cluster {DateTime.Now:HH:mm:ss.fff}: {text}");
        };
    }
}
