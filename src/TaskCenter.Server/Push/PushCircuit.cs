using Polly;
using Polly.CircuitBreaker;

namespace TaskCenter.Server.Push;

/// <summary>
/// One push target's circuit breaker (Polly): once every push of the last <see cref="SamplingDuration"/> failed, at
/// least <see cref="FailuresToOpen"/> of them, it opens and stops sending for its break (<c>Push:CircuitBreak</c>); then one push
/// probes the target, and its success closes the circuit again. While it is open the pusher leases nothing for the
/// target, so the group's messages stay ready and their attempts are not burned.
/// </summary>
internal sealed class PushCircuit
{
    public const int FailuresToOpen = 5;

    public static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(30);


    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline<PushOutcome> _pipeline;
    private readonly TimeProvider _time;

    /// <summary>When the open circuit's break ends (UTC ticks); Polly moves to half-open only at the next call after it.</summary>
    private long _openUntil;

    public PushCircuit(TimeProvider time, TimeSpan breakDuration)
    {
        _time = time;
        BreakDuration = breakDuration;
        _pipeline = new ResiliencePipelineBuilder<PushOutcome> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<PushOutcome>
            {
                FailureRatio = 1.0,
                MinimumThroughput = FailuresToOpen,
                SamplingDuration = SamplingDuration,
                BreakDuration = breakDuration,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result is PushOutcome.Failed || arguments.Outcome.Exception is not null),
                StateProvider = _state,
                OnOpened = arguments =>
                {
                    Volatile.Write(ref _openUntil, (time.GetUtcNow() + arguments.BreakDuration).UtcTicks);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>How long the circuit stays open before it lets a probe through.</summary>
    public TimeSpan BreakDuration { get; }

    /// <summary>Whether pushes to the target are held back now: the circuit is open and its break has not ended.</summary>
    public bool IsOpen => _state.CircuitState switch
    {
        CircuitState.Isolated => true,
        CircuitState.Open => !BreakEnded,
        _ => false,
    };

    /// <summary>Whether the next push is a probe (the break ended, or a probe is on its way): the pusher sends one message at a time.</summary>
    public bool IsProbing => _state.CircuitState switch
    {
        CircuitState.HalfOpen => true,
        CircuitState.Open => BreakEnded,
        _ => false,
    };

    private bool BreakEnded => _time.GetUtcNow().UtcTicks >= Volatile.Read(ref _openUntil);

    /// <summary>The last failed push's error, kept while the circuit is open (for the overview and the dashboard).</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Runs <paramref name="push"/> through the circuit; null when the circuit is open and nothing was sent (a message
    /// leased just before it opened: the pusher puts it back for after the break).
    /// </summary>
    public async Task<PushOutcome?> SendAsync(Func<CancellationToken, ValueTask<PushOutcome>> push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        try
        {
            var outcome = await _pipeline.ExecuteAsync(push, cancellationToken);
            LastError = outcome is PushOutcome.Failed failed ? failed.Error : null;
            return outcome;
        }
        catch (BrokenCircuitException)
        {
            return null;
        }
    }
}
