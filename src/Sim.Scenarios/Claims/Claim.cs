namespace Sim.Scenarios.Claims;

/// <summary>
/// A named, readable assertion over a scenario's metrics (<c>claims:</c>, issue 19), such as
/// <c>latency.mean[persistent] &lt; latency.mean[map] where backendVcpus &gt;= 4</c>: a comparison of two arithmetic
/// expressions over metric values, optionally restricted to the study points whose swept parameters satisfy
/// <see cref="Where"/>: every such point must satisfy it, or with <c>at some point</c> (<see cref="AtSomePoint"/>) at
/// least one. In a study a comparison holds at a point when the confidence interval of the paired difference across
/// replications lies on the claimed side (<c>ClaimEvaluator</c>).
/// </summary>
/// <param name="Name">The claim as the reader says it, e.g. "persistent beats map from 4 vCPUs".</param>
/// <param name="Text">The assertion as written.</param>
/// <param name="Comparison">What is asserted.</param>
/// <param name="Where">The conditions on swept parameters that select the points it is about; empty: every point.</param>
/// <param name="Line">The assertion's line in the scenario file (for located errors).</param>
/// <param name="Column">Its column.</param>
public sealed record Claim(string Name, string Text, ClaimComparison Comparison, IReadOnlyList<PointCondition> Where, int Line, int Column)
{
    /// <summary>
    /// Whether the claim is about some point rather than every one (<c>... at some point [where ...]</c>): it holds when
    /// it holds at one of its points, fails when it fails at every one, and is undecided otherwise.
    /// </summary>
    public bool AtSomePoint { get; init; }

    /// <summary>Every metric reference of the claim, left side first.</summary>
    public IEnumerable<MetricReference> References => Comparison.Left.References.Concat(Comparison.Right.References);
}

/// <summary>The relation a claim asserts between its two sides.</summary>
public enum ClaimRelation
{
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>==</c>, exactly or within a relative tolerance of the right side.</summary>
    Equal,
}

/// <summary>
/// <c>LEFT OP RIGHT [within N%]</c>: the two sides and the relation; <see cref="Tolerance"/> (a fraction of the right
/// side's magnitude) only with <see cref="ClaimRelation.Equal"/>.
/// </summary>
/// <param name="Left">The left side.</param>
/// <param name="Relation">The relation.</param>
/// <param name="Right">The right side.</param>
/// <param name="Tolerance">For <c>==</c>: the allowed difference as a fraction of |right|; 0 means exactly.</param>
public sealed record ClaimComparison(ClaimTerm Left, ClaimRelation Relation, ClaimTerm Right, double Tolerance)
{
    /// <summary>The relation as written.</summary>
    public static string Symbol(ClaimRelation relation) => relation switch
    {
        ClaimRelation.Less => "<",
        ClaimRelation.LessOrEqual => "<=",
        ClaimRelation.Greater => ">",
        ClaimRelation.GreaterOrEqual => ">=",
        _ => "==",
    };
}

/// <summary>
/// <c>PARAMETER OP VALUE</c> in a claim's <c>where</c>: a swept parameter's value at a point compared with a value as the
/// sweep writes it (<c>4KiB</c>, <c>grant-map</c>, <c>4</c>); numbers compare by value, other values by text
/// (<c>==</c> and <c>!=</c> only).
/// </summary>
/// <param name="Parameter">The swept parameter's name.</param>
/// <param name="Operator">One of <c>&lt; &lt;= &gt; &gt;= == !=</c>.</param>
/// <param name="Value">The value as written.</param>
public sealed record PointCondition(string Parameter, string Operator, string Value);
