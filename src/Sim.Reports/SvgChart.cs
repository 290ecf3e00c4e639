namespace Sim.Reports;

/// <summary>Draws a <see cref="Chart"/> as an inline SVG element.</summary>
public static class SvgChart
{
    /// <summary>The SVG element for <paramref name="chart"/>, <paramref name="width"/> by <paramref name="height"/> pixels.</summary>
    public static string Write(Chart chart, int width = 720, int height = 400) => throw new NotImplementedException();
}
