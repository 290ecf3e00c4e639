using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;

namespace Sim.Scenarios.Tests.Loading;

public class ScenarioLoaderTests
{
    private const string Full = """
        name: mm1.example_2-b
        description: M/M/1 queue
        seed: 18446744073709551615
        duration: 2s
        warmup: 100ms
        maxEvents: 5000000
        queueing:
          sources:
            - name: arrivals
              interarrival: { exponential: 10us }
              to: server
              limit: 100000
            - name: bursts
              interarrival: { uniform: { min: 1us, max: 3.5us } }
              to: [ { target: server, weight: 0.3 }, { target: sink, weight: 0.7 } ]
          servers:
            - name: server
              service: { constant: 8us }
              to:
                - target: sink
                - target: server
                  weight: 0.25
          sinks:
            - name: sink
        """;

    private const string Minimal = """
        name: q
        seed: 0
        duration: 1ms
        queueing:
          sources:
            - name: a
              interarrival: { exponential: 1us }
              to: z
          sinks:
            - name: z
        """;

    [Fact]
    public void A_full_file_loads_every_top_level_field()
    {
        ScenarioModel model = ScenarioLoader.LoadText(Full, "full.yaml");

        Assert.Equal("full.yaml", model.SourceFile);
        Assert.Equal("mm1.example_2-b", model.Name);
        Assert.Equal("M/M/1 queue", model.Description);
        Assert.Equal(ulong.MaxValue, model.Seed);
        Assert.Equal(SimTime.FromSeconds(2), model.Duration);
        Assert.Equal(SimTime.FromMilliseconds(100), model.Warmup);
        Assert.Equal(5_000_000L, model.MaxEvents);
    }

    [Fact]
    public void A_full_file_loads_sources_with_both_route_forms_and_their_distributions()
    {
        QueueingModel queueing = ScenarioLoader.LoadText(Full, "full.yaml").Queueing!;

        Assert.Equal(2, queueing.Sources.Count);
        SourceModel arrivals = queueing.Sources[0];
        Assert.Equal("arrivals", arrivals.Name);
        Assert.Equal(new ExponentialDelay(SimTime.FromMicroseconds(10)), arrivals.Interarrival);
        Assert.Equal([new RouteModel("server", 1.0)], arrivals.Routes);
        Assert.Equal(100_000L, arrivals.Limit);

        SourceModel bursts = queueing.Sources[1];
        Assert.Equal("bursts", bursts.Name);
        Assert.Equal(new UniformDelay(SimTime.FromMicroseconds(1), SimTime.FromPicoseconds(3_500_000)), bursts.Interarrival);
        Assert.Equal([new RouteModel("server", 0.3), new RouteModel("sink", 0.7)], bursts.Routes);
        Assert.Null(bursts.Limit);
    }

    [Fact]
    public void A_full_file_loads_servers_with_default_route_weights_and_sinks()
    {
        QueueingModel queueing = ScenarioLoader.LoadText(Full, "full.yaml").Queueing!;

        ServerModel server = Assert.Single(queueing.Servers);
        Assert.Equal("server", server.Name);
        Assert.Equal(new ConstantDelay(SimTime.FromMicroseconds(8)), server.Service);
        // A route list entry without a weight weighs 1; a server may feed back into itself.
        Assert.Equal([new RouteModel("sink", 1.0), new RouteModel("server", 0.25)], server.Routes);
        Assert.Equal([new SinkModel("sink")], queueing.Sinks);
    }

    [Fact]
    public void Optional_fields_take_their_defaults()
    {
        ScenarioModel model = ScenarioLoader.LoadText(Minimal, "min.yaml");

        Assert.Null(model.Description);
        Assert.Equal(0UL, model.Seed);
        Assert.Equal(SimTime.Zero, model.Warmup);
        Assert.Null(model.MaxEvents);
        Assert.Null(model.Queueing!.Sources[0].Limit);
        Assert.Empty(model.Queueing.Servers);
    }

    [Fact]
    public void An_empty_optional_value_counts_as_absent()
    {
        string yaml = Minimal.Replace("seed: 0", "seed: 0\ndescription:\nwarmup: ~");

        ScenarioModel model = ScenarioLoader.LoadText(yaml, "min.yaml");

        Assert.Null(model.Description);
        Assert.Equal(SimTime.Zero, model.Warmup);
    }

    [Fact]
    public void With_changes_the_seed_and_keeps_the_rest()
    {
        ScenarioModel model = ScenarioLoader.LoadText(Minimal, "min.yaml");

        ScenarioModel reseeded = model with { Seed = 7 };

        Assert.Equal(7UL, reseeded.Seed);
        Assert.Equal(model.Name, reseeded.Name);
        Assert.Same(model.Queueing, reseeded.Queueing);
    }

    [Fact]
    public void LoadFile_reads_the_file_and_names_it_as_given()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Minimal);
        try
        {
            ScenarioModel model = ScenarioLoader.LoadFile(path);

            Assert.Equal(path, model.SourceFile);
            Assert.Equal("q", model.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_names_errors_with_the_path_as_given()
    {
        string path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Minimal.Replace("seed: 0", "seed: -1"));
        try
        {
            var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(path));

            Assert.Equal($"{path}:2:7: seed: expected an unsigned 64-bit integer (0 to 18446744073709551615), found '-1'",
                error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_of_a_missing_file_is_a_scenario_error_for_the_whole_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "nowhere.yaml");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(path));

        Assert.Equal((path, 0, 0), (error.File, error.Line, error.Column));
        Assert.Contains("no such file", error.Problem);
        Assert.Contains("no directory", error.Problem);
        Assert.Equal($"{path}: {error.Problem}", error.Message);
    }

    [Fact]
    public void LoadFile_of_a_directory_is_a_scenario_error()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(Path.GetTempPath()));

        Assert.Equal((0, 0), (error.Line, error.Column));
        Assert.StartsWith("is a directory; expected the path of a scenario file", error.Problem);
        Assert.DoesNotContain(":0:0", error.Message);
    }
}
