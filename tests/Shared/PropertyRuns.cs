using Sim.Tests.Shared;
using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Sim.Tests.Shared;

/// <summary>
/// How every property test in the suite is checked: from a seed fixed per test (derived from its file and method
/// name), so a CI run passes or fails the same way on every machine. Set <c>VIRTIOSIM_PROPERTY_SEED=random</c> to
/// explore with fresh seeds (FsCheck prints the seed of any failure), or to a number to replay one.
/// </summary>
internal static class PropertyRuns
{
    private const string SeedVariable = "VIRTIOSIM_PROPERTY_SEED";

    /// <summary>QuickThrowOnFailure with <paramref name="maxTest"/> cases, seeded as the class summary says.</summary>
    public static Config Config(int maxTest, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        var config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(maxTest);
        string? chosen = Environment.GetEnvironmentVariable(SeedVariable);
        if (string.Equals(chosen, "random", StringComparison.OrdinalIgnoreCase)) return config;
        ulong seed = ulong.TryParse(chosen, out ulong given) ? given : StableHash(Path.GetFileName(file) + "/" + test);
        return config.WithReplay(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None));
    }

    /// <summary>FNV-1a over the name's UTF-16 code units: the same on every runtime, unlike string.GetHashCode.</summary>
    private static ulong StableHash(string name)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in name) hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }
}
