using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Queues;

/// <summary>
/// The one drain loop and the one reclaim loop (virtio 1.2, 2.7.13 / 2.7.14 notification suppression), call by call:
/// suppress, take everything, re-enable, and look again when something arrived meanwhile (the lost wake-up they
/// exist to prevent); the budget, the handler's stop and a broken queue end them where the devices need.
/// </summary>
public sealed class QueueLoopsTests
{
    private struct Serving(bool refuseSecond, bool stopBeforeWaiting) : IAvailableChainHandler
    {
        private readonly DescriptorChain _chain = new();

        public int Served { get; private set; }
        public readonly DescriptorChain NextChain => _chain;
        public readonly bool StopBeforeWaiting => stopBeforeWaiting;

        public bool Serve(IDeviceQueue queue, DescriptorChain chain)
        {
            Served++;
            if (refuseSecond && Served == 2)
            {
                queue.ReportRefusedBuffer(chain);
                return false;
            }
            queue.PushUsed(0, 1, 0);
            return true;
        }
    }

    private struct Collecting : IUsedBufferHandler
    {
        public List<long> Tokens { get; init; }

        public readonly void Reclaim(long token, uint written) => Tokens.Add(token);
    }

    [Fact]
    public void DrainSuppressesServesEverythingAndReEnables()
    {
        var queue = new ScriptedDeviceQueue { Available = 2 };
        var handler = new Serving(false, false);

        Assert.Equal(DrainOutcome.Empty, queue.DrainAvailable(ref handler));

        Assert.Equal(2, handler.Served);
        Assert.Equal(["disable", "pop", "used", "pop", "used", "pop", "enable"], queue.Calls);
    }

    [Fact]
    public void DrainLooksAgainWhenAChainArrivedBeforeTheReEnable()
    {
        var queue = new ScriptedDeviceQueue { Available = 1 };
        queue.ArriveOnEnable.Enqueue(1);
        var handler = new Serving(false, false);

        Assert.Equal(DrainOutcome.Empty, queue.DrainAvailable(ref handler));

        Assert.Equal(2, handler.Served);
        Assert.Equal(["disable", "pop", "used", "pop", "enable", "pop", "used", "pop", "enable"], queue.Calls);
    }

    [Fact]
    public void DrainStopsAtOnceWhenTheHandlerRefusesAChain()
    {
        var queue = new ScriptedDeviceQueue { Available = 3 };
        var handler = new Serving(true, false);

        Assert.Equal(DrainOutcome.Stopped, queue.DrainAvailable(ref handler));

        Assert.Equal(["disable", "pop", "used", "pop", "refused"], queue.Calls);
    }

    [Fact]
    public void DrainThatMustStopLeavesNotificationsSuppressed()
    {
        var queue = new ScriptedDeviceQueue { Available = 1 };
        var handler = new Serving(false, true);

        Assert.Equal(DrainOutcome.Stopped, queue.DrainAvailable(ref handler));

        Assert.Equal(["disable", "pop", "used", "pop"], queue.Calls);
    }

    [Fact]
    public void DrainEndsOnABrokenQueueWithoutReEnabling()
    {
        var queue = new ScriptedDeviceQueue { Available = 1, BreakOnPop = true };
        var handler = new Serving(false, false);

        Assert.Equal(DrainOutcome.Broken, queue.DrainAvailable(ref handler));

        Assert.Equal(["disable", "pop"], queue.Calls);
    }

    [Fact]
    public void DrainStopsAtItsBudgetWithNotificationsStillSuppressed()
    {
        var queue = new ScriptedDeviceQueue { Available = 5 };
        var handler = new Serving(false, false);

        Assert.Equal(DrainOutcome.BudgetSpent, queue.DrainAvailable(ref handler, budget: 2));

        Assert.Equal(2, handler.Served);
        Assert.Equal(3, queue.Available);
        Assert.Equal(["disable", "pop", "used", "pop", "used"], queue.Calls);
    }

    [Fact]
    public void DrainWithoutSuppressionLeavesTheNotificationStateAlone()
    {
        var queue = new ScriptedDeviceQueue { Available = 2 };
        queue.ArriveOnEnable.Enqueue(1);
        var handler = new Serving(false, false);

        Assert.Equal(DrainOutcome.Empty, queue.DrainAvailable(ref handler, suppress: false));

        Assert.Equal(["pop", "used", "pop", "used", "pop"], queue.Calls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PopOnNeedReEnablesAndTakesWhatArrivedMeanwhile(bool suppressAgain)
    {
        var queue = new ScriptedDeviceQueue();
        queue.ArriveOnEnable.Enqueue(1);

        Assert.True(queue.TryPopOrEnableNotifications(new DescriptorChain(), suppressAgain));
        Assert.False(queue.TryPopOrEnableNotifications(new DescriptorChain(), suppressAgain));

        string[] again = suppressAgain ? ["disable"] : [];
        Assert.Equal(["pop", "enable", .. again, "pop", "pop", "enable"], queue.Calls);
    }

    [Fact]
    public void ReclaimSuppressesTakesEverythingAndLooksAgain()
    {
        var queue = new ScriptedDriverQueue { Used = 2 };
        queue.UsedOnEnable.Enqueue(1);
        var handler = new Collecting { Tokens = [] };

        queue.ReclaimUsed(ref handler);

        Assert.Equal([0L, 1L, 2L], handler.Tokens);
        Assert.Equal(["disable", "reclaim", "reclaim", "reclaim", "enable", "reclaim", "reclaim", "enable"], queue.Calls);
    }

    [Fact]
    public void ReclaimWithoutSuppressionOnlyTakesWhatIsUsed()
    {
        var queue = new ScriptedDriverQueue { Used = 2 };
        var handler = new Collecting { Tokens = [] };

        queue.ReclaimUsed(ref handler, suppress: false);

        Assert.Equal([0L, 1L], handler.Tokens);
        Assert.Equal(["reclaim", "reclaim", "reclaim"], queue.Calls);
    }
}
