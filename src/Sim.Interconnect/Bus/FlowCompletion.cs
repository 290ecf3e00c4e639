using Sim.Core.Time;

namespace Sim.Interconnect.Bus;

/// <summary>A transfer that left the bus: completed with all its bytes, or cancelled with those delivered so far.</summary>
/// <param name="Id">The flow's id.</param>
/// <param name="Owner">Who the bytes were moved for (a VM, a device).</param>
/// <param name="Bytes">The flow's size.</param>
/// <param name="DeliveredBytes">Bytes delivered: <paramref name="Bytes"/> when completed, whole bytes moved so far when cancelled.</param>
/// <param name="StartedAt">When the flow started.</param>
/// <param name="EndedAt">When it completed or was cancelled.</param>
public readonly record struct FlowCompletion(long Id, string Owner, long Bytes, long DeliveredBytes, SimTime StartedAt, SimTime EndedAt)
{
    /// <summary>Time on the bus.</summary>
    public SimTime Latency => EndedAt - StartedAt;
}
