using System.Globalization;
using System.Text;

namespace Sim.Tracing.Explaining;

/// <summary>
/// The explain page's opening paragraph: how long the run told lasts, when the first notification reaches the other
/// side (the first kick, else the first message) and what the notifier's CPU was busy with until then (its largest cost-ledger charges), so that a reader who
/// sees the first kick arrive hundreds of microseconds in knows it is the device's initialisation (virtio 1.2, 3.1.1:
/// register accesses that trap) and not the request. Steps are linked as <c>#step=N</c> (from 1), as the page's
/// script reads them.
/// </summary>
internal static class ExplainRunIntro
{
    /// <summary>How many of the largest charges the paragraph names.</summary>
    private const int Largest = 3;

    /// <summary>The paragraph as HTML (<c>&lt;p id="intro"&gt;</c>); empty for a run with no steps.</summary>
    public static string Html(ExplainedRun run)
    {
        var steps = run.Steps ?? [];
        if (steps.Count == 0) return "";
        var sb = new StringBuilder("<p id=\"intro\">");
        sb.Append(Count(steps.Count, "step")).Append(" from ").Append(Micro(steps[0].Time)).Append(" to ")
            .Append(Micro(steps[^1].Time)).Append('.');

        // The first kick that reaches the other side; without one, the first message that does (an interrupt, a stop).
        bool Arrives(ExplainStep s) => s.Target is not null && s.Target != s.Actor;
        int arrival = -1;
        for (int i = 0; i < steps.Count && arrival < 0; i++)
            if (Arrives(steps[i]) && steps[i].Kind == "kick") arrival = i;
        for (int i = 0; i < steps.Count && arrival < 0; i++)
            if (Arrives(steps[i])) arrival = i;
        if (arrival < 0) return sb.Append("</p>\n").ToString();

        ExplainStep first = steps[arrival];
        sb.Append(" The first ").Append(ExplainPage.Escape(first.Kind)).Append(" reaches ").Append(ExplainPage.Escape(first.Target)).Append(" at ")
            .Append(Micro(first.Time)).Append(" (").Append(StepLink(arrival)).Append(')');
        var busy = steps.Take(arrival + 1)
            .SelectMany(s => s.Charges ?? [])
            .Where(c => c.Side == "driver")
            .GroupBy(c => c.Entry, StringComparer.Ordinal)
            .Select(g => (Entry: g.Key, Count: g.Sum(c => c.Count), Time: g.Sum(c => c.Cost)))
            .Where(e => e.Time > 0)
            .OrderByDescending(e => e.Time).ThenBy(e => e.Entry, StringComparer.Ordinal)
            .ToList();
        if (busy.Count == 0) return sb.Append(".</p>\n").ToString();
        long total = busy.Sum(e => e.Time);
        sb.Append(": until then the driver's side was charged ").Append(Micro(total)).Append(", mostly ");
        sb.AppendJoin(", ", busy.Take(Largest).Select(e =>
            $"<code>{ExplainPage.Escape(e.Entry)}</code> &times; {e.Count.ToString("N0", CultureInfo.InvariantCulture)} ({Micro(e.Time)})"));
        sb.Append(". Charges made while the driver initialises the device (register accesses, virtio 1.2, 3.1.1) are " +
            "priced with its first notification; that step's cost lists them all.</p>\n");
        return sb.ToString();
    }

    private static string StepLink(int index) =>
        $"<a href=\"#step={index + 1}\" data-step-link=\"{index}\">step {index + 1}</a>";

    private static string Count(int n, string noun) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>Picoseconds as microseconds with three decimals (<see cref="RingWords.Micros"/>, as the page's script writes times).</summary>
    private static string Micro(long ps) => RingWords.Micros(ps) + "&#xA0;µs";

}
