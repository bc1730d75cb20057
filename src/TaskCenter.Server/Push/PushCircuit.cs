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

    public PushCircuit(TimeProvider time, TimeSpan breakDuration)
    {
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
            })
            .Build();
    }

    /// <summary>How long the circuit stays open before it lets a probe through.</summary>
    public TimeSpan BreakDuration { get; }

    /// <summary>Whether pushes to the target are held back now.</summary>
    public bool IsOpen => _state.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <summary>Whether the circuit lets one probe through now: the pusher sends one message, not a batch.</summary>
    public bool IsProbing => _state.CircuitState is CircuitState.HalfOpen;

    /// <summary>The last failed push's error, kept while the circuit is open (for the overview and the dashboard).</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Runs <paramref name="push"/> through the circuit; null when the circuit is open and nothing was sent (the
    /// message's lease is given back without counting an attempt).
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
