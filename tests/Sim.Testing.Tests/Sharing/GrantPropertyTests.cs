using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Xen;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Grants;
using Xunit.Abstractions;

namespace Sim.Testing.Tests.Sharing;

/// <summary>The grant properties hold for the real implementation and catch planted bugs with small counterexamples.</summary>
public sealed class GrantPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Real_grants_agree_with_the_model_after_every_step()
    {
        Check.One(Fixed.Config(400), SharingProperties.Grants());
    }

    [Fact]
    public void Random_sequences_reach_every_outcome_the_model_distinguishes()
    {
        var lines = Gen.Sample(GrantGenerators.Sequences().Generator, 300, new Rnd(7UL), 40) /* 300 scripts, fixed seed */
            .SelectMany(script =>
            {
                var report = SharingProperties.RunGrants(script.Ops);
                Assert.True(report.Holds, report.ToString());
                return report.Trace;
            }).ToList();
        string[] outcomes =
        [
            "= Okay ref", "rw) = Okay", "rw) = PermissionDenied", "r) = BadGntref", ") = BadHandle", "= Okay", "= Eagain",
            "= BadGntref", "= Allowed", "= Denied", "= OutOfRange",
        ];
        foreach (string outcome in outcomes) Assert.True(lines.Count(l => l.Contains(outcome)) >= 5, $"{outcome} reached {lines.Count(l => l.Contains(outcome))} times");
        Assert.True(lines.Count(l => l.StartsWith("[", StringComparison.Ordinal) && l.Contains("revoke(ref") && l.EndsWith("= Eagain", StringComparison.Ordinal)) >= 5);
    }

    [Fact]
    public void A_revoke_while_mapped_answers_Eagain_and_the_plain_bool_form_holds()
    {
        GrantOp[] ops = [new GrantFrame(1, false), new MapGrant(0, true), new AccessFrame(1, 0, 8, true), new RevokeGrant(0), new UnmapGrant(0), new RevokeGrant(0)];
        var report = SharingProperties.RunGrants(ops);
        Assert.True(report.Holds, report.ToString());
        Assert.EndsWith("revoke(ref 0) = Eagain", report.Trace[3]);
        Assert.EndsWith("revoke(ref 0) = Okay", report.Trace[^1]);
        Assert.True(SharingProperties.GrantsHold(ops));
    }

    [Fact]
    public void A_reset_leaves_nothing_mapped_or_granted()
    {
        GrantOp[] ops = [new GrantFrame(1, false), new GrantFrame(2, true), new MapGrant(0, true), new MapGrant(1, false), new ResetGrants()];
        var report = SharingProperties.RunGrants(ops);
        Assert.True(report.Holds, report.ToString());
        Assert.Contains(report.Trace, l => l.EndsWith("unmap(handle 1) = Okay", StringComparison.Ordinal));
        Assert.Contains(report.Trace, l => l.EndsWith("revoke(ref 1) = Okay", StringComparison.Ordinal));
    }

    [Fact]
    public void A_backend_path_that_caches_frames_is_caught_with_a_shrunk_script()
    {
        var (shrunk, report, message) = Fixed.Counterexample(GrantGenerators.Sequences(),
            script => GrantHarness.Run(script.Ops, (real, memory) => new CachingPath(real, memory)), tests: 500);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.InRange(shrunk.Count, 1, 6); // grant, (a second grant the refs' numbering keeps), map, access, unmap or reset, stale access
        Assert.Contains(shrunk.Ops, op => op is UnmapGrant or ResetGrants);
        Assert.Contains("allowed outside the granted-and-mapped set", report.Violation!.Message);
        Assert.IsType<AccessFrame>(shrunk.Ops[^1]);
        Assert.Contains("Shrunk", message);
    }

    [Fact]
    public void The_standard_policy_holds()
    {
        Check.One(Fixed.Config(300), SharingProperties.GrantPolicy(() => new GrantPolicy()));
    }

    [Fact]
    public void A_backend_that_keeps_mappings_until_completion_holds_and_its_early_revokes_get_Eagain()
    {
        Check.One(Fixed.Config(300), SharingProperties.GrantPolicy(() => new MapUntilComplete()));
        var report = SharingProperties.RunGrantPolicy(new EarlyRevoke(), [new SubmitRequest(1, true), new ServeRequest(0), new CompleteRequest(0)]);
        Assert.True(report.Holds, report.ToString());
        Assert.Contains(report.Trace, l => l.EndsWith("revoke(ref 0) = Eagain", StringComparison.Ordinal));
    }

    /// <summary>Tries to revoke before unmapping, then does it in the right order: the refused revoke must change nothing.</summary>
    private sealed class EarlyRevoke : MapUntilComplete
    {
        public override void Complete(GrantPolicyContext context, GrantRequest request)
        {
            foreach (uint gref in request.Refs.ToList()) Assert.Equal(GrantStatus.Eagain, context.Revoke(request, gref));
            base.Complete(context, request);
        }
    }

    [Fact]
    public void Broken_a_a_backend_writing_through_a_stale_pointer_after_unmap_is_caught()
    {
        var (shrunk, report, _) = Fixed.Counterexample(GrantWorkloads.Workloads(), w => GrantWorkloads.Run(new StalePointerBackend(), w.Ops), tests: 300);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.InRange(shrunk.Count, 1, 4);
        Assert.IsType<CompleteRequest>(shrunk.Ops[^1]);
        Assert.Contains(shrunk.Ops, s => s is ServeRequest);
        Assert.Contains("allowed outside the granted-and-mapped set", report.Violation!.Message);
    }

    [Fact]
    public void Broken_b_a_frontend_reusing_a_buffer_before_it_came_back_is_caught()
    {
        var (shrunk, report, _) = Fixed.Counterexample(GrantWorkloads.Workloads(), w => GrantWorkloads.Run(new ReusingFrontend(), w.Ops), tests: 300);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.Equal(2, shrunk.Count);
        Assert.All(shrunk.Ops, s => Assert.IsType<SubmitRequest>(s));
        Assert.Contains("overwrote frame 1", report.Violation!.Message);
    }

    [Fact]
    public void Broken_c_a_frontend_forcing_a_revoke_while_mapped_is_caught()
    {
        var (shrunk, report, _) = Fixed.Counterexample(GrantWorkloads.Workloads(), w => GrantWorkloads.Run(new ForcedRevoke(), w.Ops), tests: 300);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.InRange(shrunk.Count, 1, 4);
        Assert.IsType<CompleteRequest>(shrunk.Ops[^1]);
        Assert.Contains("entry is", report.Violation!.Message);
    }

    [Fact]
    public void Broken_d_a_backend_that_does_not_unmap_on_reset_leaks_and_is_caught()
    {
        var (shrunk, report, _) = Fixed.Counterexample(GrantWorkloads.Workloads(), w => GrantWorkloads.Run(new LeakyReset(), w.Ops), tests: 300);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.InRange(shrunk.Count, 1, 4);
        Assert.IsType<ResetDevice>(shrunk.Ops[^1]);
        Assert.Contains("survive the reset", report.Violation!.Message);
    }
}
