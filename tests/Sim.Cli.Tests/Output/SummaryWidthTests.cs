using Sim.Cli.Output;
using Sim.Cli.Output.Layout;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;

namespace Sim.Cli.Tests.Output;

/// <summary>
/// Every shipped scenario's run summary (every table `sim run` prints) fits 80, 120 and 200 columns and the piped width (160), without breaking a
/// figure or a header: every cell and header of its table appears whole on one line, no table line is wider than the
/// width, and no two columns share a header. The scenarios run shortened (2 ms; the tables' shape, not their figures,
/// is under test).
/// </summary>
public sealed class SummaryWidthTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        string root = CliHarness.RepositoryRoot();
        foreach (string file in Directory.GetFiles(Path.Combine(root, "scenarios"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_summary_fits_every_width_without_breaking_a_figure(string scenario)
    {
        var model = ScenarioLoader.LoadFile(Path.Combine(CliHarness.RepositoryRoot(), scenario));
        var duration = SimTime.Min(model.Duration, SimTime.FromMilliseconds(2));
        var results = ScenarioRunner.Run(model with { Duration = duration, Warmup = SimTime.Min(model.Warmup, SimTime.FromPicoseconds(duration.Picoseconds / 2)) });
        // Every table `sim run` prints: the scenario's headline figures, the device (or interconnect) table, and the
        // host-to-VM latency table of the network scenarios.
        var tables = new List<TextTable> { SummaryTable.Build(results).Table.Checked() };
        if (model.Headline is { Count: > 0 } headline) tables.Add(HeadlineTable.Build(results, headline).Checked());
        if (NetLatencyTable.Build(results) is { } net) tables.Add(net.Checked());
        if (HostCoresTable.Build(results) is { } host) tables.Add(host.Checked());
        if (scenario.StartsWith("scenarios/network/", StringComparison.Ordinal)) Assert.Contains(tables, t => t.Headers.Contains("mean µs"));

        foreach (var table in tables)
            foreach (int width in new[] { 80, 120, 200, OutputConsole.PipedWidth() })
                TableWidth.AssertFits(table, width, scenario);
    }

    [Fact]
    public void A_table_too_wide_for_the_width_is_turned_and_split_and_at_the_narrowest_listed()
    {
        var rows = Enumerable.Range(0, 6).Select(i => new TextRow($"guest{i}/blk0", ["134,484", "551 MB/s", "41.0 µs"])).ToList();
        var table = new TextTable("device", ["IOPS", "throughput", "latency mean"], rows);
        Assert.Equal(FittedTable.Layout.Rows, FittedTable.Choose(table, 80));
        var wide = new TextTable("device", Enumerable.Range(0, 12).Select(i => $"figure {i}").ToList(),
            rows.Select(r => new TextRow(r.Item, Enumerable.Repeat("551 MB/s", 12).ToList())).ToList());
        Assert.Equal(FittedTable.Layout.Turned, FittedTable.Choose(wide, 80));
        string turned = TableWidth.Render(wide, 80);
        Assert.True(turned.Split('\n').Count(l => l.StartsWith('╭')) >= 2, "six items do not fit in one 80-column table:\n" + turned);
        Assert.Equal(FittedTable.Layout.List, FittedTable.Choose(wide, 20));
    }

    [Fact]
    public void A_study_table_shows_every_selected_metric_under_a_header_of_its_own()
    {
        var study = Sim.Scenarios.Loading.StudyLoader.LoadFile(Path.Combine(CliHarness.RepositoryRoot(), "scenarios/sharing/xen-grants.yaml"));
        var summary = Sim.Studies.StudySummary.Of(study, []);
        var table = StudyTable.Build(summary).Checked();
        Assert.Equal(summary.Selected.Count + study.Declaration.Parameters.Count + 1, table.Headers.Count);
        foreach (int width in new[] { 80, 120, 200 })
        {
            string text = TableWidth.Render(table, width);
            Assert.All(text.Split('\n').Where(l => l.StartsWith('│')), l => Assert.True(l.Length <= width, l));
        }
    }

}
