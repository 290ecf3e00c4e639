using static Sim.Scenarios.Tests.Loading.ScenarioAssert;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>Bad entities, distributions and routes in the queueing section, each rejected where it is written.</summary>
public class QueueingSectionErrorTests
{
    /// <summary>The top-level keys; the section's body starts on line 5.</summary>
    private const string Header = "name: q\nseed: 1\nduration: 1s\nqueueing:\n";

    /// <summary>A valid section (lines 5 to 14) to break one line at a time.</summary>
    private const string Body = """
          sources:
            - name: arrivals
              interarrival: { exponential: 10us }
              to: server
          servers:
            - name: server
              service: { exponential: 8us }
              to: sink
          sinks:
            - name: sink
        """;

    /// <summary>The valid scenario with line <paramref name="line"/> (of the whole file) replaced.</summary>
    private static string WithLine(int line, string text)
    {
        string[] lines = (Header + Body).Split('\n');
        lines[line - 1] = text;
        return string.Join('\n', lines);
    }

    [Fact]
    public void The_valid_section_used_by_these_tests_loads()
    {
        Assert.NotNull(Sim.Scenarios.Loading.ScenarioLoader.LoadText(Header + Body, "good.yaml").Queueing);
    }

    [Fact]
    public void A_misspelt_distribution_kind_suggests_the_nearest_kind()
    {
        RejectedAt(WithLine(7, "      interarrival: { exponentail: 10us }"), 7, 23,
            "queueing.sources[0].interarrival: unknown distribution 'exponentail'; did you mean 'exponential'?");
    }

    [Fact]
    public void An_unknown_distribution_kind_lists_the_kinds()
    {
        RejectedAt(WithLine(7, "      interarrival: { normal: 10us }"), 7, 23,
            "unknown distribution 'normal'; expected one of: exponential, constant, uniform");
    }

    [Fact]
    public void A_distribution_with_two_kinds_is_rejected_at_the_second()
    {
        RejectedAt(WithLine(7, "      interarrival: { exponential: 10us, constant: 1us }"), 7, 42,
            "a distribution has exactly one key", "found a second key 'constant'");
    }

    [Fact]
    public void An_empty_distribution_is_rejected()
    {
        RejectedAt(WithLine(7, "      interarrival: {}"), 7, 21,
            "expected a distribution, one of { exponential, constant, uniform }, found an empty mapping");
    }

    [Fact]
    public void A_bare_time_is_not_a_distribution()
    {
        RejectedAt(WithLine(7, "      interarrival: 10us"), 7, 21,
            "queueing.sources[0].interarrival: expected a distribution such as { exponential: 10us }", "found '10us'");
    }

    [Fact]
    public void A_uniform_distribution_needs_min_not_above_max()
    {
        RejectedAt(WithLine(7, "      interarrival: { uniform: { min: 3us, max: 1us } }"), 7, 49,
            "queueing.sources[0].interarrival.uniform.max: expected a time >= min (3us), found '1us'");
    }

    [Fact]
    public void A_uniform_distribution_rejects_unknown_bounds()
    {
        RejectedAt(WithLine(7, "      interarrival: { uniform: { min: 1us, mx: 3us } }"), 7, 44,
            "unknown key 'mx' in queueing.sources[0].interarrival.uniform; did you mean 'max'?");
    }

    [Fact]
    public void An_exponential_mean_must_be_positive()
    {
        RejectedAt(WithLine(7, "      interarrival: { exponential: 0s }"), 7, 36,
            "queueing.sources[0].interarrival.exponential: expected a time > 0, found '0s'");
    }

    [Fact]
    public void A_constant_delay_must_not_be_negative()
    {
        RejectedAt(WithLine(11, "      service: { constant: -1us }"), 11, 28,
            "queueing.servers[0].service.constant: expected a time >= 0, found '-1us'");
    }

    [Fact]
    public void A_route_to_an_undefined_name_suggests_the_nearest_defined_one()
    {
        RejectedAt(WithLine(8, "      to: sever"), 8, 11,
            "queueing.sources[0].to: 'sever' is not a server or sink in queueing; did you mean 'server'?");
    }

    [Fact]
    public void A_route_to_a_name_far_from_any_lists_the_servers_and_sinks()
    {
        RejectedAt(WithLine(8, "      to: nowhere"), 8, 11,
            "'nowhere' is not a server or sink in queueing; expected one of: server, sink");
    }

    [Fact]
    public void A_route_to_a_source_is_rejected()
    {
        RejectedAt(WithLine(12, "      to: arrivals"), 12, 11, "queueing.servers[0].to: 'arrivals' is a source; expected a server or sink");
    }

    [Fact]
    public void A_weighted_route_to_an_undefined_name_is_reported_at_its_target()
    {
        RejectedAt(WithLine(8, "      to: [ { target: server, weight: 0.5 }, { target: snk, weight: 0.5 } ]"), 8, 56,
            "queueing.sources[0].to[1].target: 'snk' is not a server or sink in queueing; did you mean 'sink'?");
    }

    [Theory]
    [InlineData("-0.5", "expected a weight > 0, found '-0.5'")]
    [InlineData("0", "expected a weight > 0, found '0'")]
    [InlineData("heavy", "expected a number, found 'heavy'")]
    [InlineData(".inf", "expected a number, found '.inf'")]
    public void A_route_weight_must_be_a_positive_number(string weight, string phrase)
    {
        RejectedAt(WithLine(8, $"      to: [ {{ target: server, weight: {weight} }} ]"), 8, 39,
            $"queueing.sources[0].to[0].weight: {phrase}");
    }

    [Fact]
    public void A_route_list_names_each_target_once()
    {
        RejectedAt(WithLine(8, "      to: [ { target: sink }, { target: sink } ]"), 8, 41,
            "queueing.sources[0].to[1].target: duplicate route to 'sink'");
    }

    [Fact]
    public void An_empty_route_list_is_rejected()
    {
        RejectedAt(WithLine(8, "      to: []"), 8, 11, "queueing.sources[0].to: expected at least one route, found an empty sequence");
    }

    [Fact]
    public void A_route_that_is_a_mapping_is_a_type_error()
    {
        RejectedAt(WithLine(8, "      to: { target: server }"), 8, 11,
            "queueing.sources[0].to: expected a server or sink name, or a list of { target, weight } routes, found a mapping");
    }

    [Fact]
    public void A_name_used_twice_in_the_section_is_reported_at_the_second_use()
    {
        RejectedAt(WithLine(10, "    - name: arrivals"), 10, 13,
            "duplicate name 'arrivals': already the name of the source at line 6, column 13");
    }

    [Fact]
    public void An_empty_entity_name_is_rejected()
    {
        RejectedAt(WithLine(14, "    - name: ''"), 14, 13, "queueing.sinks[0].name: expected a non-empty sink name, found ''");
    }

    [Fact]
    public void An_entity_name_that_cannot_be_an_actor_path_is_rejected()
    {
        RejectedAt(WithLine(14, "    - name: my sink"), 14, 13, "'my sink' cannot name a sink: character ' ' is not allowed");
    }

    [Fact]
    public void An_entity_missing_a_required_key_is_reported_at_its_mapping()
    {
        RejectedAt(WithLine(8, "      limit: 10"), 6, 7, "missing required key 'to' in queueing.sources[0]");
    }

    [Fact]
    public void A_misspelt_entity_key_suggests_the_valid_one()
    {
        RejectedAt(WithLine(8, "      to: server\n      limt: 10"), 9, 7, "unknown key 'limt' in queueing.sources[0]; did you mean 'limit'?");
    }

    [Fact]
    public void A_source_only_key_is_unknown_on_a_server()
    {
        RejectedAt(WithLine(12, "      to: sink\n      limit: 10"), 13, 7,
            "unknown key 'limit' in queueing.servers[0]; expected one of: name, service, to");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public void A_source_limit_must_be_a_positive_integer(string limit)
    {
        RejectedAt(WithLine(8, $"      to: server\n      limit: {limit}"), 9, 14,
            $"queueing.sources[0].limit: expected a positive integer, found '{limit}'");
    }

    [Fact]
    public void A_misspelt_list_name_suggests_the_valid_one()
    {
        RejectedAt(WithLine(13, "  sinkss:"), 13, 3, "unknown key 'sinkss' in queueing; did you mean 'sinks'?");
    }

    [Fact]
    public void An_entity_list_that_is_a_mapping_is_a_type_error()
    {
        RejectedAt(Header + "  sinks:\n    name: sink\n", 6, 5, "queueing.sinks: expected a sequence, found a mapping");
    }

    [Fact]
    public void An_entity_that_is_not_a_mapping_is_a_type_error()
    {
        RejectedAt(WithLine(14, "    - sink"), 14, 7, "queueing.sinks[0]: expected a mapping, found 'sink'");
    }

    [Fact]
    public void A_section_without_a_sink_is_rejected_at_the_section()
    {
        string yaml = (Header + Body).Replace("  sinks:\n    - name: sink", "").Replace("to: sink", "to: server");
        RejectedAt(yaml, 5, 3, "queueing: expected at least one sink in 'sinks', found none");
    }

    [Fact]
    public void A_section_with_an_empty_source_list_is_rejected_at_the_list()
    {
        RejectedAt(Header + "  sources: []\n  sinks:\n    - name: sink\n", 5, 12, "queueing: expected at least one source in 'sources', found none");
    }
}
