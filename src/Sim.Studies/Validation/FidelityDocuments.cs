using System.Globalization;
using Sim.Reports;
using Sim.Worlds.Results;

using Sim.Scenarios.Model;

namespace Sim.Studies.Validation;

/// <summary>
/// A fidelity report as plain documents: canonical JSON (<c>sim fidelity --json</c>) and a self-contained HTML page
/// (<c>sim fidelity --html</c>) with the same table, the verdict, and each experiment's publication and reasoning.
/// </summary>
public static class FidelityDocuments
{
    /// <summary>The canonical JSON text of <paramref name="report"/> for the experiments <paramref name="suite"/>.</summary>
    public static string Json(FidelityReport report, IReadOnlyList<Experiment> suite)
    {
        var experiments = suite.Where(e => report.Experiments.Contains(e.Name)).Select(e => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = e.Name,
            ["file"] = Path.GetFileName(e.File),
            ["role"] = RoleName(e.Role),
            ["fast"] = e.Fast,
            ["why"] = e.Why,
            ["fittedTo"] = e.FittedTo.Cast<object?>().ToList(),
            ["source"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["title"] = e.Source.Title,
                ["authors"] = e.Source.Authors,
                ["where"] = e.Source.Where,
                ["url"] = e.Source.Url,
                ["table"] = e.Source.Table,
                ["conditions"] = e.Source.Conditions,
            },
            ["figures"] = report.Rows.Where(r => r.Experiment == e.Name).Select(r => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = r.Figure,
                ["unit"] = r.Unit,
                ["published"] = r.Published,
                ["simulated"] = r.Simulated,
                ["error"] = r.Error,
                ["tolerance"] = r.Tolerance,
                ["ratio"] = r.IsRatio,
                ["withinTolerance"] = r.WithinTolerance,
                ["directionAgrees"] = r.DirectionAgrees,
                ["passes"] = r.Passes,
                ["problem"] = r.Problem,
            }).ToList(),
        }).ToList();
        return CanonicalJsonWriter.Write(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["format"] = "virtiosim-fidelity/1",
            ["holds"] = report.Holds,
            ["validationMedianAbsoluteError"] = report.ValidationMedianError,
            ["medianLimit"] = FidelityReport.MedianLimit,
            ["experiments"] = experiments,
        });
    }

    /// <summary>The HTML page of <paramref name="report"/> for the experiments <paramref name="suite"/>.</summary>
    public static string Html(FidelityReport report, IReadOnlyList<Experiment> suite)
    {
        var shown = suite.Where(e => report.Experiments.Contains(e.Name)).ToList();
        string verdict = Verdict(report);
        var rows = report.Rows.Select(r => (IReadOnlyList<string>)[
            r.Experiment, RoleName(r.Role), r.Figure, $"{Number(r.Published)} {r.Unit}", $"{Number(r.Simulated)} {r.Unit}",
            Percent(r.Error), $"±{Magnitude(r.Tolerance)}", r.Passes ? "yes" : "NO" + (r.Problem is null ? "" : $" ({r.Problem})")]).ToList();
        var table = new TableBlock("Published figures against the model (error = (simulated - published) / published)",
            ["experiment", "role", "figure", "published", "simulated", "error", "tolerance", "passes"], rows, NumericFrom: 3);
        var sections = new List<ReportSection>
        {
            new("Verdict", [report.Holds ? new TextBlock(verdict) : new WarningBlock(verdict)]),
            new("Figures", [table]),
        };
        foreach (var e in shown)
        {
            var blocks = new List<ReportBlock>
            {
                new TextBlock($"{RoleName(e.Role)}: {e.Source.Authors}, \"{e.Source.Title}\", {e.Source.Where}; {e.Source.Table}."
                    + (e.Source.Url is null ? "" : $" {e.Source.Url}")),
                new TextBlock($"Published conditions: {e.Source.Conditions}"),
                new TextBlock($"How the model reproduces it: {e.Why}"),
            };
            if (e.FittedTo.Count > 0) blocks.Add(new TextBlock($"Costs fitted to calibration experiments: {string.Join(", ", e.FittedTo)}."));
            sections.Add(new ReportSection(e.Name, blocks));
        }
        return HtmlReport.Write(new ReportDocument("VirtioSim fidelity", $"{shown.Count} experiment(s), {report.Rows.Count} figure(s)", sections));
    }

    /// <summary>The verdict in one sentence.</summary>
    public static string Verdict(FidelityReport report)
    {
        int failed = report.Rows.Count(r => !r.Passes);
        string median = double.IsNaN(report.ValidationMedianError) ? "no validation figure" : $"median absolute error of the validation figures {Magnitude(report.ValidationMedianError)} (limit {Magnitude(FidelityReport.MedianLimit)})";
        return report.Holds
            ? $"holds: every figure within its tolerance and direction; {median}"
            : $"does not hold: {failed} figure(s) outside their tolerance or direction; {median}";
    }

    /// <summary>The role as files spell it.</summary>
    public static string RoleName(ExperimentRole role) => role == ExperimentRole.Calibration ? "calibration" : "validation";

    /// <summary>A value in invariant culture, grouped, never in exponent form: whole above 1,000, else four significant digits.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) return "n/a";
        if (value == 0) return "0";
        // 1,500,000 and 2.986 and 0.0123.
        int digits = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        int decimals = Math.Clamp(4 - digits, 0, 12);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        string text = rounded.ToString("N" + decimals, CultureInfo.InvariantCulture);
        return decimals > 0 ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    /// <summary>A relative error as a signed percentage.</summary>
    public static string Percent(double value) => double.IsFinite(value) ? (value * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>A non-negative fraction as a percentage without a sign: a tolerance, an absolute error.</summary>
    public static string Magnitude(double value) => double.IsFinite(value) ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
}
