using System.Globalization;
using Sim.Scenarios.Profiles;
using Spectre.Console;

namespace Sim.Cli.Output;

/// <summary>
/// <c>sim costs</c> as text. The profile (name, CPU frequency, default transport, description); then its entries grouped
/// by provenance kind in the order source, derived, fitted, estimate, each group under a rule with its count, each entry
/// as its name and value followed by a labelled list (range and distribution, the citation, formula or reasoning, the
/// values a formula names, the note); then one line of counts. Every line fits the console's width: texts wrap under
/// their label, never truncated and never squeezed into a table column.
/// </summary>
internal static class CostsListing
{
    /// <summary>The width when the output is a file, a pipe or a test: prose reads best wrapped for 80 columns.</summary>
    public const int RedirectedWidth = 80;

    /// <summary>The order of the groups.</summary>
    public static IReadOnlyList<string> KindOrder => CostProfileView.KindOrder;

    private const int EntryIndent = 2;
    private const int DetailIndent = 4;
    private const int LabelWidth = 9; // "formula: "
    private const int NarrowestText = 24; // below this, a label gets its own line and the text the whole width

    private static readonly Style NameStyle = new(decoration: Decoration.Bold);
    private static readonly Style LabelStyle = new(Color.Grey);
    private static readonly Style PlainStyle = Style.Plain;

    /// <summary>
    /// A console on <paramref name="output"/>: the terminal's width on a terminal, <see cref="RedirectedWidth"/>
    /// otherwise (the other commands' 160 columns suit tables, not prose).
    /// </summary>
    public static IAnsiConsole ConsoleFor(TextWriter output)
    {
        var console = OutputConsole.For(output);
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        if (!terminal) console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>Writes <paramref name="profile"/>, only the group <paramref name="only"/> when given, at the console's width.</summary>
    public static void Write(IAnsiConsole console, CostProfileView profile, string? only)
    {
        int width = console.Profile.Width;
        WriteProfile(console, profile, width);
        foreach (var kind in KindOrder.Where(k => only is null || only == k))
        {
            var entries = profile.Entries.Where(e => e.Kind == kind).ToList();
            console.WriteLine();
            console.Write(new Rule($"[bold]{Markup.Escape(Heading(kind, entries.Count, width))}[/]")
            {
                Justification = Justify.Left,
                Style = LabelStyle,
            });
            if (entries.Count == 0) Line(console, EntryIndent, "(none)", LabelStyle);
            foreach (var entry in entries) WriteEntry(console, profile, entry, width);
        }
        console.WriteLine();
        Wrapped(console, 0, 0, Summary(profile), width, PlainStyle);
    }

    /// <summary>The group's heading: its kind, count and what it means; the meaning is left out where it would not fit.</summary>
    public static string Heading(string kind, int count, int width)
    {
        string heading = $"{kind} ({count})";
        string meaning = kind switch
        {
            "source" => "measured figures",
            "derived" => "formulas over other entries",
            "fitted" => "fitted to calibration experiments",
            _ => "reasoned values with a range",
        };
        string full = $"{heading}: {meaning}";
        return full.Length + 8 <= width ? full : heading;
    }

    /// <summary>The closing line: entries per kind over the whole profile, and the share of estimates.</summary>
    public static string Summary(CostProfileView profile)
    {
        var entries = profile.Entries;
        string counts = string.Join(", ", KindOrder.Select(k => $"{entries.Count(e => e.Kind == k)} {k}"));
        int estimates = entries.Count(e => e.Kind == "estimate");
        string share = entries.Count == 0 ? "0" : Math.Round(100.0 * estimates / entries.Count).ToString(CultureInfo.InvariantCulture);
        return $"in all: {entries.Count} entries: {counts} ({share}% estimates)";
    }

    private static void WriteProfile(IAnsiConsole console, CostProfileView profile, int width)
    {
        string frequency = profile.CpuHertz is { } hertz ? $"CPU frequency {CostValueText.Frequency(hertz)}" : "no CPU frequency";
        string transport = profile.DefaultTransport is { } t ? $"default transport {t}" : "no default transport";
        Wrapped(console, 0, EntryIndent, $"{profile.Name} ({frequency}, {transport})", width, NameStyle);
        if (profile.Description.Length > 0) Wrapped(console, EntryIndent, EntryIndent, profile.Description, width, PlainStyle);
    }

    private static void WriteEntry(IAnsiConsole console, CostProfileView profile, CostEntryView entry, int width)
    {
        Wrapped(console, EntryIndent, DetailIndent, $"{entry.Name} = {CostValueText.Value(entry, profile.CpuHertz)}", width, NameStyle);
        if (entry.Range is { } range) Labelled(console, "range", CostValueText.Range(entry, range, profile.CpuHertz), width);
        string label = entry.Kind switch
        {
            "source" => "source",
            "derived" => "formula",
            "fitted" => "fitted",
            _ => "reason",
        };
        Labelled(console, label, entry.Text, width);
        if (entry.Formula is { } formula && !IsBareReference(formula, entry.FormulaReferences))
        {
            var terms = entry.FormulaReferences
                .Where(profile.Has)
                .Select(name => $"{name} = {CostValueText.Value(profile[name], profile.CpuHertz)}".Replace(' ', WrappedText.Glue))
                .ToList();
            if (terms.Count > 0) Labelled(console, "where", terms, width);
        }
        if (entry.Note is { Length: > 0 } note) Labelled(console, "note", note, width);
    }

    /// <summary>Whether the formula only names another entry (its value is then the other's, already shown).</summary>
    private static bool IsBareReference(string formula, IReadOnlyList<string> references) =>
        references.Count == 1 && formula.Trim() == references[0];

    private static void Labelled(IAnsiConsole console, string label, string text, int width) => Labelled(console, label, [text], width);

    /// <summary>
    /// <c>    label:   text</c>, each of <paramref name="texts"/> starting a line and wrapped under itself; on lines below
    /// the label when the width is too narrow for a label column.
    /// </summary>
    private static void Labelled(IAnsiConsole console, string label, IReadOnlyList<string> texts, int width)
    {
        int column = DetailIndent + LabelWidth;
        if (width - column < NarrowestText)
        {
            Line(console, DetailIndent, label + ":", LabelStyle);
            foreach (string text in texts) Wrapped(console, DetailIndent, DetailIndent, text, width, PlainStyle);
            return;
        }
        bool first = true;
        foreach (string line in texts.SelectMany(text => WrappedText.Lines(text, width - column)))
        {
            console.Write(new Text(new string(' ', DetailIndent)));
            console.Write(new Text(first ? (label + ":").PadRight(LabelWidth) : new string(' ', LabelWidth), LabelStyle));
            console.Write(new Text(line, PlainStyle));
            console.WriteLine();
            first = false;
        }
    }

    /// <summary><paramref name="text"/> wrapped to the width: the first line at <paramref name="first"/>, the others at <paramref name="rest"/>.</summary>
    private static void Wrapped(IAnsiConsole console, int first, int rest, string text, int width, Style style)
    {
        int indent = Math.Max(first, rest);
        var lines = WrappedText.Lines(text, width - indent);
        for (int i = 0; i < lines.Count; i++) Line(console, i == 0 ? first : rest, lines[i], style);
    }

    private static void Line(IAnsiConsole console, int indent, string text, Style style)
    {
        if (indent > 0) console.Write(new Text(new string(' ', indent)));
        if (text.Length > 0) console.Write(new Text(text, style));
        console.WriteLine();
    }
}
