using Sim.Core.Actors;
using Sim.Core.Statistics;

namespace Sim.Worlds.Queueing;

/// <summary>
/// Absorbs jobs, counting them (<c>received</c>) and recording their time in the network (<c>response</c>): the end of
/// a route, with nothing downstream by design.
/// </summary>
public sealed class JobSink : Actor
{
    private readonly Counter _received;
    private readonly LatencyHistogram _response;

    /// <summary>A sink with its metrics.</summary>
    public JobSink()
    {
        _received = NewCounter("received");
        _response = NewLatencyHistogram("response");
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not Job job)
        {
            Unhandled(message);
            return;
        }
        _received.Increment();
        _response.Record(Now - job.CreatedAt);
    }
}
