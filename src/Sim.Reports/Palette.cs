namespace Sim.Reports;

/// <summary>
/// Series colours: the Okabe–Ito palette, which stays distinguishable under the common colour-vision deficiencies,
/// ordered so the first few series get the strongest contrast on white (yellow last); it cycles after eight series.
/// </summary>
internal static class Palette
{
    private static readonly string[] Colours =
    [
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#000000", // black
        "#F0E442", // yellow
    ];

    /// <summary>How many colours there are before the palette repeats.</summary>
    public static int Count => Colours.Length;

    /// <summary>The colour of the series at <paramref name="index"/> (a "#RRGGBB" string).</summary>
    public static string Colour(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];
}
