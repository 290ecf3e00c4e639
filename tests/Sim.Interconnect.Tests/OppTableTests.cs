using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests;

public sealed class OppTableTests
{
    private static OperatingPoint Level(double gbps, double watts) => new(gbps * 1e9, watts, SimTime.FromMicroseconds(10));

    [Fact]
    public void The_lowest_level_meeting_a_demand_is_chosen_and_the_top_when_none_meets_it()
    {
        var table = new OppTable([Level(1, 0.1), Level(2, 0.3), Level(4, 0.8)]);
        Assert.Equal(0, table.LowestMeeting(0));
        Assert.Equal(0, table.LowestMeeting(1e9));
        Assert.Equal(1, table.LowestMeeting(1e9 + 1));
        Assert.Equal(2, table.LowestMeeting(4e9));
        Assert.Equal(2, table.LowestMeeting(9e9));
        Assert.Equal(2, table.Top);
    }

    [Fact]
    public void Unordered_or_empty_tables_are_refused_naming_the_level()
    {
        Assert.Throws<ArgumentException>(() => new OppTable([]));
        Assert.Contains("level 1: bandwidth", Assert.Throws<ArgumentException>(() => new OppTable([Level(2, 0.1), Level(1, 0.2)])).Message);
        Assert.Contains("level 1: power", Assert.Throws<ArgumentException>(() => new OppTable([Level(1, 0.5), Level(2, 0.2)])).Message);
    }
}
