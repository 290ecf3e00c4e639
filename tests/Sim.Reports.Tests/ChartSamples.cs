using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Sim.Reports.Tests;

/// <summary>Charts used by several tests, and helpers to read the SVG the writer produces.</summary>
internal static partial class ChartSamples
{
    public static Chart Single(ChartSeries series, Axis? x = null, Axis? y = null) =>
        new("c1", "A chart", x ?? new Axis("x"), y ?? new Axis("y"), [series]);

    public static ChartSeries Series(string name, SeriesShape shape, params (double X, double Y)[] points) =>
        new(name, points.Select(p => new ChartPoint(p.X, p.Y)).ToArray(), shape);

    /// <summary>The chart's SVG parsed as XML (the writer's output is well-formed XML without a namespace).</summary>
    public static XElement Svg(Chart chart, int width = 720, int height = 400) => XElement.Parse(SvgChart.Write(chart, width, height));

    public static IEnumerable<XElement> WithClass(this XElement root, string name, string cssClass) =>
        root.Descendants(name).Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    public static int IntAttr(this XElement e, string name) => int.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    public static double DoubleAttr(this XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    /// <summary>Every (x, y) vertex a path's d attribute visits, following M, L, H, V and Z.</summary>
    public static List<(double X, double Y)> Vertices(string d)
    {
        var result = new List<(double X, double Y)>();
        var tokens = d.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double x = 0, y = 0;
        for (int i = 0; i < tokens.Length;)
        {
            string command = tokens[i++];
            switch (command)
            {
                case "M" or "L":
                    x = Parse(tokens[i++]); y = Parse(tokens[i++]); break;
                case "H": x = Parse(tokens[i++]); break;
                case "V": y = Parse(tokens[i++]); break;
                case "Z": continue;
                default: throw new FormatException($"unexpected path token '{command}' in '{d}'");
            }
            result.Add((x, y));
        }
        return result;
    }

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static int Count(string text, string fragment) => Regex.Matches(text, Regex.Escape(fragment)).Count;
}
