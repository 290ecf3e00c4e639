using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Xen;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Grants;
using Sim.Tests.Shared;
using Xunit.Abstractions;

namespace Sim.Hypervisors.Tests.Xen;

/// <summary>
/// Model-based check of the grant protocol against the public reference model of <c>Sim.Testing</c>
/// (<see cref="GrantHarness"/> over <see cref="GrantModel"/>): random programs of grant, map, backend access, unmap,
/// end-access and copy agree with it step by step (entries in guest memory, refs in use, live mappings, flush IPIs,
/// reachable frames, bytes); no backend access outside the live mappings succeeds; a mapped grant is never revoked.
/// Two planted bugs show the property catches real mistakes and reports a shrunk counterexample with its seed.
/// </summary>
public sealed class GrantTablePropertyTests(ITestOutputHelper output)
{
    private const int MaxSteps = 50;

    private static Property Agrees(Func<IDeviceMemory, GuestMemory, IDeviceMemory>? backendPath = null, Action<GrantTable, uint>? afterUnmap = null) =>
        Prop.ForAll(GrantGenerators.Sequences(MaxSteps), script => GrantHarness.Run(script.Ops, backendPath, afterUnmap).ToProperty());

    [Fact]
    public void Implementation_agrees_with_the_reference_model()
    {
        Check.One(PropertyRuns.Config(500), Agrees());
    }

    [Fact]
    public void Random_programs_reach_every_outcome_the_model_distinguishes()
    {
        // Fixed seed: a coverage check must not be flaky.
        var reports = Gen.Sample(GrantGenerators.Sequences(MaxSteps).Generator, 100, new Rnd(1UL), 300)
            .Select(script => SharingProperties.RunGrants(script.Ops)).ToList();
        Assert.All(reports, r => Assert.True(r.Holds, r.ToString()));
        var outcomes = new Dictionary<string, int>();
        foreach (string line in reports.SelectMany(r => r.Trace))
        {
            var step = Regex.Match(line, @"^\[\d+\] (grant|map|unmap|revoke|copyTo|copyFrom)\(.*?\) = (\w+)");
            if (step.Success) Count(outcomes, $"{Outcome[step.Groups[1].Value]}:{step.Groups[2].Value}");
            var access = Regex.Match(line, @"^\[\d+\] (read|write) of .* = (\w+)$");
            if (access.Success) Count(outcomes, $"{Outcome[access.Groups[1].Value]}:{access.Groups[2].Value}");
        }
        output.WriteLine(string.Join(" ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")));

        string[] expected =
        [
            "Grant:Okay", "Map:Okay", "Map:BadGntref", "Map:PermissionDenied", "Unmap:Okay", "Unmap:BadHandle",
            "EndAccess:Okay", "EndAccess:Eagain", "EndAccess:BadGntref", "AccessRead:Allowed", "AccessRead:Denied",
            "AccessWrite:Allowed", "AccessWrite:Denied", "AccessRead:OutOfRange", "CopyRead:Okay", "CopyWrite:Okay",
            "CopyWrite:PermissionDenied", "CopyRead:BadCopyArg", "CopyRead:BadGntref",
        ];
        foreach (string outcome in expected) Assert.True(outcomes.GetValueOrDefault(outcome) >= 5, $"outcome {outcome} reached {outcomes.GetValueOrDefault(outcome)} times");
    }

    [Fact]
    public void A_mapper_whose_unmap_leaves_GTF_reading_set_is_caught()
    {
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(PropertyRuns.Config(500), Agrees(afterUnmap: LeaveReadingSet)));
        output.WriteLine(failure.Message);
        Assert.Contains("Falsifiable", failure.Message);
        Assert.Contains("unmap(", failure.Message);
    }

    [Fact]
    public void A_backend_path_that_keeps_a_frame_after_unmap_is_caught()
    {
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(PropertyRuns.Config(500), Agrees(backendPath: (real, memory) => new StickyDeviceMemory(real, memory))));
        output.WriteLine(failure.Message);
        Assert.Contains("Falsifiable", failure.Message);
        Assert.Contains("outside the granted-and-mapped set", failure.Message);
        // The shrunk script tears the mapping down before the stale access: an unmap, or a reset (which unmaps everything).
        Assert.Matches(@"unmap\(|reset", failure.Message[failure.Message.IndexOf("Shrunk", StringComparison.Ordinal)..]);
    }

    /// <summary>Trace verbs as the outcome names of the grant ABI's operations.</summary>
    private static readonly Dictionary<string, string> Outcome = new()
    {
        ["grant"] = "Grant",
        ["map"] = "Map",
        ["unmap"] = "Unmap",
        ["revoke"] = "EndAccess",
        ["copyFrom"] = "CopyRead",
        ["copyTo"] = "CopyWrite",
        ["read"] = "AccessRead",
        ["write"] = "AccessWrite",
    };

    private static void Count(Dictionary<string, int> outcomes, string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

    /// <summary>The planted mapper bug: the unmap forgets to clear GTF_reading (set back after every unmap).</summary>
    private static void LeaveReadingSet(GrantTable table, uint gref)
    {
        ulong flags = table.EntryAddress(gref) + GrantEntryV1.FlagsOffset;
        table.Memory.WriteUInt16(flags, (ushort)(table.Memory.ReadUInt16(flags) | (ushort)GrantFlags.Reading));
    }

    /// <summary>The planted backend bug: once a page was allowed for reads (or writes), it stays so (a stale mapping never torn down).</summary>
    private sealed class StickyDeviceMemory(IDeviceMemory inner, GuestMemory memory) : IDeviceMemory
    {
        private readonly HashSet<(ulong Page, MemoryAccessKind Kind)> _once = new();

        public AccessVerdict Read(ulong address, Span<byte> destination)
        {
            var verdict = inner.Read(address, destination);
            if (verdict != AccessVerdict.Denied || !Covered(address, destination.Length, MemoryAccessKind.Read)) return Remember(verdict, address, destination.Length, MemoryAccessKind.Read);
            memory.Read(address, destination);
            return AccessVerdict.Allowed;
        }

        public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source)
        {
            var verdict = inner.Write(address, source);
            if (verdict != AccessVerdict.Denied || !Covered(address, source.Length, MemoryAccessKind.Write)) return Remember(verdict, address, source.Length, MemoryAccessKind.Write);
            memory.Write(address, source);
            return AccessVerdict.Allowed;
        }

        private AccessVerdict Remember(AccessVerdict verdict, ulong address, int length, MemoryAccessKind kind)
        {
            if (verdict == AccessVerdict.Allowed && length > 0)
                for (ulong page = address / GuestMemory.PageSize; page <= (address + (ulong)length - 1) / GuestMemory.PageSize; page++) _once.Add((page, kind));
            return verdict;
        }

        private bool Covered(ulong address, int length, MemoryAccessKind kind)
        {
            for (ulong page = address / GuestMemory.PageSize; page <= (address + (ulong)length - 1) / GuestMemory.PageSize; page++)
                if (!_once.Contains((page, kind))) return false;
            return true;
        }
    }
}
