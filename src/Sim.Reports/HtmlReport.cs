namespace Sim.Reports;

/// <summary>Writes a <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS and SVG, no network.</summary>
public static class HtmlReport
{
    /// <summary>The page for <paramref name="report"/>; the same report gives the same bytes.</summary>
    public static string Write(ReportDocument report) => throw new NotImplementedException();
}
