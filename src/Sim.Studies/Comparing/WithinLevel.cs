using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// What a run is split into for a comparison inside it (<c>sim compare RESULTS --within LEVEL</c>, see
/// <see cref="RunItems"/>); each item's metrics are keyed relative to its path.
/// </summary>
public enum WithinLevel
{
    /// <summary>The run's top-level worlds, the first segment of every metric path: the guests of a scenario of guests, an interconnect scenario's variants.</summary>
    Variants,

    /// <summary>The guests that hold devices: each device path's parent (<c>kvm</c>, or <c>variant/vm1</c> in an interconnect scenario).</summary>
    Guests,

    /// <summary>The devices: the paths of the results' <c>devices</c> (<c>kvm/blk0</c>).</summary>
    Devices,
}

/// <summary>The names of <see cref="WithinLevel"/> as the command line spells them.</summary>
public static class WithinLevels
{
    /// <summary>Every name, in the order of the enum: variants, guests, devices.</summary>
    public static readonly string[] Names = ["variants", "guests", "devices"];

    /// <summary>The level named <paramref name="name"/>; throws <see cref="ComparisonInputException"/> for another name.</summary>
    public static WithinLevel Parse(string name) => Array.IndexOf(Names, name) is var i and >= 0
        ? (WithinLevel)i
        : throw new ComparisonInputException($"--within {name}: not a level of a run; expected one of {string.Join(", ", Names)}");

    /// <summary>The name of <paramref name="level"/>.</summary>
    public static string Name(WithinLevel level) => Names[(int)level];
}
