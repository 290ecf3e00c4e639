using System.Globalization;
using System.Net;
using System.Text;

namespace Sim.Tracing.Explaining;

/// <summary>
/// Writes an <see cref="ExplainedRun"/> as one self-contained HTML page (inline CSS and script, no network): a
/// timeline with one lane per actor and arrows for messages; Next / Previous / jump-to-time controls and keyboard
/// shortcuts; a memory panel showing each region as hex and decoded fields, highlighting what the current step changed;
/// running counters.
/// </summary>
/// <remarks>
/// <para>
/// The run is embedded as JSON (<see cref="ExplainPageData"/>) in <c>&lt;script type="application/json"
/// id="explain-data"&gt;</c>, the wire layouts it decodes with (<see cref="LayoutCatalog.ExportJson"/>: structures, flag
/// sets and the region kinds' names) in <c>id="explain-layouts"</c>; one inline script (<see cref="ExplainPageScript"/>)
/// draws everything from the two, and knows no offset, flag or kind name of its own. Addresses
/// and the seed are strings (<c>"0x1000"</c>, <c>"42"</c>) since they may exceed 2^53; times, costs, counters, region
/// lengths and offsets are JSON numbers (picoseconds for times and costs: exact up to 2^53 ps, about 9,000 s).
/// </para>
/// <para>
/// Elements a test can query: the controls <c>#prev</c>, <c>#next</c>, <c>#first</c>, <c>#last</c>, <c>#jump</c>
/// (a time in µs) and <c>#go</c>, the label <c>#step-label</c> ("step i of n, t = X µs") and <c>#step-link</c> (its
/// <c>#step=N</c> link; the page opens on the step its address names, else on the first step that writes guest
/// memory); the opening paragraph <c>#intro</c> (<see cref="ExplainRunIntro"/>); the timeline
/// <c>#timeline</c> with one <c>.mark</c> per step (<c>data-step</c>), time labels <c>.axis-label</c> and labels of long
/// quiet gaps <c>.gap-label</c>; the narration <c>#narration</c>
/// (<c>#n-time</c>, <c>#n-actor</c>, <c>#n-kind</c>, <c>#n-text</c>, <c>#n-cost</c>, <c>#n-source</c>, <c>#history</c>);
/// the counters <c>#counters</c> with a cell <c>[data-counter="name"]</c> each; the memory panel <c>#regions</c> with
/// one <c>[data-region="name"]</c> per region holding decoded cells <c>[data-field]</c> (with <c>data-entry</c> for
/// table and ring entries, see <see cref="ExplainPageScript"/>; an <c>iommu-requests</c> region also holds the
/// derived table <c>[data-view="iommu-mappings"]</c> of the mappings the guest asked for; a <c>window</c> region holds
/// no bytes but <c>[data-field="window-summary"]</c> and a slot map of <c>[data-field="window-slot"]</c> cells), cells
/// the current step changed having class <c>changed</c>; and <c>#changes</c>, the hex dump of the current step's writes
/// (each cut at 256 bytes).
/// </para>
/// </remarks>
public static class ExplainPage
{
    /// <summary>The page for <paramref name="run"/>; the same run gives the same bytes.</summary>
    public static string Write(ExplainedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        string json = ExplainPageData.Write(run);
        int steps = run.Steps?.Count ?? 0;

        var sb = new StringBuilder(32 * 1024 + json.Length);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Escape($"sim explain: {run.Device} ({run.Scenario})")).Append("</title>\n")
            .Append("<style>\n").Append(ExplainPageStyles.Css).Append("</style>\n</head>\n<body>\n");

        sb.Append("<header id=\"header\">\n<h1>").Append(Escape(run.Device)).Append(", step by step</h1>\n")
            .Append("<p class=\"subtitle\">scenario <strong id=\"scenario\">").Append(Escape(run.Scenario))
            .Append("</strong>, seed <strong id=\"seed\">").Append(run.Seed.ToString(CultureInfo.InvariantCulture))
            .Append("</strong>, device <strong id=\"device\">").Append(Escape(run.Device))
            .Append("</strong>, ").Append(steps.ToString(CultureInfo.InvariantCulture)).Append(steps == 1 ? " step" : " steps")
            .Append("</p>\n").Append(ExplainRunIntro.Html(run)).Append("</header>\n");

        sb.Append("<nav id=\"controls\" aria-label=\"Step controls\">\n")
            .Append("<button type=\"button\" id=\"first\" title=\"First step (Home)\">&#xAB; First</button>\n")
            .Append("<button type=\"button\" id=\"prev\" title=\"Previous step (ArrowLeft or p)\">&#x25C0; Previous</button>\n")
            .Append("<button type=\"button\" id=\"next\" title=\"Next step (ArrowRight or n)\">Next &#x25B6;</button>\n")
            .Append("<button type=\"button\" id=\"last\" title=\"Last step (End)\">Last &#xBB;</button>\n")
            .Append("<label for=\"jump\">time (µs)</label> <input id=\"jump\" type=\"number\" step=\"any\" min=\"0\" inputmode=\"decimal\" placeholder=\"e.g. 12.5\">\n")
            .Append("<button type=\"button\" id=\"go\" title=\"Go to the last step at or before this time\">Go</button>\n")
            .Append("<span id=\"step-label\" aria-live=\"polite\"></span> <a id=\"step-link\" href=\"#step=1\" title=\"A link to this step (the address bar shows it too)\">link</a>\n")
            .Append("<p class=\"keys\">Keys: <kbd>&#x2192;</kbd> or <kbd>n</kbd> next, <kbd>&#x2190;</kbd> or <kbd>p</kbd> previous, ")
            .Append("<kbd>Home</kbd> first, <kbd>End</kbd> last; <kbd>Enter</kbd> in the time box jumps to the last step at or before that time. ")
            .Append("Click a mark on the timeline to go to its step. A link ending in <code>#step=N</code> opens step N.</p>\n")
            .Append("</nav>\n");

        sb.Append("<section id=\"timeline-panel\">\n<h2>Timeline</h2>\n")
            .Append("<div id=\"timeline\"><svg id=\"timeline-svg\" role=\"img\" aria-label=\"Steps on one lane per actor\"></svg></div>\n")
            .Append("</section>\n");

        sb.Append("<div class=\"columns\">\n")
            .Append("<section id=\"narration\">\n<h2>Step</h2>\n<dl class=\"facts\">\n")
            .Append("<dt>time</dt><dd id=\"n-time\"></dd>\n<dt>actor</dt><dd id=\"n-actor\"></dd>\n")
            .Append("<dt>kind</dt><dd id=\"n-kind\"></dd>\n<dt>cost</dt><dd id=\"n-cost\"></dd>\n")
            .Append("<dt>source</dt><dd id=\"n-source\"></dd>\n</dl>\n")
            .Append("<p id=\"n-text\"></p>\n<h3>Before that</h3>\n<ol id=\"history\"></ol>\n</section>\n")
            .Append("<section id=\"counters-panel\">\n<h2>Counters</h2>\n<table id=\"counters\"><tbody></tbody></table>\n</section>\n")
            .Append("</div>\n");

        sb.Append("<section id=\"memory\">\n<h2>Memory</h2>\n")
            .Append("<p class=\"note\">Each region rebuilt from zeros by replaying the writes of every step up to the current one; ")
            .Append("what the current step wrote is <span class=\"changed\">highlighted</span>.</p>\n")
            .Append("<h3>Written by this step</h3>\n<div id=\"changes\"></div>\n")
            .Append("<div id=\"regions\"></div>\n</section>\n");

        sb.Append("<script type=\"application/json\" id=\"explain-data\">").Append(json).Append("</script>\n")
            .Append("<script type=\"application/json\" id=\"explain-layouts\">").Append(LayoutCatalog.ExportJson()).Append("</script>\n")
            .Append("<script>\n").Append(ExplainPageScript.Js).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary><paramref name="text"/> as HTML text (null as empty), for this page and its parts (<see cref="ExplainRunIntro"/>).</summary>
    internal static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}
