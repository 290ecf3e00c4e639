// The example of docs/sharing-properties.md, compiled and run here so that it cannot rot. Keep the two in step.
using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Grants;

namespace Sim.Testing.Tests.Sharing;

// --- begin example ---
// My backend keeps a request's buffer mapped from serve until its used element goes back.
sealed class MapUntilUsed : GrantPolicy
{
    public override void Serve(GrantPolicyContext ctx, GrantRequest request)
    {
        foreach (uint gref in request.Refs.ToList()) ctx.Map(request, gref, writable: request.DeviceWrites);
        foreach (ulong frame in request.Frames) ctx.Access(frame, write: request.DeviceWrites);
    }   // GrantPolicy.Complete unmaps what is still mapped, then revokes; Reset completes every request in flight
}

public sealed class MyPolicyTests
{
    [Fact]
    public void My_backend_shares_safely() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), SharingProperties.GrantPolicy(() => new MapUntilUsed()));
}
// --- end example ---

/// <summary>The example's policy really is exercised: its buffers stay mapped across steps, and revokes wait for the unmap.</summary>
public sealed class UserPolicyExampleTests
{
    [Fact]
    public void The_example_policy_keeps_buffers_mapped_until_the_used_element_and_holds()
    {
        GrantWorkloadStep[] workload = [new SubmitRequest(2, true), new ServeRequest(0), new SubmitRequest(1, false), new ServeRequest(0), new CompleteRequest(0), new ResetDevice()];
        var report = SharingProperties.RunGrantPolicy(new MapUntilUsed(), workload);
        Assert.True(report.Holds, report.ToString());
        Assert.Equal(0, report.Trace.Count(l => l.StartsWith("[1]", StringComparison.Ordinal) && l.Contains("unmap")));  // still mapped after serve
        Assert.Equal(2, report.Trace.Count(l => l.StartsWith("[4]", StringComparison.Ordinal) && l.Contains("unmap"))); // unmapped at completion
        Assert.True(SharingProperties.GrantPolicyHolds(new MapUntilUsed(), workload));
    }

    [Fact]
    public void The_guide_shows_this_example_verbatim()
    {
        string source = File.ReadAllText(ThisFile()).ReplaceLineEndings("\n");
        int begin = source.IndexOf("// --- begin example ---\n", StringComparison.Ordinal), end = source.IndexOf("// --- end example ---", StringComparison.Ordinal);
        string example = source[(begin + "// --- begin example ---\n".Length)..end];
        string guide = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ThisFile())!, "../../../docs/sharing-properties.md")).ReplaceLineEndings("\n");
        Assert.Contains("using Sim.Testing.Sharing.Grants;\n\n" + example + "```", guide);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
