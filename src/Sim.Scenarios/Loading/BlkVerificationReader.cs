using Sim.Devices.Blk;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a blk workload's <c>verify</c> key, which reads of written sectors the driver checks against the data it wrote
/// (<see cref="BlkVerification"/>):
/// <code>
/// verify: full              # (default) every read that can be checked is
/// verify: none              # none: large studies that do not need the data check
/// verify: { sample: 0.1 }   # a tenth of them, chosen by a hash of the request's number and sector; driver/unverifiedReads
///                           #   counts the rest
/// </code>
/// </summary>
internal static class BlkVerificationReader
{
    private static readonly string[] Modes = ["full", "none"];

    private const string Expected = "full, none or { sample: FRACTION }";

    /// <summary>The key's shape, for the workload's keys and the schema.</summary>
    public static KeyShape Key => KeyShape.May("verify", new EitherShape(new EnumShape(Modes), SampleShape),
        "Which reads of written sectors the driver checks: full (default), none, or { sample: 0.1 } (that share of them; driver/unverifiedReads counts the rest).");

    private static MappingShape SampleShape => new("a verification sample",
    [
        KeyShape.Must("sample", new NumberShape(0, 1), "The share, in [0, 1], of the reads that could be checked that are; each chosen by a hash of its request number and sector."),
    ]);

    /// <summary>The verification at <paramref name="node"/>; absent means full.</summary>
    public static BlkVerification Read(NodeReader? node)
    {
        if (node is null) return BlkVerification.Full;
        if (node.IsScalar && node.AsString() is "full" or "none") return node.AsString() == "full" ? BlkVerification.Full : BlkVerification.None;
        if (!node.IsMapping) throw node.Unexpected(Expected);
        MappingReader sample = node.AsMapping().Declare(SampleShape);
        NodeReader fractionNode = sample.Required("sample");
        double fraction = fractionNode.AsDouble();
        if (fraction is < 0 or > 1) throw fractionNode.Unexpected("a fraction of reads between 0 and 1");
        sample.Done();
        return BlkVerification.Sample(fraction);
    }
}
