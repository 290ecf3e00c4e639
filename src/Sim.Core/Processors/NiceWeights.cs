namespace Sim.Core.Processors;

/// <summary>
/// The load weight of each nice level, -20 to 19 (Linux kernel/sched/core.c <c>sched_prio_to_weight</c>): nice 0 weighs
/// 1024, and each step is about 1.25x, so a thread one nice level lower gets about 10% more CPU than its equal.
/// </summary>
public static class NiceWeights
{
    /// <summary>The weight of nice 0 (<c>NICE_0_LOAD</c> without the fixed-point shift).</summary>
    public const int NiceZero = 1024;

    private static readonly int[] Table =
    [
        88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
        9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
        1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
        110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
    ];

    /// <summary>The weight of <paramref name="nice"/> (-20 to 19).</summary>
    public static int Of(int nice)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nice, -20);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        return Table[nice + 20];
    }
}
