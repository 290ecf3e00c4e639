namespace Sim.Scenarios.Claims;

/// <summary>One side of a claim: arithmetic (<c>+ - * /</c>, parentheses, unary minus) over numbers and metric values.</summary>
public abstract record ClaimTerm
{
    /// <summary>The metric references in this term, left to right.</summary>
    public abstract IEnumerable<MetricReference> References { get; }

    /// <summary>The term's value, with each reference's value from <paramref name="value"/>.</summary>
    public abstract double Evaluate(Func<MetricReference, double> value);
}

/// <summary>A plain number (SI units: seconds, bytes, joules).</summary>
/// <param name="Value">The number.</param>
public sealed record NumberTerm(double Value) : ClaimTerm
{
    /// <inheritdoc />
    public override IEnumerable<MetricReference> References => [];

    /// <inheritdoc />
    public override double Evaluate(Func<MetricReference, double> value) => Value;
}

/// <summary>
/// A metric value. Short form <c>NAME[WORLD]</c>: the values whose key ends in <c>/NAME</c> (e.g. <c>latency.mean</c>,
/// <c>bus/energy.total</c>) in the world (guest, guest-grid variant or interconnect variant: the key's first segment)
/// named <c>WORLD</c>, or else the only world whose name ends in <c>-WORLD</c>; without <c>[WORLD]</c>, in every
/// world. Quoted form <c>'PATTERN'</c>: the values whose full key matches the pattern (<c>*</c> within a segment,
/// <c>**</c> across segments, as a study's metric patterns). The values found are summed; finding none is an error.
/// </summary>
/// <param name="Name">The key's tail (short form) or the pattern (quoted form).</param>
/// <param name="World">The world selector; null when none (or quoted).</param>
/// <param name="Quoted">Whether this is the quoted, full-key form.</param>
public sealed record MetricReference(string Name, string? World, bool Quoted) : ClaimTerm
{
    /// <inheritdoc />
    public override IEnumerable<MetricReference> References => [this];

    /// <inheritdoc />
    public override double Evaluate(Func<MetricReference, double> value) => value(this);

    /// <inheritdoc />
    public override string ToString() => Quoted ? $"'{Name}'" : World is null ? Name : $"{Name}[{World}]";
}

/// <summary>An arithmetic operation on two terms.</summary>
/// <param name="Operator">One of <c>+ - * /</c>.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
public sealed record BinaryTerm(char Operator, ClaimTerm Left, ClaimTerm Right) : ClaimTerm
{
    /// <inheritdoc />
    public override IEnumerable<MetricReference> References => Left.References.Concat(Right.References);

    /// <inheritdoc />
    public override double Evaluate(Func<MetricReference, double> value)
    {
        double a = Left.Evaluate(value), b = Right.Evaluate(value);
        return Operator switch { '+' => a + b, '-' => a - b, '*' => a * b, _ => a / b };
    }
}

/// <summary>Unary minus.</summary>
/// <param name="Operand">The negated term.</param>
public sealed record NegatedTerm(ClaimTerm Operand) : ClaimTerm
{
    /// <inheritdoc />
    public override IEnumerable<MetricReference> References => Operand.References;

    /// <inheritdoc />
    public override double Evaluate(Func<MetricReference, double> value) => -Operand.Evaluate(value);
}
