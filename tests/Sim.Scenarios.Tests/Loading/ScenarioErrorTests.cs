using static Sim.Scenarios.Tests.Loading.ScenarioAssert;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>Bad top-level keys and values, and bad YAML: each rejected at the offending text, saying why.</summary>
public class ScenarioErrorTests
{
    /// <summary>A valid queueing section to append after the top-level keys (lines 4 to 10 when they take 3 lines).</summary>
    private const string Queueing = """
        queueing:
          sources:
            - name: a
              interarrival: { exponential: 1us }
              to: sink
          sinks:
            - name: sink
        """;

    [Fact]
    public void A_misspelt_key_is_reported_at_the_key_with_the_nearest_valid_key()
    {
        RejectedAt($"name: q\nseed: 1\ndurration: 1s\n{Queueing}", 3, 1,
            "unknown key 'durration' in the top level; did you mean 'duration'?");
    }

    [Fact]
    public void An_unknown_key_far_from_any_valid_key_lists_the_valid_keys()
    {
        RejectedAt($"name: q\nseed: 1\nduration: 1s\ncolour: blue\n{Queueing}", 4, 1,
            "unknown key 'colour' in the top level; expected one of: name, description, seed, duration, warmup, maxEvents, headline, queueing");
    }

    [Fact]
    public void A_seed_that_is_not_an_unsigned_integer_is_a_type_error_at_the_value()
    {
        RejectedAt($"name: q\nseed: abc\nduration: 1s\n{Queueing}", 2, 7,
            "seed: expected an unsigned 64-bit integer (0 to 18446744073709551615), found 'abc'");
    }

    [Theory]
    [InlineData("10 parsecs", "'parsecs' is not a time unit in '10 parsecs'")]
    [InlineData("10xs", "'xs' is not a time unit in '10xs'")]
    [InlineData("10", "'10' has no unit")]
    [InlineData("1.5.2ms", "'1.5.2' is not a number")]
    public void A_bad_time_carries_the_time_parser_reason(string text, string reason)
    {
        var error = RejectedAt($"name: q\nseed: 1\nduration: {text}\n{Queueing}", 3, 11, "duration: ", reason);
        Assert.Contains("expected a number followed by a unit", error.Problem);
    }

    [Fact]
    public void A_missing_required_key_is_reported_at_the_mapping_that_lacks_it()
    {
        RejectedAt($"name: q\nseed: 1\n{Queueing}", 1, 1, "missing required key 'duration' in the top level");
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("-1ms")]
    public void A_duration_that_is_not_positive_is_out_of_range(string duration)
    {
        RejectedAt($"name: q\nseed: 1\nduration: {duration}\n{Queueing}", 3, 11, $"duration: expected a time > 0, found '{duration}'");
    }

    [Theory]
    [InlineData("1s")]
    [InlineData("2s")]
    public void A_warmup_not_shorter_than_the_duration_is_out_of_range(string warmup)
    {
        RejectedAt($"name: q\nseed: 1\nduration: 1s\nwarmup: {warmup}\n{Queueing}", 4, 9,
            $"warmup: expected a time shorter than duration (1s), found '{warmup}'");
    }

    [Fact]
    public void A_negative_warmup_is_out_of_range()
    {
        RejectedAt($"name: q\nseed: 1\nduration: 1s\nwarmup: -1ms\n{Queueing}", 4, 9, "warmup: expected a time >= 0, found '-1ms'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1e6")]
    public void An_event_budget_must_be_a_positive_integer(string budget)
    {
        RejectedAt($"name: q\nseed: 1\nduration: 1s\nmaxEvents: {budget}\n{Queueing}", 4, 12,
            $"maxEvents: expected a positive integer, found '{budget}'");
    }

    [Theory]
    [InlineData("my scenario")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("''")]
    public void A_name_that_cannot_be_a_directory_name_is_rejected(string name)
    {
        RejectedAt($"name: {name}\nseed: 1\nduration: 1s\n{Queueing}", 1, 7,
            "name: expected a name of letters, digits, '.', '_' and '-' (it names the output directory)");
    }

    [Fact]
    public void A_duplicate_key_is_reported_at_its_second_occurrence_naming_the_first()
    {
        RejectedAt($"name: q\nseed: 1\nduration: 1s\nseed: 2\n{Queueing}", 4, 1,
            "duplicate key 'seed': already given at line 2, column 1");
    }

    [Fact]
    public void A_duplicate_key_in_a_nested_mapping_is_reported_too()
    {
        RejectedAt("name: q\nseed: 1\nduration: 1s\nqueueing:\n  sinks: []\n  sinks: []\n", 6, 3,
            "duplicate key 'sinks': already given at line 5, column 3");
    }

    [Fact]
    public void A_bad_indentation_is_a_yaml_syntax_error_at_its_place()
    {
        const string yaml = """
            name: q
            seed: 1
            duration: 1s
            queueing:
              sources:
                - name: a
                  interarrival: { exponential: 1us }
                 to: sink
            """;
        RejectedAt(yaml, 8, 6, "YAML syntax error: while parsing a block collection, did not find expected '-' indicator");
    }

    [Fact]
    public void An_unclosed_flow_sequence_is_a_yaml_syntax_error_not_a_library_exception()
    {
        RejectedAt("name: q\nseed: [1, 2\nduration: 1s\n", 3, 1, "YAML syntax error");
    }

    [Fact]
    public void An_unknown_alias_is_a_yaml_syntax_error()
    {
        RejectedAt($"name: q\nseed: *nowhere\nduration: 1s\n{Queueing}", 2, 7, "alias '*nowhere' refers to no anchor");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("\n\n")]
    public void An_empty_file_is_rejected(string yaml)
    {
        RejectedAt(yaml, 1, 1, "the file is empty; expected a scenario");
    }

    [Fact]
    public void A_file_that_is_not_a_mapping_is_a_type_error()
    {
        RejectedAt("- name: q\n- seed: 1\n", 1, 1, "expected a scenario: a mapping of keys such as name, seed, duration, found a sequence");
    }

    [Fact]
    public void A_second_yaml_document_is_rejected()
    {
        RejectedAt($"name: q\nseed: 1\nduration: 1s\n{Queueing}\n---\nname: r\n", 12, 1,
            "found a second YAML document; expected exactly one document in the file");
    }

    [Fact]
    public void A_scenario_without_an_entity_section_is_rejected_at_the_top_level()
    {
        RejectedAt("name: q\nseed: 1\nduration: 1s\n", 1, 1, "no entity section in the scenario; expected at least one of: queueing");
    }

    [Fact]
    public void A_section_of_the_wrong_node_type_is_a_type_error()
    {
        RejectedAt("name: q\nseed: 1\nduration: 1s\nqueueing: [a, b]\n", 4, 11, "queueing: expected a mapping, found a sequence");
    }
}
