using System.Diagnostics;
using TaskCenter.Benchmarks.Cli;
using TaskCenter.Benchmarks.Report;
using TaskCenter.Benchmarks.Results;
using TaskCenter.Benchmarks.Scenarios;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Harness;

/// <summary>
/// Runs the chosen scenarios, each against every chosen system one after another, and writes: one Markdown table per
/// scenario to <c>output</c> (as soon as the scenario is done), the results JSON, a Markdown copy and a PNG per scenario.
/// </summary>
public sealed class BenchmarkRunner(BenchmarkOptions options, TextWriter output, TextWriter progress)
{
    private readonly System.Text.StringBuilder _markdown = new();
    private readonly Stopwatch _clock = new();

    public async Task<RunOutcome> RunAsync(string arguments, CancellationToken cancellationToken)
    {
        var settings = ModeSettings.For(options.Mode);
        if (options.Pending is { } pending)
        {
            settings = settings with { S5Pending = pending };
        }

        var systems = SystemRegistry.Select(options.Systems, quick: options.Mode == BenchmarkMode.Quick);
        var scenarios = ScenarioCatalog.Select(options.Scenarios);
        var root = RepositoryPaths.FindRoot();
        var header = new RunHeader
        {
            Date = DateTimeOffset.UtcNow,
            Mode = settings.Name,
            Commit = root is null ? "unknown" : await GitInfo.CommitAsync(root),
            Machine = MachineProbe.Read(),
            Systems = [.. systems.Select(e => e.Key)],
            Arguments = arguments,
        };
        var folder = Path.GetFullPath(options.OutputDirectory ?? RepositoryPaths.DefaultOutput(root));
        Directory.CreateDirectory(folder);
        var stem = $"{header.Date.UtcDateTime:yyyy-MM-dd-HHmmss}-{settings.Name}";

        await EmitAsync(MarkdownReport.Header(header));
        var traits = new Dictionary<string, SystemTraits>();
        foreach (var entry in systems)
        {
            traits[entry.Key] = await SystemTraits.ReadAsync(entry);
        }

        var results = new RunResults { Header = header };
        _clock.Start();
        try
        {
            foreach (var scenario in scenarios)
            {
                var result = await RunScenarioAsync(scenario, systems, traits, settings, cancellationToken);
                if (options.Plots)
                {
                    await PlotAsync(result, header, folder, $"{stem}-{scenario.Id}.png");
                }

                results.Scenarios.Add(result);
                await EmitAsync(MarkdownReport.Scenario(result, header));
            }
        }
        finally
        {
            SqliteBulkLoader.DeleteTemplates();
        }

        var jsonPath = Path.Combine(folder, $"{stem}.json");
        var markdownPath = Path.Combine(folder, $"{stem}.md");
        await ResultsJson.WriteAsync(results, jsonPath, cancellationToken);
        await File.WriteAllTextAsync(markdownPath, _markdown.ToString(), cancellationToken);
        await progress.WriteLineAsync($"[{_clock.Elapsed:mm\\:ss}] done; results: {jsonPath}");
        return new RunOutcome(results, jsonPath, markdownPath);
    }

    private async Task<ScenarioResult> RunScenarioAsync(
        IScenario scenario, IReadOnlyList<SystemEntry> systems, Dictionary<string, SystemTraits> traits, ModeSettings settings, CancellationToken cancellationToken)
    {
        var result = new ScenarioResult { Id = scenario.Id, Title = scenario.Title, Description = scenario.Description, Columns = scenario.Columns };
        foreach (var entry in systems)
        {
            await progress.WriteLineAsync($"[{_clock.Elapsed:mm\\:ss}] {scenario.Title} · {traits[entry.Key].Name}");
            var run = new ScenarioRun { Entry = entry, Traits = traits[entry.Key], Settings = settings, Progress = progress };
            await scenario.RunAsync(run, cancellationToken);
            result.Rows.AddRange(run.Rows);
        }

        return result;
    }

    private async Task PlotAsync(ScenarioResult result, RunHeader header, string folder, string file)
    {
        try
        {
            if (LatenessPlot.Save(result, header, Path.Combine(folder, file)))
            {
                result.Plot = file;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A plot is a convenience: the tables and the JSON still come out.
            await progress.WriteLineAsync($"  plot {file} failed: {exception.Message}");
        }
    }

    private async Task EmitAsync(string text)
    {
        await output.WriteAsync(text);
        await output.FlushAsync();
        _markdown.Append(text);
    }
}
