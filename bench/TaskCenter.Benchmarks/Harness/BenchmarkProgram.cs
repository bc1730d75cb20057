using TaskCenter.Benchmarks.Cli;
using TaskCenter.Benchmarks.Results;

namespace TaskCenter.Benchmarks.Harness;

/// <summary>The harness's entry point, callable in-process (the smoke test does).</summary>
public static class BenchmarkProgram
{
    /// <summary>
    /// Runs the harness. Exit code: 0 all measured, 1 some rows failed (the tables say which), 2 bad arguments.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(progress);
        BenchmarkOptions options;
        try
        {
            options = OptionsParser.Parse(args);
        }
        catch (ArgumentException exception)
        {
            await progress.WriteLineAsync(exception.Message);
            await progress.WriteLineAsync(OptionsParser.Usage);
            return 2;
        }

        if (options.ShowHelp)
        {
            await output.WriteLineAsync(OptionsParser.Usage);
            return 0;
        }

        if (options.ListSystems)
        {
            foreach (var entry in SystemRegistry.All)
            {
                var traits = await SystemTraits.ReadAsync(entry);
                await output.WriteLineAsync($"{entry.Key,-24} {traits.Name}{(traits.Durable ? "" : " (not durable)")}");
            }

            return 0;
        }

        if (options.FirePath)
        {
            await Routing.FirePathBench.RunAsync(options.Mode != BenchmarkMode.Full, output, progress, cancellationToken);
            return 0;
        }

        RunOutcome outcome;
        try
        {
            outcome = await new BenchmarkRunner(options, output, progress).RunAsync(string.Join(' ', args), cancellationToken);
        }
        catch (ArgumentException exception)
        {
            await progress.WriteLineAsync(exception.Message);
            return 2;
        }

        var failed = outcome.Results.Scenarios.SelectMany(s => s.Rows).Count(r => r.Status == RowStatus.Failed);
        if (failed > 0)
        {
            await progress.WriteLineAsync($"{failed} row(s) failed; see the tables.");
            return 1;
        }

        return 0;
    }
}
