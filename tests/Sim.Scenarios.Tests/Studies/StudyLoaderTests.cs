using Sim.Scenarios.Model;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Studies;

namespace Sim.Scenarios.Tests.Studies;

/// <summary>A scenario's sweep expands into points in the documented order, each validated, with located errors.</summary>
public sealed class StudyLoaderTests
{
    private static Study Load(string study) => StudyLoader.LoadText(StudyText.Mm1(study), "study.yaml");

    private static ScenarioException Fails(string study) => Assert.Throws<ScenarioException>(() => Load(study));

    [Fact]
    public void A_grid_varies_the_last_parameter_fastest_and_puts_each_value_into_its_point()
    {
        var study = Load("""
            replications: 3
            sweep:
              grid:
                - { path: queueing.servers.server.service.exponential, values: [5us, 8us] }
                - { name: gap, path: queueing.sources.0.interarrival.exponential, values: [10us, 20us, 40us] }
            """);
        Assert.Equal(6, study.Points.Count);
        Assert.Equal(18, study.RunCount);
        Assert.Equal(["exponential=5us, gap=10us", "exponential=5us, gap=20us", "exponential=5us, gap=40us", "exponential=8us, gap=10us"],
            study.Points.Take(4).Select(p => p.Label(study.Declaration)));
        var last = study.Points[5].Model.Queueing!;
        Assert.Equal(SimTime.FromMicroseconds(8), last.Servers[0].Service.Mean);
        Assert.Equal(SimTime.FromMicroseconds(40), last.Sources[0].Interarrival.Mean);
    }

    [Fact]
    public void A_zip_takes_the_lists_side_by_side()
    {
        var study = Load("""
            sweep:
              zip:
                - { path: queueing.servers.server.service.exponential, values: [5us, 8us] }
                - { name: gap, path: queueing.sources.arrivals.interarrival.exponential, values: [10us, 20us] }
            """);
        Assert.Equal(["exponential=5us, gap=10us", "exponential=8us, gap=20us"], study.Points.Select(p => p.Label(study.Declaration)));
        Assert.Equal(2, study.Points.Count);
        Assert.Equal(SimTime.FromMicroseconds(20), study.Points[1].Model.Queueing!.Sources[0].Interarrival.Mean);
    }

    [Fact]
    public void A_range_with_a_unit_steps_in_decimal_and_includes_its_end()
    {
        var study = Load("""
            sweep:
              grid:
                - { name: service, path: queueing.servers.server.service.exponential, range: { from: 0.1us, to: 0.5us, step: 0.1us } }
            """);
        Assert.Equal(["0.1us", "0.2us", "0.3us", "0.4us", "0.5us"], study.Declaration.Parameters[0].Values.Select(v => v.Text));
        Assert.Equal(SimTime.FromNanoseconds(300), study.Points[2].Model.Queueing!.Servers[0].Service.Mean);
    }

    [Fact]
    public void A_range_by_factor_multiplies()
    {
        var study = Load("""
            sweep:
              grid:
                - { name: gap, path: queueing.sources.arrivals.interarrival.exponential, range: { from: 10us, to: 80us, factor: 2 } }
            """);
        Assert.Equal(["10us", "20us", "40us", "80us"], study.Declaration.Parameters[0].Values.Select(v => v.Text));
        Assert.All(study.Declaration.Parameters[0].Values, v => Assert.Equal("us", v.Unit));
    }

    [Fact]
    public void Replications_alone_make_one_point()
    {
        var study = Load("replications: 4");
        Assert.Single(study.Points);
        Assert.Equal(4, study.RunCount);
        Assert.Equal("base", study.Points[0].Label(study.Declaration));
    }

    [Fact]
    public void The_document_is_left_as_written_after_expansion()
    {
        var study = Load("""
            sweep:
              grid:
                - { path: queueing.servers.server.service.exponential, values: [5us, 8us, 9us] }
            """);
        Assert.Equal(SimTime.FromMicroseconds(8), study.Scenario.Queueing!.Servers[0].Service.Mean);
    }

    [Theory]
    [InlineData("queueing.servers.srv.service.exponential", 4, "no item named 'srv' in queueing.servers; expected one of: server")]
    [InlineData("queueing.servers.3.service.exponential", 4, "has 1 item(s); expected an index from 0 to 0")]
    [InlineData("queueing.sevrers.0.service", 4, "no key 'sevrers' in queueing; did you mean 'servers'")]
    [InlineData("queueing.servers.0", 4, "ends at an item")]
    [InlineData("queueing..servers", 4, "is not a value path")]
    public void A_path_that_leads_nowhere_is_an_error_at_the_path(string path, int line, string problem)
    {
        var error = Fails($$"""
            sweep:
              grid:
                - path: {{path}}
                  values: [5us]
            """);
        Assert.Equal(line + 14, error.Line);
        Assert.True(error.Problem.Contains(problem, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_an_error_at_that_value()
    {
        var error = Fails("""
            sweep:
              grid:
                - path: queueing.servers.server.service.exponential
                  values: [5us, fast]
            """);
        Assert.Equal(19, error.Line);
        Assert.Equal(21, error.Column);
        Assert.Contains("queueing.servers[0].service.exponential", error.Problem);
    }

    [Fact]
    public void A_generated_value_that_does_not_fit_is_an_error_at_its_range()
    {
        var error = Fails("""
            sweep:
              grid:
                - path: queueing.servers.server.service.exponential
                  range: { from: 1, to: 3, step: 1 }
            """);
        Assert.Equal(19, error.Line);
        Assert.Equal(14, error.Column);
    }

    [Fact]
    public void An_unknown_last_key_is_added_and_then_refused_as_an_unknown_key_at_the_path()
    {
        var error = Fails("""
            sweep:
              grid:
                - path: queueing.servers.server.servise
                  values: [5us]
            """);
        Assert.Equal(18, error.Line);
        Assert.Contains("unknown key 'servise'", error.Problem);
        Assert.Contains("service", error.Problem);
    }

    [Theory]
    [InlineData("range: { from: 8us, to: 4us, step: 1us }", "empty range")]
    [InlineData("range: { from: 4us, to: 8us, step: 0us }", "a step > 0")]
    [InlineData("range: { from: 4us, to: 8us, step: 1ms }", "a number in us")]
    [InlineData("values: []", "a non-empty list of values")]
    [InlineData("values: [1us]\n      range: { from: 1us, to: 2us, step: 1us }", "only one of the keys values or range")]
    public void Bad_values_are_located_errors(string values, string problem)
    {
        var error = Fails($"""
            sweep:
              grid:
                - path: queueing.servers.server.service.exponential
                  {values}
            """);
        Assert.Contains(problem, error.Problem);
        Assert.True(error.Line >= 18, $"line {error.Line}");
    }

    [Theory]
    [InlineData("zip", "a zip needs lists of the same length")]
    [InlineData("grid", "swept twice")]
    public void Inconsistent_parameters_are_errors(string mode, string problem)
    {
        string second = mode == "zip" ? "queueing.sources.arrivals.interarrival.exponential" : "queueing.servers.server.service.exponential";
        var error = Fails($"""
            sweep:
              {mode}:
                - {"{"} path: queueing.servers.server.service.exponential, values: [5us, 8us] {"}"}
                - {"{"} name: second, path: {second}, values: [10us] {"}"}
            """);
        Assert.Contains(problem, error.Problem);
        Assert.Equal(19, error.Line);
    }

    [Theory]
    [InlineData("replications: 0", "replications: expected an integer from 1 to 100000")]
    [InlineData("sweep: { grid: [], confidence: 0.95 }", "a non-empty list of parameters")]
    [InlineData("sweep:\n  grid: [ { path: queueing.sinks.sink.name, values: [a] } ]\n  confidence: 1.5", "a level between 0 and 1")]
    [InlineData("sweep:\n  grid: [ { path: queueing.sinks.sink.name, values: [a] } ]\n  plot: { x: nope }", "no swept parameter is named 'nope'")]
    [InlineData("sweep:\n  grid: [ { path: queueing.sinks.sink.name, values: [a] } ]\n  seeds: shared", "independent or common")]
    public void Bad_study_settings_are_located_errors(string study, string problem)
    {
        var error = Fails(study);
        Assert.True(error.Problem.Contains(problem, StringComparison.Ordinal), error.Message);
        Assert.True(error.Line >= 16, $"line {error.Line}");
    }

    [Fact]
    public void One_parameter_may_put_its_value_in_several_places()
    {
        var study = Load("""
            sweep:
              grid:
                - name: both
                  path: [queueing.servers.server.service.exponential, queueing.sources.arrivals.interarrival.exponential]
                  values: [5us, 7us]
            """);
        var q = study.Points[1].Model.Queueing!;
        Assert.Equal(SimTime.FromMicroseconds(7), q.Servers[0].Service.Mean);
        Assert.Equal(SimTime.FromMicroseconds(7), q.Sources[0].Interarrival.Mean);
        Assert.Equal(2, study.Declaration.Parameters[0].Paths.Count);
    }
}
