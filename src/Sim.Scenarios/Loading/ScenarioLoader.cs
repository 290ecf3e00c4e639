using Sim.Core.Time;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a scenario file into a validated <see cref="ScenarioModel"/>. Any bad input (unreadable file, YAML syntax,
/// unknown or missing key, wrong type, value out of range, duplicate or undefined name) ends in a
/// <see cref="ScenarioException"/> naming the file, line and column; no other exception escapes for bad input.
/// <code>
/// name: quickstart          # required; letters, digits, '.', '_', '-' (it names the output directory)
/// description: M/M/1 queue  # optional
/// seed: 42                  # required; unsigned 64-bit integer
/// duration: 2s              # required; a time &gt; 0
/// warmup: 100ms             # optional, default 0s; 0 &lt;= warmup &lt; duration
/// maxEvents: 5000000        # optional; positive event budget (the run stops early, partial)
/// queueing: { ... }         # an entity section; at least one is required (see QueueingSectionReader)
/// guests: [ ... ]           # virtio guests and devices (see TransportSectionReader)
/// interconnect: { ... }     # bus, aggregator, voting VMs, variants (see InterconnectSectionReader); needs guests
/// host: { ... }             # host cores shared by the guests' threads and background load (see HostSectionReader)
/// replications: 10          # optional: a study (see StudyDeclaration); `sim run` runs the values as written, once
/// sweep: { ... }            # optional: values to vary, point by point (see StudyDeclaration, StudyLoader)
/// expect:                   # optional: findings the scenario exists to show (see ExpectSectionReader)
///   findings: [gpu-scanout-deadline-miss]
/// </code>
/// </summary>
public static class ScenarioLoader
{
    /// <summary>The entity sections a scenario may have; at least one is required.</summary>
    private static readonly IReadOnlyList<string> EntitySections = [QueueingSectionReader.Key, TransportSectionReader.Key, InterconnectSectionReader.Key];

    /// <summary>
    /// The keys of a scenario's top level, the source of the schema's root (<see cref="ScenarioSchema"/>): this reader's
    /// own, then the sections' and the study's. <c>costs</c> and <c>costOverrides</c> are read only with <c>guests</c>.
    /// </summary>
    internal static MappingShape Shape => new("the top level",
    [
        KeyShape.Must("name", new TextShape(NamePattern), "The scenario's name: letters, digits, '.', '_' and '-' (it names the output directory)."),
        KeyShape.May("description", new TextShape(), "What the scenario shows."),
        KeyShape.Must("seed", new IntegerShape(0, ulong.MaxValue), "The random seed: an unsigned 64-bit integer."),
        KeyShape.Must("duration", new QuantityShape(QuantityPattern.Time), "Simulated time to run (> 0), e.g. 2s."),
        KeyShape.May("warmup", new QuantityShape(QuantityPattern.Time), "Time at the start left out of the statistics (default 0s; shorter than duration)."),
        KeyShape.May("maxEvents", new IntegerShape(1), "An event budget: the run stops early, marked partial, after this many events."),
        KeyShape.May("headline", new ListShape(new TextShape(HeadlinePattern), MinItems: 1, Unique: true),
            "The figures the scenario is about, shown first in its summary: metric path '.' value, e.g. kvm/blk0/driver/latency.p99."),
        KeyShape.May(QueueingSectionReader.Key, QueueingSectionReader.Shape, "A queueing network: sources, servers and sinks."),
        KeyShape.May(TransportSectionReader.Key, new ListShape(TransportSectionReader.GuestShape, MinItems: 1), "Virtio guests and their devices."),
        .. CostProfileSectionReader.RootKeys,
        KeyShape.May(InterconnectSectionReader.Key, InterconnectSectionReader.Shape, "The interconnect: bus, aggregator, voting VMs and variants; needs guests."),
        KeyShape.May(HostSectionReader.Key, HostSectionReader.Shape, "The host's cores the guests' threads share with background load; needs guests."),
        .. StudyDeclarationReader.RootKeys,
        KeyShape.May(ClaimsSectionReader.Key, ClaimsSectionReader.Shape,
            "The scenario's conclusions as named assertions over its metrics, checked by every run and study: NAME: LEFT OP RIGHT [within N%] [where PARAMETER OP VALUE and ...]."),
        KeyShape.May(ExpectSectionReader.Key, ExpectSectionReader.Shape, "Findings the scenario exists to show: the run exits 0 when only these occur."),
    ])
    {
        AtLeastOne = [[QueueingSectionReader.Key, TransportSectionReader.Key]],
    };

    /// <summary>A scenario name, as <see cref="ReadName"/> checks it: [A-Za-z0-9._-]+, not only dots.</summary>
    internal const string NamePattern = "^[A-Za-z0-9._-]*[A-Za-z0-9_-][A-Za-z0-9._-]*$";

    /// <summary>A headline value, as <see cref="ReadHeadline"/> checks it: a path with a '/', then '.' and a value name.</summary>
    internal const string HeadlinePattern = "^.*/[^/]*\\.[^/.]+$";

    /// <summary>Reads and validates the scenario file at <paramref name="path"/>; errors name the file as given.</summary>
    public static ScenarioModel LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return LoadText(ReadText(path), path);
    }

    /// <summary>The text of the file at <paramref name="path"/>; a missing or unreadable file is a located error.</summary>
    internal static string ReadText(string path)
    {
        // Named by the file alone (path: problem), not file:0:0: there is no line to point at.
        if (Directory.Exists(path)) throw ScenarioException.OfFile(path, "is a directory; expected the path of a scenario file (YAML)");
        if (!File.Exists(path))
        {
            string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
            string where = parent is not null && !Directory.Exists(parent) ? $" (no directory {parent})" : "";
            throw ScenarioException.OfFile(path, $"no such file{where}; expected the path of a scenario file (YAML)");
        }
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string why = e is UnauthorizedAccessException ? "permission denied" : e.Message;
            throw ScenarioException.OfFile(path, $"cannot be read ({why}); expected a readable scenario file (YAML)", e);
        }
    }

    /// <summary>Reads and validates the scenario in <paramref name="yaml"/>, named <paramref name="fileName"/> in errors.</summary>
    public static ScenarioModel LoadText(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        return Read(Parse(yaml, fileName), fileName);
    }

    /// <summary>The root of the document in <paramref name="yaml"/>; an empty file is an error.</summary>
    internal static NodeReader Parse(string yaml, string fileName) =>
        YamlSource.Parse(yaml, fileName)
            ?? throw new ScenarioException(fileName, 1, 1,
                "the file is empty; expected a scenario: a mapping with at least name, seed, duration and " +
                $"an entity section ({string.Join(", ", EntitySections)})");

    /// <summary>
    /// Reads and validates the scenario whose parsed root is <paramref name="document"/>, with its <c>expect</c> section
    /// (<see cref="ExpectSectionReader"/>). <paramref name="readExperiment"/>, when given, makes the document a validation
    /// experiment: its <c>expect</c> is required, and the callback reads the experiment's keys of it (and ends it)
    /// after the expected findings are read; without it, <c>expect</c> may hold findings only.
    /// </summary>
    internal static ScenarioModel Read(NodeReader document, string fileName, Action<MappingReader>? readExperiment = null, ScenarioFiles? files = null)
    {
        if (!document.IsMapping) throw document.Unexpected("a scenario: a mapping of keys such as name, seed, duration");
        MappingReader root = document.AsMapping().Declare(Shape);

        string name = ReadName(root.Required("name"));
        string? description = root.OptionalString("description");
        ulong seed = root.RequiredUInt64("seed");
        SimTime duration = root.Required("duration").AsPositiveTime();
        NodeReader? warmupNode = root.Optional("warmup");
        SimTime warmup = warmupNode?.AsNonNegativeTime() ?? SimTime.Zero;
        if (warmup >= duration) throw warmupNode!.Unexpected($"a time shorter than duration ({duration})");
        long? maxEvents = root.OptionalInt64("maxEvents", min: 1);
        IReadOnlyList<string>? headline = root.OptionalSequence("headline") is { } headlineNode ? ReadHeadline(headlineNode) : null;
        MappingReader? queueingSection = root.OptionalMapping(QueueingSectionReader.Key);
        SequenceReader? guests = root.OptionalSequence(TransportSectionReader.Key);
        TransportModel? transport = guests is null ? null : TransportSectionReader.Read(root, guests, files ?? ScenarioFiles.Disk(fileName));
        MappingReader? interconnectSection = root.OptionalMapping(InterconnectSectionReader.Key);
        InterconnectModel? interconnect = interconnectSection is null ? null : InterconnectSectionReader.Read(interconnectSection, transport);
        MappingReader? hostSection = root.OptionalMapping(HostSectionReader.Key);
        HostModel? host = hostSection is null ? null : HostSectionReader.Read(hostSection, transport);
        var (study, _) = StudyDeclarationReader.Read(root);
        IReadOnlyList<Claims.Claim> claims = root.OptionalMapping(ClaimsSectionReader.Key) is { } claimsSection ? ClaimsSectionReader.Read(claimsSection, study) : [];
        NodeReader? expectNode = readExperiment is null ? root.Optional(ExpectSectionReader.Key) : root.Required(ExpectSectionReader.Key);
        IReadOnlyList<string>? expected = null;
        if (expectNode is not null)
        {
            MappingReader expect = expectNode.AsMapping();
            expected = ExpectSectionReader.ReadFindings(expect);
            if (readExperiment is null) ExpectSectionReader.DoneForScenario(expect);
            else readExperiment(expect);
        }
        root.Done();
        if (queueingSection is null && transport is null)
        {
            throw root.Self.Fail($"no entity section in the scenario; expected at least one of: {string.Join(", ", EntitySections)}");
        }

        QueueingModel? queueing = queueingSection is null ? null : QueueingSectionReader.Read(queueingSection);
        return new ScenarioModel(fileName, name, description, seed, duration, warmup, maxEvents, queueing, transport, interconnect, study, expected)
        {
            Headline = headline,
            Host = host,
            Claims = claims,
        };
    }

    /// <summary>
    /// <c>headline: [PATH.VALUE, ...]</c>: the figures the scenario is about, shown first in its summary, each a metric
    /// path and one of its summary values as a study names them (e.g. <c>kvm/blk0/driver/latency.p99</c>).
    /// </summary>
    private static IReadOnlyList<string> ReadHeadline(SequenceReader sequence)
    {
        if (sequence.Items.Count == 0) throw sequence.Self.Unexpected("a non-empty list of metric values, e.g. [kvm/blk0/driver/latency.p99]");
        var keys = new List<string>();
        foreach (var item in sequence.Items)
        {
            string key = item.AsString();
            int dot = key.LastIndexOf('.');
            if (!key.Contains('/') || dot <= key.LastIndexOf('/') || dot == key.Length - 1)
                throw item.Unexpected("a metric path and one of its values joined by '.', e.g. kvm/blk0/driver/latency.p99 (sim metrics FILE lists the paths)");
            if (keys.Contains(key)) throw item.Fail($"'{key}' is listed twice in headline");
            keys.Add(key);
        }
        return keys;
    }

    /// <summary>The scenario's name becomes a directory name: [A-Za-z0-9._-]+, and not "." or "..".</summary>
    internal static string ReadName(NodeReader node)
    {
        string name = node.AsString();
        bool safe = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            && name.Any(c => c != '.');
        if (!safe) throw node.Unexpected("a name of letters, digits, '.', '_' and '-' (it names the output directory)");
        return name;
    }
}
