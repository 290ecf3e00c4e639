using Sim.Studies.Comparing;

namespace Sim.Scenarios.Tests.Comparing;

/// <summary>
/// Reading comparison arguments: a run's results flatten like a study's (every value, plus perSecond for counters over
/// the measured time) with n = 1 and no interval; a study gives one item per (chosen) point; anything else is an input
/// error naming the file.
/// </summary>
public sealed class ComparisonSourceTests
{
    [Fact]
    public void A_run_file_flattens_every_value_and_adds_per_second_for_counters_over_the_measured_time()
    {
        string directory = ComparisonJson.WriteResults(ComparisonJson.TempDirectory(), "before", ComparisonJson.Run(requests: 300, latencyMean: 0.002));
        var loaded = ComparisonSource.Load(directory);

        Assert.False(loaded.IsStudy);
        var item = Assert.Single(loaded.Items);
        Assert.Equal("before", item.Label);
        Assert.Equal(300, item.Get("g/blk0/driver/requests.count")!.Mean);
        var perSecond = item.Get("g/blk0/driver/requests.perSecond")!;
        Assert.Equal(200, perSecond.Mean, 9); // 300 over 2.0 - 0.5 s
        Assert.Equal(1, perSecond.Count);
        Assert.False(perSecond.HasInterval);
        Assert.Equal(0.002, item.Get("g/blk0/driver/latency.mean")!.Mean);
        Assert.Equal(0.004, item.Get("g/blk0/driver/latency.p99")!.Mean);
        Assert.Null(item.Get("g/blk0/driver/latency.perSecond")); // only counters get a rate
        Assert.Null(item.Get("g/blk0/driver/latency.kind"));
    }

    [Fact]
    public void A_run_file_given_by_name_is_labelled_by_its_directory_and_any_other_file_by_its_name()
    {
        string root = ComparisonJson.TempDirectory();
        string directory = ComparisonJson.WriteResults(root, "after", ComparisonJson.Run(1, 1));
        Assert.Equal("after", ComparisonSource.Load(Path.Combine(directory, "results.json")).Items[0].Label);
        string other = Path.Combine(root, "old-run.json");
        File.WriteAllText(other, ComparisonJson.Run(1, 1));
        Assert.Equal("old-run.json", ComparisonSource.Load(other).Items[0].Label);
    }

    [Fact]
    public void A_study_gives_one_item_per_point_with_its_intervals_and_its_selected_metrics()
    {
        string directory = ComparisonJson.WriteResults(ComparisonJson.TempDirectory(), "study", ComparisonJson.Study((1.0, 0.1), (2.0, null), (3.0, 0.2)));
        var loaded = ComparisonSource.Load(directory);

        Assert.True(loaded.IsStudy);
        Assert.Equal(["study#0 (sharing=v0)", "study#1 (sharing=v1)", "study#2 (sharing=v2)"], loaded.Items.Select(i => i.Label));
        Assert.Equal(["g/blk0/driver/latency.mean"], loaded.Selected);
        var first = loaded.Items[0].Get("g/blk0/driver/latency.mean")!;
        Assert.Equal(new ComparedValue(5, 1.0, 0.1), first);
        var second = loaded.Items[1].Get("g/blk0/driver/latency.mean")!;
        Assert.Null(second.HalfWidth);
        Assert.Equal(1, second.Count);
    }

    [Fact]
    public void Points_restrict_a_study_to_the_listed_indices_in_point_order()
    {
        string directory = ComparisonJson.WriteResults(ComparisonJson.TempDirectory(), "study", ComparisonJson.Study((1.0, 0.1), (2.0, 0.1), (3.0, 0.2)));
        var loaded = ComparisonSource.Load(directory, [2, 0]);
        Assert.Equal(["study#0 (sharing=v0)", "study#2 (sharing=v2)"], loaded.Items.Select(i => i.Label));
        Assert.Equal(3.0, loaded.Items[1].Get("g/blk0/driver/latency.mean")!.Mean);
    }

    [Fact]
    public void A_point_the_study_does_not_have_is_an_input_error_naming_it()
    {
        string directory = ComparisonJson.WriteResults(ComparisonJson.TempDirectory(), "study", ComparisonJson.Study((1.0, 0.1), (2.0, 0.1)));
        var ex = Assert.Throws<ComparisonInputException>(() => ComparisonSource.Load(directory, [0, 5]));
        Assert.Contains("no point 5", ex.Message);
        Assert.Contains("results.json", ex.Message);
    }

    [Fact]
    public void An_unknown_format_is_an_input_error_naming_the_file_and_the_formats_expected()
    {
        string directory = ComparisonJson.WriteResults(ComparisonJson.TempDirectory(), "weird", """{ "format": "virtiosim-trace/1", "metrics": {} }""");
        var ex = Assert.Throws<ComparisonInputException>(() => ComparisonSource.Load(directory));
        Assert.Contains(Path.Combine(directory, "results.json"), ex.Message);
        Assert.Contains("'virtiosim-trace/1'", ex.Message);
        Assert.Contains("virtiosim-results/1", ex.Message);
        Assert.Contains("virtiosim-study/1", ex.Message);
        Assert.Contains("virtiosim-run/1", ex.Message);

        // A run record without its results is malformed, not unknown.
        string record = ComparisonJson.WriteResults(ComparisonJson.TempDirectory(), "record", """{ "format": "virtiosim-run/1", "point": 0 }""");
        Assert.Contains("malformed 'virtiosim-run/1'", Assert.Throws<ComparisonInputException>(() => ComparisonSource.Load(record)).Message);
    }

    [Fact]
    public void Unreadable_json_and_a_run_file_missing_its_fields_are_input_errors_naming_the_file()
    {
        string root = ComparisonJson.TempDirectory();
        string broken = Path.Combine(root, "broken.json");
        File.WriteAllText(broken, "{ not json");
        Assert.Contains(broken, Assert.Throws<ComparisonInputException>(() => ComparisonSource.Load(broken)).Message);

        string partial = Path.Combine(root, "partial.json");
        File.WriteAllText(partial, """{ "format": "virtiosim-results/1", "metrics": {} }""");
        var ex = Assert.Throws<ComparisonInputException>(() => ComparisonSource.Load(partial));
        Assert.Contains(partial, ex.Message);
        Assert.Contains("malformed", ex.Message);
    }

    [Fact]
    public void A_missing_file_or_a_directory_without_results_is_an_input_error_naming_it()
    {
        string root = ComparisonJson.TempDirectory();
        string missing = Path.Combine(root, "nope.json");
        Assert.Contains(missing, Assert.Throws<ComparisonInputException>(() => ComparisonSource.Load(missing)).Message);
        var ex = Assert.Throws<ComparisonInputException>(() => ComparisonSource.Load(root));
        Assert.Contains(root, ex.Message);
        Assert.Contains("no results.json", ex.Message);
    }
}
