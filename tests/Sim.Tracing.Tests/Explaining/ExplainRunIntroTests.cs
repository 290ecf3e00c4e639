using Sim.Tracing.Explaining;

namespace Sim.Tracing.Tests.Explaining;

/// <summary>
/// The explain page's opening paragraph says when the first notification arrives and what the driver's side was
/// charged until then, from the steps' own charges: the reader learns why the first kick lands late.
/// </summary>
public sealed class ExplainRunIntroTests
{
    private static ExplainStep Step(int index, long timePs, string actor, string? target, string kind, params StepCharge[] charges) =>
        new(index, timePs, actor, target, kind, $"step {index}", charges.Length == 0 ? null : charges.Sum(c => c.Cost), null, [], [], charges.Length == 0 ? null : charges);

    private static ExplainedRun Run(params ExplainStep[] steps) =>
        new("s", 1, "kvm/blk0", ["kvm/blk0/driver", "kvm/blk0/backend"], [], steps);

    [Fact]
    public void It_names_the_first_arrival_with_a_link_and_the_largest_driver_charges_before_it()
    {
        string html = ExplainRunIntro.Html(Run(
            Step(0, 0, "kvm/blk0/driver", null, "message"),
            Step(1, 0, "kvm/blk0/driver", null, "kick",
                new StepCharge("driver", "kvm.exit.mmioUser", 83, 243_356_000, 0),
                new StepCharge("driver", "vcpu.addChain", 1, 150_000, 0),
                new StepCharge("backend", "backend.wakeup", 1, 1_000_000, 0)),
            Step(2, 249_593_000, "kvm/blk0/driver", "kvm/blk0/backend", "kick",
                new StepCharge("driver", "kvm.exit.mmioUser", 1, 2_932_000, 0)),
            Step(3, 260_000_000, "kvm/blk0/backend", "kvm/blk0/driver", "interrupt")));

        Assert.StartsWith("<p id=\"intro\">4 steps from 0.000&#xA0;µs to 260.000&#xA0;µs.", html, StringComparison.Ordinal);
        Assert.Contains("The first kick reaches kvm/blk0/backend at 249.593&#xA0;µs (<a href=\"#step=3\" data-step-link=\"2\">step 3</a>)", html, StringComparison.Ordinal);
        // Driver charges only (the backend's wake-up is not the driver's), summed per entry, largest first.
        Assert.Contains("charged 246.438&#xA0;µs, mostly <code>kvm.exit.mmioUser</code> &times; 84 (246.288&#xA0;µs), <code>vcpu.addChain</code> &times; 1 (0.150&#xA0;µs).", html, StringComparison.Ordinal);
        Assert.DoesNotContain("backend.wakeup", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kick_is_preferred_to_an_earlier_message_and_a_message_is_named_when_there_is_no_kick()
    {
        var stop = Step(0, 2_932_000, "kvm/blk0/driver", "kvm/blk0/backend", "message");
        var kick = Step(1, 249_593_000, "kvm/blk0/driver", "kvm/blk0/backend", "kick");
        Assert.Contains("The first kick reaches kvm/blk0/backend at 249.593&#xA0;µs (<a href=\"#step=2\"", ExplainRunIntro.Html(Run(stop, kick)), StringComparison.Ordinal);
        Assert.Contains("The first message reaches kvm/blk0/backend at 2.932&#xA0;µs (<a href=\"#step=1\"", ExplainRunIntro.Html(Run(stop)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_a_notification_says_only_its_length_and_one_without_steps_nothing()
    {
        Assert.Equal("<p id=\"intro\">1 step from 0.001&#xA0;µs to 0.001&#xA0;µs.</p>\n",
            ExplainRunIntro.Html(Run(Step(0, 1_000, "kvm/blk0/driver", null, "descriptor"))));
        Assert.Equal("", ExplainRunIntro.Html(Run()));
    }
}
