using TaskCenter.Benchmarks.Cli;

namespace TaskCenter.Benchmarks.Harness;

/// <summary>The sizes and time budgets of one mode. Each system further caps N with its <see cref="SystemLimits"/>.</summary>
public sealed record ModeSettings
{
    public required BenchmarkMode Mode { get; init; }

    /// <summary>S1: most adds per variant, and the time a variant may take (adds are due 60 s ahead, so none fires meanwhile).</summary>
    public required int S1Tasks { get; init; }

    public required TimeSpan S1Budget { get; init; }

    /// <summary>S1 over HTTP: how long wrk runs (zero: not run).</summary>
    public required TimeSpan S1WrkDuration { get; init; }

    /// <summary>
    /// S1 over HTTP: how long wrk runs unmeasured before each measured run. The JIT's tiered PGO takes some 20 s of load
    /// on 2 cores to settle (the server's CPU per add about halves meanwhile); a server that has run a while is past that.
    /// </summary>
    public TimeSpan S1WrkWarmup { get; init; }

    public required int S2Tasks { get; init; }

    /// <summary>S3 (and S5's lateness run): jobs spread evenly over <see cref="S3SpreadSeconds"/> whole seconds.</summary>
    public required int S3Tasks { get; init; }

    public required int S3SpreadSeconds { get; init; }

    public required int S4Jobs { get; init; }

    public required int S4Fires { get; init; }

    /// <summary>S6: one key's jobs every second, and their fires each, while other keys flood the server.</summary>
    public required int S6Jobs { get; init; }

    public required int S6Fires { get; init; }

    /// <summary>S5: the pending counts; empty skips S5.</summary>
    public required IReadOnlyList<int> S5Pending { get; init; }

    /// <summary>S2–S5: the longest adding a scenario's jobs may take; a system slower than N / budget gets a smaller N.</summary>
    public required TimeSpan ScheduleBudget { get; init; }

    /// <summary>
    /// S5, systems that cannot be preloaded: the longest adding the pending jobs may take (else the size is skipped);
    /// zero: such systems skip S5.
    /// </summary>
    public required TimeSpan PendingAddBudget { get; init; }

    /// <summary>A system's <see cref="SystemLimits.MaxTasks"/> is divided by this (quick: a tenth of the full-mode cap).</summary>
    public int CapDivisor { get; init; } = 1;

    /// <summary>S2–S5: the first due time leaves this many times the time the measured add rate needs for N.</summary>
    public double DueMargin { get; init; } = 2;

    /// <summary>After the last expected fire, how long to wait for doubles.</summary>
    public required TimeSpan Grace { get; init; }

    /// <summary>The least time between the end of scheduling and the first fire.</summary>
    public required TimeSpan MinLead { get; init; }

    /// <summary>The longest one variant of one scenario may take on one system before it is abandoned (failed, "timed out").</summary>
    public required TimeSpan VariantTimeout { get; init; }

    public string Name => Mode.ToString().ToLowerInvariant();

    public static ModeSettings For(BenchmarkMode mode) => mode switch
    {
        BenchmarkMode.Full => new()
        {
            Mode = mode,
            S1Tasks = 100_000,
            S1Budget = TimeSpan.FromSeconds(15),
            S1WrkDuration = TimeSpan.FromSeconds(15),
            S1WrkWarmup = TimeSpan.FromSeconds(30),
            S2Tasks = 100_000,
            S3Tasks = 100_000,
            S3SpreadSeconds = 10,
            S4Jobs = 1000,
            S4Fires = 30,
            S5Pending = [1_000_000, 10_000_000],
            S6Jobs = 100,
            S6Fires = 60,
            ScheduleBudget = TimeSpan.FromSeconds(25),
            PendingAddBudget = TimeSpan.FromMinutes(3),
            DueMargin = 1.5,
            Grace = TimeSpan.FromSeconds(2),
            MinLead = TimeSpan.FromSeconds(3),
            VariantTimeout = TimeSpan.FromMinutes(15),
        },
        BenchmarkMode.Smoke => new()
        {
            Mode = mode,
            S1Tasks = 50,
            S1Budget = TimeSpan.FromSeconds(2),
            S1WrkDuration = TimeSpan.Zero,
            S2Tasks = 50,
            S3Tasks = 50,
            S3SpreadSeconds = 2,
            S4Jobs = 10,
            S4Fires = 2,
            S5Pending = [1_000],
            S6Jobs = 2,
            S6Fires = 3,
            ScheduleBudget = TimeSpan.FromSeconds(10),
            PendingAddBudget = TimeSpan.FromSeconds(10),
            Grace = TimeSpan.FromMilliseconds(200),
            MinLead = TimeSpan.FromMilliseconds(500),
            VariantTimeout = TimeSpan.FromMinutes(1),
        },
        _ => new()
        {
            Mode = BenchmarkMode.Quick,
            S1Tasks = 5_000,
            S1Budget = TimeSpan.FromSeconds(3),
            S1WrkDuration = TimeSpan.FromSeconds(3),
            S1WrkWarmup = TimeSpan.FromSeconds(20),
            S2Tasks = 2_000,
            S3Tasks = 2_000,
            S3SpreadSeconds = 4,
            S4Jobs = 100,
            S4Fires = 6,
            S5Pending = [1_000_000],
            S6Jobs = 20,
            S6Fires = 15,
            ScheduleBudget = TimeSpan.FromSeconds(3),
            PendingAddBudget = TimeSpan.Zero,
            CapDivisor = 10,
            Grace = TimeSpan.FromMilliseconds(500),
            MinLead = TimeSpan.FromMilliseconds(500),
            VariantTimeout = TimeSpan.FromMinutes(3),
        },
    };
}
