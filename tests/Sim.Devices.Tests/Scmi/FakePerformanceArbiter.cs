using Sim.Devices.Scmi;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Tests.Scmi;

/// <summary>An arbiter that records every forwarded request and answers with a settable status; the level is the last one accepted.</summary>
internal sealed class FakePerformanceArbiter : IPerformanceArbiter
{
    public List<(int Agent, uint Domain, uint PerfValue)> LevelRequests { get; } = [];

    public List<(int Agent, uint Domain, uint Min, uint Max)> LimitsRequests { get; } = [];

    public ScmiStatus Answer { get; set; } = ScmiStatus.Success;

    public Dictionary<uint, uint> Levels { get; } = [];

    public Dictionary<uint, (uint Min, uint Max)> Limits { get; } = [];

    public ScmiStatus RequestLevel(int agent, uint domain, uint perfValue)
    {
        LevelRequests.Add((agent, domain, perfValue));
        if (Answer == ScmiStatus.Success) Levels[domain] = perfValue;
        return Answer;
    }

    public ScmiStatus RequestLimits(int agent, uint domain, uint min, uint max)
    {
        LimitsRequests.Add((agent, domain, min, max));
        if (Answer == ScmiStatus.Success) Limits[domain] = (min, max);
        return Answer;
    }

    public uint CurrentLevel(uint domain) => Levels.GetValueOrDefault(domain);

    public (uint Min, uint Max) CurrentLimits(uint domain) => Limits.GetValueOrDefault(domain);
}
