using TaskCenter.Contracts;
using TaskCenter.Core.Push;

namespace TaskCenter.Server.Push;

/// <summary>A push group as this server instance pushes to it: its settings, its signing key and its circuit breaker.</summary>
internal sealed class PushTarget(PushGroup group, TimeProvider time, TimeSpan circuitBreak)
{
    public PushGroup Group { get; } = group;

    public byte[] Key { get; } = WebhookSignature.ReadKey(group.Push.Secret, out var problem)
        ?? throw new InvalidOperationException($"push group {group.Name} holds no usable secret: {problem}");

    public PushCircuit Circuit { get; } = new(time, circuitBreak);

    /// <summary>closed while pushing, open while the circuit holds pushes back (the wire's <c>circuit</c>).</summary>
    public string CircuitState => Circuit.IsOpen ? "open" : "closed";

    /// <summary>Whether <paramref name="stored"/> is this group with the same settings (then its circuit carries on).</summary>
    public bool Matches(PushGroup stored) =>
        stored.Name == Group.Name && stored.Tags.Expression == Group.Tags.Expression && SameSettings(stored.Push, Group.Push);

    private static bool SameSettings(PushSettings a, PushSettings b) =>
        a.Url == b.Url && a.ContentType == b.ContentType && a.Timeout == b.Timeout && a.MaxConcurrency == b.MaxConcurrency
        && a.Secret == b.Secret && a.Headers.Count == b.Headers.Count
        && a.Headers.All(header => b.Headers.TryGetValue(header.Key, out var value) && value == header.Value);
}
