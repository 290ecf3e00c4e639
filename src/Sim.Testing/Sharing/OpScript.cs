using FsCheck;
using FsCheck.Fluent;

namespace Sim.Testing.Sharing;

/// <summary>
/// A sequence of operations (or workload steps) as FsCheck generates and shrinks it. Its text is the script itself,
/// one step after another, so a shrunk counterexample reads like a reproduction recipe.
/// </summary>
/// <typeparam name="TOp">The step type, a record with a readable <c>ToString</c>.</typeparam>
/// <param name="Ops">The steps, in order.</param>
public sealed record OpScript<TOp>(IReadOnlyList<TOp> Ops)
{
    /// <summary>Number of steps.</summary>
    public int Count => Ops.Count;

    /// <summary>
    /// Smaller scripts, most aggressive first: each half, then the script without one step, then (given
    /// <paramref name="shrinkOp"/>) the script with one step replaced by a simpler one.
    /// </summary>
    public IEnumerable<OpScript<TOp>> Shrink(Func<TOp, IEnumerable<TOp>>? shrinkOp = null)
    {
        var ops = Ops.ToArray();
        if (ops.Length > 1)
        {
            yield return new OpScript<TOp>(ops[..(ops.Length / 2)]);
            yield return new OpScript<TOp>(ops[(ops.Length / 2)..]);
        }
        for (int i = 0; i < ops.Length; i++) yield return new OpScript<TOp>([.. ops[..i], .. ops[(i + 1)..]]);
        if (shrinkOp is null) yield break;
        for (int i = 0; i < ops.Length; i++)
            foreach (var simpler in shrinkOp(ops[i]))
            {
                var copy = ops.ToArray();
                copy[i] = simpler;
                yield return new OpScript<TOp>(copy);
            }
    }

    /// <summary>
    /// An arbitrary of scripts of 1 to <paramref name="maxSteps"/> steps drawn from <paramref name="op"/>, shrinking by
    /// <see cref="Shrink"/> with <paramref name="shrinkOp"/> (simpler versions of one step, simplest first; optional).
    /// </summary>
    public static Arbitrary<OpScript<TOp>> Arbitrary(Gen<TOp> op, int maxSteps, Func<TOp, IEnumerable<TOp>>? shrinkOp = null)
    {
        if (maxSteps < 1) throw new ArgumentOutOfRangeException(nameof(maxSteps), $"a script needs at least 1 step, maxSteps was {maxSteps}");
        return Arb.From(
            from count in Gen.Choose(1, maxSteps) from ops in Gen.ArrayOf(op, count) select new OpScript<TOp>(ops),
            script => script.Shrink(shrinkOp));
    }

    /// <inheritdoc />
    public bool Equals(OpScript<TOp>? other) => other is not null && Ops.SequenceEqual(other.Ops);

    /// <inheritdoc />
    public override int GetHashCode() => Ops.Aggregate(Ops.Count, (hash, op) => HashCode.Combine(hash, op));

    /// <summary>"N steps: a; b; c".</summary>
    public override string ToString() => $"{Ops.Count} steps: {string.Join("; ", Ops)}";
}
