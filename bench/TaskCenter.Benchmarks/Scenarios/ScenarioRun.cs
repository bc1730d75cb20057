using TaskCenter.Benchmarks.Harness;
using TaskCenter.Benchmarks.Results;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>One scenario on one system: its settings, where progress goes, and the rows it produces.</summary>
public sealed class ScenarioRun
{
    public required SystemEntry Entry { get; init; }

    /// <summary>The system's name and what it supports (read once from an instance).</summary>
    public required SystemTraits Traits { get; init; }

    public required ModeSettings Settings { get; init; }

    public required TextWriter Progress { get; init; }

    public List<SystemRow> Rows { get; } = [];

    public SystemLimits Limits => Entry.Limits;

    /// <summary>A scenario size capped by the system's <see cref="SystemLimits.MaxTasks"/> (divided by the mode's <see cref="ModeSettings.CapDivisor"/>).</summary>
    public int Capped(int n) =>
        Limits.MaxTasks == int.MaxValue ? n : Math.Min(n, Math.Max(1, Limits.MaxTasks / Settings.CapDivisor));

    public SystemRow AddRow(string variant = "")
    {
        var row = new SystemRow
        {
            Key = Entry.Key,
            System = Traits.Name,
            Durable = Traits.Durable,
            IsTaskCenter = Entry.IsTaskCenter,
            Variant = variant,
            Note = Entry.Note,
        };
        Rows.Add(row);
        return row;
    }

    /// <summary>
    /// A row for a reference measured within this system's run (a floor, not a system of the registry), under its own
    /// name, never durable nor TaskCenter.
    /// </summary>
    public SystemRow AddReferenceRow(string key, string system, string variant)
    {
        var row = new SystemRow { Key = key, System = system, Durable = false, IsTaskCenter = false, Variant = variant };
        Rows.Add(row);
        return row;
    }

    public SystemRow Skip(string variant, string reason)
    {
        var row = AddRow(variant);
        row.Status = RowStatus.Skipped;
        row.Note = reason;
        return row;
    }

    /// <summary>
    /// Runs one variant into a new row, within the mode's time limit; an exception or the time limit marks the row
    /// failed (with the reason) instead of stopping the run.
    /// </summary>
    public Task<SystemRow> AttemptAsync(string variant, Func<SystemRow, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        AttemptAsync(AddRow(variant), body, cancellationToken);

    /// <summary>Runs one variant into <paramref name="row"/>, as <see cref="AttemptAsync(string, Func{SystemRow, CancellationToken, Task}, CancellationToken)"/>.</summary>
    public async Task<SystemRow> AttemptAsync(SystemRow row, Func<SystemRow, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(body);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Settings.VariantTimeout);
        try
        {
            await body(row, limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            row.Status = RowStatus.Failed;
            row.AppendNote($"timed out after {Settings.VariantTimeout.TotalMinutes:0.#} min");
        }
        catch (Exception exception) when (exception is not OperationCanceledException && exception is not OutOfMemoryException)
        {
            row.Status = RowStatus.Failed;
            row.AppendNote($"failed: {exception.GetType().Name}: {exception.Message}");
        }

        if (row.Status != RowStatus.Ok)
        {
            await Progress.WriteLineAsync($"  {row.Label}: {row.Note}");
        }

        return row;
    }

    /// <summary>Writes a progress line for this system.</summary>
    public Task SayAsync(string text) => Progress.WriteLineAsync($"  {Traits.Name}: {text}");
}
