using FsCheck;
using FsCheck.Fluent;

namespace Sim.Testing.Sharing;

/// <summary>
/// Something a run flagged at one step: a broken invariant (a <see cref="SharingReport.Violation"/>) or an access the
/// mechanism allowed outside what the protocol currently gives the device, but recorded (a finding, such as a stale
/// IOTLB hit under lazy invalidation or a device touching a free bounce-window slot).
/// </summary>
/// <param name="Step">The 0-based step of the sequence (or of the workload) where it happened.</param>
/// <param name="Op">The step, as it reads in the script.</param>
/// <param name="Message">What happened, with addresses, refs and statuses.</param>
public sealed record SharingIssue(int Step, string Op, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"step {Step} {Op}: {Message}";
}

/// <summary>
/// The outcome of running one sequence against a real mechanism and its reference model: the first violation (the run
/// stops there), every finding, and the trace of what each step did on the real implementation.
/// </summary>
public sealed class SharingReport
{
    internal SharingReport(SharingIssue? violation, IReadOnlyList<SharingIssue> findings, IReadOnlyList<string> trace)
    {
        Violation = violation;
        Findings = findings;
        Trace = trace;
    }

    /// <summary>The first broken invariant, or null when every step agreed with the model and every check held.</summary>
    public SharingIssue? Violation { get; }

    /// <summary>Accesses the mechanism allowed outside the protocol's live set and recorded (exposure, not breakage).</summary>
    public IReadOnlyList<SharingIssue> Findings { get; }

    /// <summary>One line per step: the step and what the real implementation answered.</summary>
    public IReadOnlyList<string> Trace { get; }

    /// <summary>Whether the run found no violation.</summary>
    public bool Holds => Violation is null;

    /// <summary>Whether the run found neither a violation nor a finding (what a correct policy must achieve).</summary>
    public bool Clean => Violation is null && Findings.Count == 0;

    /// <summary>This report as an FsCheck property: true when it <see cref="Holds"/>, labelled with the violation and trace otherwise.</summary>
    public Property ToProperty() => Holds.Label(Holds ? "" : ToString());

    /// <summary>The violation (or "holds"), the findings, then the trace.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(Violation is null ? "holds" : $"VIOLATION at {Violation}");
        foreach (var finding in Findings) text.Append("\n  finding at ").Append(finding);
        for (int i = 0; i < Trace.Count; i++) text.Append("\n  ").Append(i).Append(": ").Append(Trace[i]);
        return text.ToString();
    }
}

/// <summary>Collects a run's trace, findings and first violation.</summary>
internal sealed class ReportBuilder
{
    private readonly List<SharingIssue> _findings = new();
    private readonly List<string> _trace = new();

    public int Step { get; set; }
    public string Op { get; set; } = "";
    public SharingIssue? Violation { get; private set; }

    public void Trace(string line) => _trace.Add(line);

    public void Finding(string message) => _findings.Add(new SharingIssue(Step, Op, message));

    /// <summary>Records the first violation; later ones are ignored (the run stops at the first).</summary>
    public void Fail(string message) => Violation ??= new SharingIssue(Step, Op, message);

    public SharingReport Build() => new(Violation, _findings, _trace);
}
