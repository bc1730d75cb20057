namespace TaskCenter.Core.Engine;

/// <summary>
/// How far ahead of the next fire the engine starts: its look-ahead, or, when recording the fires due around it takes
/// longer, twice that time (their number times the measured cost of one fire), so a burst is on disk before its second
/// starts. Not earlier than needed: work for the next second would compete with delivering this one. Never more than
/// <see cref="EngineOptions.MaxLookAhead"/>.
/// </summary>
internal sealed class LeadPlanner(EngineOptions options)
{
    /// <summary>The cost of one fire before any was measured: about what a commit costs on a small machine.</summary>
    internal static readonly TimeSpan InitialFireCost = TimeSpan.FromMicroseconds(25);

    private const double Smoothing = 0.2;
    private const int Safety = 2;

    private double _fireCostTicks = InitialFireCost.Ticks;

    /// <summary>The lead in force: how far ahead of now the engine takes due tasks.</summary>
    public TimeSpan Lead { get; private set; } = options.LookAhead;

    public TimeSpan FireCost => TimeSpan.FromTicks((long)_fireCostTicks);

    /// <summary>Folds in what one pass took for that many tasks.</summary>
    public void Measured(TimeSpan elapsed, int tasks)
    {
        if (tasks > 0 && elapsed > TimeSpan.Zero)
        {
            _fireCostTicks += Smoothing * (((double)elapsed.Ticks / tasks) - _fireCostTicks);
        }
    }

    /// <summary>The most tasks worth counting: beyond them the lead is at its maximum anyway.</summary>
    public int CountCap => options.MaxLookAhead <= options.LookAhead
        ? 0
        : (int)Math.Min(int.MaxValue, options.MaxLookAhead.Ticks / Math.Max(1, Safety * _fireCostTicks) + 1);

    /// <summary>Sets the lead for <paramref name="dueAround"/> tasks due within the look-ahead of the next fire.</summary>
    public TimeSpan Plan(int dueAround)
    {
        var needed = TimeSpan.FromTicks((long)Math.Min(TimeSpan.MaxValue.Ticks / 2, dueAround * Safety * _fireCostTicks));
        Lead = needed <= options.LookAhead ? options.LookAhead
            : needed < options.MaxLookAhead ? needed
            : options.MaxLookAhead;
        return Lead;
    }
}
