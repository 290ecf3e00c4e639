using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>What one comparison argument contributes: its items, and a study's selected metrics.</summary>
/// <param name="Source">The results file read.</param>
/// <param name="IsStudy">Whether it is a study's results (one item per point) rather than a single run's.</param>
/// <param name="Items">Its items: the run, or the study's (chosen) points in point order.</param>
/// <param name="Selected">A study's selected metric keys; empty for a run.</param>
public sealed record LoadedResults(string Source, bool IsStudy, IReadOnlyList<ComparedItem> Items, IReadOnlyList<string> Selected);
