using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Sim.Testing.Sharing;

namespace Sim.Testing.Tests.Sharing;

/// <summary>Deterministic checking: every property runs from a fixed seed, so a pass or a counterexample is the same on every run.</summary>
internal static class Fixed
{
    /// <summary>QuickThrowOnFailure with <paramref name="tests"/> cases from a fixed seed.</summary>
    public static Config Config(int tests, ulong seed = 20261122UL) =>
        FsCheck.Config.QuickThrowOnFailure.WithMaxTest(tests).WithReplay(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None));

    /// <summary>
    /// Checks a property that must fail; returns FsCheck's message and the shrunk counterexample (the last failing
    /// input FsCheck tried is the one it ends with) and its report.
    /// </summary>
    public static (OpScript<T> Shrunk, SharingReport Report, string Message) Counterexample<T>(
        Arbitrary<OpScript<T>> arbitrary, Func<OpScript<T>, SharingReport> run, int tests, ulong seed = 20261122UL)
    {
        OpScript<T>? shrunk = null;
        SharingReport? report = null;
        var property = Prop.ForAll(arbitrary, script =>
        {
            var r = run(script);
            if (!r.Holds) (shrunk, report) = (script, r);
            return r.ToProperty();
        });
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(Config(tests, seed), property));
        Assert.Contains("Falsifiable", failure.Message);
        Assert.NotNull(shrunk);
        Assert.Contains(shrunk!.ToString(), failure.Message); // what FsCheck reports as shrunk is what we captured
        return (shrunk, report!, failure.Message);
    }
}
