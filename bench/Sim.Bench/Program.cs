using BenchmarkDotNet.Running;

namespace Sim.Bench;

/// <summary>
/// BenchmarkDotNet entry point for the kernel's hot paths. Run all:
/// <c>dotnet run -c Release --project bench/Sim.Bench -- --filter '*'</c>. The end-to-end throughput figure is
/// <c>sim bench kernel</c>; these isolate its parts.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
