using Sim.Hypervisors.Costs;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Yaml;

using Sim.Scenarios.Model;

namespace Sim.Studies.Validation;

/// <summary>
/// Reads a validation experiment (<c>validation/*.yaml</c>): a scenario file with one more top-level section,
/// <c>expect</c>, that names the publication and the figures to reproduce (docs/fidelity.md):
/// <code>
/// expect:
///   role: validation                 # or calibration: a cost was fitted to this experiment
///   fast: true                       # CI runs it
///   tolerance: 0.2                   # relative error allowed, for every figure unless it says otherwise
///   why: "how the published set-up maps onto the model, and why this tolerance"
///   source: { title: ..., authors: ..., where: "venue or list, date", url: ..., table: ..., conditions: ... }
///   figures:
///     - { name: "4 jobs", published: 744000, unit: IOPS, simulated: "iops('vm*/blk0')" }
///     - { name: "copy / mapped", published: 0.49, unit: ratio, ratio: true, tolerance: 0.15, simulated: "..." }
///   findings: [dma-map-refused]      # optional, as in a scenario's expect (ExpectSectionReader): findings the run may report
/// </code>
/// Every problem is a <see cref="ScenarioException"/> located in the file. A validation experiment whose costs name
/// it as what they were fitted to is refused: a constant fitted to an experiment cannot validate against it.
/// </summary>
public static class ExperimentLoader
{
    private static readonly string[] Roles = ["calibration", "validation"];

    /// <summary>
    /// Whether the file at <paramref name="path"/> is an experiment (it has an <c>expect</c> section); false for anything
    /// else, a file that does not read or parse included (its loader then says why).
    /// </summary>
    public static bool IsExperimentFile(string path)
    {
        try
        {
            NodeReader document = ScenarioLoader.Parse(ScenarioLoader.ReadText(path), path);
            return ExpectSectionReader.IsExperimentExpect(document);
        }
        catch (ScenarioException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the file at <paramref name="path"/> declares itself an experiment: its <c>expect</c> has a <c>role</c>.
    /// Stricter than <see cref="IsExperimentFile"/>, for <c>sim validate</c>, where a scenario with a stray experiment key
    /// must get the scenario's error ("belongs to a validation experiment"), not the experiment's.
    /// </summary>
    public static bool DeclaresRole(string path)
    {
        try
        {
            NodeReader document = ScenarioLoader.Parse(ScenarioLoader.ReadText(path), path);
            return document.IsMapping && document.AsMapping().Optional(ExpectSectionReader.Key) is { IsMapping: true } expect
                && expect.AsMapping().Optional("role") is not null;
        }
        catch (ScenarioException)
        {
            return false;
        }
    }

    /// <summary>Reads the experiment at <paramref name="path"/>.</summary>
    public static Experiment LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return LoadText(ScenarioLoader.ReadText(path), path);
    }

    /// <summary>
    /// Reads the experiment in <paramref name="yaml"/>, named <paramref name="fileName"/> in errors. An experiment is a
    /// scenario with an <c>expect</c> section, or refers to a shipped scenario: <c>name</c>, <c>scenario: PATH</c>
    /// (relative to the experiment's file), optional <c>seed</c>, <c>duration</c> and <c>warmup</c> that replace the
    /// scenario's, and <c>expect</c>.
    /// </summary>
    public static Experiment LoadText(string yaml, string fileName)
    {
        NodeReader document = ScenarioLoader.Parse(yaml, fileName);
        if (document.IsMapping && document.AsMapping().Optional("scenario") is not null) return LoadReferring(document.AsMapping(), fileName);
        Func<Sim.Scenarios.Model.ScenarioModel, Experiment>? build = null;
        var scenario = ScenarioLoader.Read(document, fileName, expect => build = ReadExpect(expect, fileName));
        return build!(scenario);
    }

    private static Experiment LoadReferring(MappingReader root, string fileName)
    {
        string name = ScenarioLoader.ReadName(root.Required("name"));
        NodeReader scenarioNode = root.Required("scenario");
        string path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? ".", scenarioNode.AsString());
        if (!File.Exists(path)) throw scenarioNode.Fail($"no scenario file '{scenarioNode.AsString()}' (looked for {path})");
        var scenario = ScenarioLoader.LoadFile(path) with { Name = name };
        if (root.Optional("seed") is { } seed) scenario = scenario with { Seed = seed.AsUInt64() };
        NodeReader? durationNode = root.Optional("duration"), warmupNode = root.Optional("warmup");
        if (durationNode is not null) scenario = scenario with { Duration = durationNode.AsTime() };
        if (warmupNode is not null) scenario = scenario with { Warmup = warmupNode.AsTime() };
        if (scenario.Warmup >= scenario.Duration)
        {
            // Blame what this file changed: its warm-up, else its duration (the scenario itself was checked when it loaded).
            throw (warmupNode ?? durationNode ?? scenarioNode).Fail($"the warm-up must be shorter than the duration (warm-up {scenario.Warmup}, duration {scenario.Duration})");
        }
        MappingReader expect = root.Required(ExpectSectionReader.Key).AsMapping();
        // The experiment's expected findings join those of the scenario it refers to.
        var findings = scenario.Expected.Union(ExpectSectionReader.ReadFindings(expect), StringComparer.Ordinal).ToList();
        scenario = scenario with { ExpectedFindings = findings.Count == 0 ? null : findings };
        var build = ReadExpect(expect, fileName);
        root.Done();
        return build(scenario);
    }

    private static Func<Sim.Scenarios.Model.ScenarioModel, Experiment> ReadExpect(MappingReader expect, string fileName)
    {
        NodeReader roleNode = expect.Required("role");
        string roleName = SharingReader.OneOf(roleNode, Roles, "an experiment role");
        var role = roleName == "calibration" ? ExperimentRole.Calibration : ExperimentRole.Validation;
        bool fast = expect.Optional("fast") is { } f && ReadBool(f);
        double tolerance = expect.Optional("tolerance") is { } t ? ReadTolerance(t) : 0.2;
        string why = expect.RequiredString("why");
        if (why.Trim().Length < 20) throw expect.FailAt("why", "'why' must say how the published set-up maps onto the model and why the tolerance (at least a sentence)");
        var source = ReadSource(expect.Mapping("source"));
        var figureNodes = expect.Sequence("figures");
        var figures = new List<ExpectedFigure>();
        foreach (MappingReader figure in figureNodes.Mappings()) figures.Add(ReadFigure(figure, tolerance));
        if (figures.Count == 0) throw figureNodes.Self.Unexpected("at least one figure");
        expect.Done();
        return scenario =>
        {
            var fittedTo = FittedExperiments(scenario);
            if (role == ExperimentRole.Validation && fittedTo.Contains(scenario.Name))
            {
                var entry = scenario.Transport!.Costs.Entries.First(e => e.Provenance.Kind == ProvenanceKind.Fitted && e.Provenance.FittedTo == scenario.Name);
                throw roleNode.Fail($"'{scenario.Name}' is a validation experiment, but cost '{entry.Name}' was fitted to it; a constant fitted to an experiment cannot validate against it (make it a calibration experiment)");
            }
            return new Experiment(scenario.Name, fileName, role, source, why.Trim(), fast, figures, scenario, fittedTo);
        };
    }

    private static IReadOnlyList<string> FittedExperiments(Sim.Scenarios.Model.ScenarioModel scenario) =>
        scenario.Transport?.Costs.Entries.Select(e => e.Provenance.FittedTo).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];

    private static ExperimentSource ReadSource(MappingReader source)
    {
        var read = new ExperimentSource(
            source.RequiredString("title"), source.RequiredString("authors"), source.RequiredString("where"),
            source.OptionalString("url"), source.RequiredString("table"), source.RequiredString("conditions"));
        source.Done();
        return read;
    }

    private static ExpectedFigure ReadFigure(MappingReader figure, double defaultTolerance)
    {
        string name = figure.RequiredString("name");
        NodeReader publishedNode = figure.Required("published");
        double published = publishedNode.AsDouble();
        if (!double.IsFinite(published) || published <= 0) throw publishedNode.Unexpected("a published figure > 0");
        string unit = figure.RequiredString("unit");
        NodeReader simulatedNode = figure.Required("simulated");
        FigureExpression simulated;
        try
        {
            simulated = FigureExpression.Parse(simulatedNode.AsString());
        }
        catch (FormatException error)
        {
            throw simulatedNode.Fail($"figure '{name}': {error.Message}");
        }
        double tolerance = figure.Optional("tolerance") is { } t ? ReadTolerance(t) : defaultTolerance;
        bool ratio = figure.Optional("ratio") is { } r && ReadBool(r);
        if (ratio && published == 1) throw publishedNode.Fail($"figure '{name}': a ratio of exactly 1 has no direction; give the published ratio");
        figure.Done();
        return new ExpectedFigure(name, published, unit, simulated, tolerance, ratio);
    }

    private static double ReadTolerance(NodeReader node)
    {
        double value = node.AsDouble();
        if (!(value > 0 && value <= 1)) throw node.Unexpected("a relative tolerance in (0, 1], e.g. 0.2 for 20%");
        return value;
    }

    private static bool ReadBool(NodeReader node) => node.AsString() switch
    {
        "true" => true,
        "false" => false,
        _ => throw node.Unexpected("true or false"),
    };
}
