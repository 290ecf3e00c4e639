using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using System.Text.Json;
using Sim.Studies.Validation;

namespace Sim.Cli.Tests;

/// <summary>
/// <c>sim fidelity</c>: one experiment's rows as the <c>virtiosim-fidelity/1</c> JSON document, an unknown experiment
/// as a one-line error naming the suite, the HTML page's table, and a non-zero exit for a suite that does not hold or
/// is inconsistent with the profiles fitted to it. The quickest experiments (wang-vhost-net-rx and -tx, well under a
/// second each) stand for the suite.
/// </summary>
public sealed class FidelityCommandTests
{
    private static readonly string Suite = Path.Combine(CliHarness.RepositoryRoot(), "validation");

    [Fact]
    public void Only_one_experiment_as_json_prints_the_fidelity_document_with_that_experiments_rows_and_exits_0()
    {
        var experiment = ExperimentLoader.LoadFile(Path.Combine(Suite, "wang-vhost-net-rx.yaml"));
        var result = CliHarness.Run("fidelity", "--dir", Suite, "--only", experiment.Name, "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.Equal("virtiosim-fidelity/1", root.GetProperty("format").GetString());
        Assert.True(root.GetProperty("holds").GetBoolean());
        Assert.Equal(0.2, root.GetProperty("medianLimit").GetDouble());
        // A calibration alone has no validation figure: no median, written as null rather than NaN.
        Assert.Equal(JsonValueKind.Null, root.GetProperty("validationMedianAbsoluteError").ValueKind);

        var json = Assert.Single(root.GetProperty("experiments").EnumerateArray().ToList());
        Assert.Equal(experiment.Name, json.GetProperty("name").GetString());
        Assert.Equal("wang-vhost-net-rx.yaml", json.GetProperty("file").GetString());
        Assert.Equal("calibration", json.GetProperty("role").GetString());
        Assert.Equal(experiment.Source.Title, json.GetProperty("source").GetProperty("title").GetString());
        var figures = json.GetProperty("figures").EnumerateArray().ToList();
        Assert.Equal(experiment.Figures.Select(f => f.Name), figures.Select(f => f.GetProperty("name").GetString()));
        foreach (var (figure, row) in experiment.Figures.Zip(figures))
        {
            double simulated = row.GetProperty("simulated").GetDouble();
            Assert.Equal(figure.Published, row.GetProperty("published").GetDouble());
            Assert.Equal(figure.Unit, row.GetProperty("unit").GetString());
            Assert.Equal((simulated - figure.Published) / figure.Published, row.GetProperty("error").GetDouble(), 12);
            Assert.Equal(figure.Tolerance, row.GetProperty("tolerance").GetDouble());
            Assert.True(row.GetProperty("passes").GetBoolean(), $"{figure.Name}: simulated {simulated}, published {figure.Published}");
            Assert.Equal(JsonValueKind.Null, row.GetProperty("problem").ValueKind);
        }
    }

    [Fact]
    public void Only_an_unknown_experiment_exits_2_with_one_line_naming_the_experiments_of_the_suite()
    {
        var result = CliHarness.Run("fidelity", "--dir", Suite, "--only", "wang-vhost-net-rxx");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: no experiment 'wang-vhost-net-rxx'", result.Error);
        var names = FidelityRunner.Load(FidelityRunner.Files(Suite)).Select(e => e.Name).ToList();
        Assert.NotEmpty(names);
        foreach (string name in names) Assert.Contains(name, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Html_writes_a_page_whose_table_has_the_experiment_role_published_simulated_and_error()
    {
        string page = Path.Combine(CliHarness.TempDirectory(), "fidelity.html");
        var result = CliHarness.Run("fidelity", "--dir", Suite, "--only", "wang-vhost-net-tx", "--json", "--html", page);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.True(File.Exists(page), $"no page at {page}");
        string html = File.ReadAllText(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        foreach (string column in new[] { "experiment", "role", "figure" }) Assert.Contains($"<th scope=\"col\">{column}</th>", html);
        foreach (string column in new[] { "published", "simulated", "error" }) Assert.Contains($"<th scope=\"col\" class=\"num\">{column}</th>", html);

        // The row holds the same figures as the JSON of the same run, formatted as the table formats them.
        using var document = JsonDocument.Parse(result.Output);
        var figure = Assert.Single(Assert.Single(document.RootElement.GetProperty("experiments").EnumerateArray().ToList()).GetProperty("figures").EnumerateArray().ToList());
        string unit = figure.GetProperty("unit").GetString()!;
        string row = "<tr><td>wang-vhost-net-tx</td><td>calibration</td>"
            + $"<td>{figure.GetProperty("name").GetString()}</td>"
            + $"<td class=\"num\">{FidelityDocuments.Number(figure.GetProperty("published").GetDouble())} {unit}</td>"
            + $"<td class=\"num\">{FidelityDocuments.Number(figure.GetProperty("simulated").GetDouble())} {unit}</td>"
            + $"<td class=\"num\">{FidelityDocuments.Percent(figure.GetProperty("error").GetDouble())}</td>";
        Assert.Contains(row, html);
        Assert.Contains("910,000 pps", row);
        Assert.Contains("holds: every figure within its tolerance and direction", html);
    }

    [Fact]
    public void A_suite_with_a_wrong_published_figure_exits_1_and_reports_that_figure_failing()
    {
        string directory = CopyOfSuite();
        string file = Path.Combine(directory, "wang-vhost-net-tx.yaml");
        string text = File.ReadAllText(file);
        string wrong = text.Replace("published: 910000,", "published: 1820000,", StringComparison.Ordinal);
        Assert.NotEqual(text, wrong);
        File.WriteAllText(file, wrong);

        var result = CliHarness.Run("fidelity", "--dir", directory, "--only", "wang-vhost-net-tx", "--json");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        Assert.False(document.RootElement.GetProperty("holds").GetBoolean());
        var figure = Assert.Single(Assert.Single(document.RootElement.GetProperty("experiments").EnumerateArray().ToList()).GetProperty("figures").EnumerateArray().ToList());
        Assert.Equal(1_820_000, figure.GetProperty("published").GetDouble());
        Assert.False(figure.GetProperty("withinTolerance").GetBoolean());
        Assert.False(figure.GetProperty("passes").GetBoolean());
    }

    [Fact]
    public void A_suite_without_a_calibration_experiment_a_built_in_profile_was_fitted_to_exits_2_naming_it()
    {
        string directory = CliHarness.TempDirectory();
        File.Copy(Path.Combine(Suite, "wang-vhost-net-tx.yaml"), Path.Combine(directory, "wang-vhost-net-tx.yaml"));

        var result = CliHarness.Run("fidelity", "--dir", directory);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("is fitted to 'wang-vhost-net-rx', which is no experiment of the suite", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    /// <summary>
    /// The suite copied to a temporary directory, machine profiles included; an experiment that refers to a scenario
    /// of the repository (<c>scenario: ../scenarios/...</c>) refers to it by its full path.
    /// </summary>
    private static string CopyOfSuite()
    {
        string directory = CliHarness.TempDirectory();
        foreach (string file in Directory.EnumerateFiles(Suite, "*.yaml"))
        {
            var lines = File.ReadAllLines(file).Select(line => line.StartsWith("scenario: ", StringComparison.Ordinal)
                ? "scenario: " + Path.GetFullPath(Path.Combine(Suite, line["scenario: ".Length..].Trim()))
                : line);
            File.WriteAllLines(Path.Combine(directory, Path.GetFileName(file)), lines);
        }
        Directory.CreateDirectory(Path.Combine(directory, "machines"));
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Suite, "machines"), "*.yaml"))
            File.Copy(file, Path.Combine(directory, "machines", Path.GetFileName(file)));
        return directory;
    }
}
