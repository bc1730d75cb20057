namespace TaskCenter.Benchmarks.Cli;

/// <summary>How big a run is.</summary>
public enum BenchmarkMode
{
    /// <summary>Smaller N; the whole run finishes in under 5 minutes on 2 cores.</summary>
    Quick,

    /// <summary>N of 100k where a system takes it, S5 with 1 M and 10 M pending; under 30 minutes.</summary>
    Full,

    /// <summary>Tiny N (tens of jobs), for the smoke test: proves the harness works, measures nothing.</summary>
    Smoke,
}
