using BenchmarkDotNet.Running;

namespace Isop.Benchmarks;

public static class Program
{
    /// <summary>BenchmarkDotNet's kernels, or <c>analysis-scale</c>: the cost of the analysis as data grows (<see cref="AnalysisScale"/>).</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["analysis-scale", ..]) return await AnalysisScale.RunAsync(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
