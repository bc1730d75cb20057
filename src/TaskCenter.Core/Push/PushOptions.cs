using System.ComponentModel.DataAnnotations;
using System.Net;

namespace TaskCenter.Core.Push;

/// <summary>
/// Where push groups may send (configuration section <c>Push</c>). By default loopback only, so the quick start works
/// and nothing else is reachable until an operator allows it. Each list, when set, replaces its default whole.
/// </summary>
public sealed class PushOptions : IValidatableObject
{
    public const string Section = "Push";

    /// <summary>The defaults of <see cref="AllowedTargets"/>: any port on loopback, over http.</summary>
    public static readonly IReadOnlyList<string> LoopbackTargets = ["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"];

    /// <summary>The defaults of <see cref="AllowedNetworks"/>: the loopback networks.</summary>
    public static readonly IReadOnlyList<string> LoopbackNetworks = ["127.0.0.0/8", "::1/128"];

    /// <summary>
    /// URL prefixes a push group's target must start with (scheme, host, port — <c>:*</c> for any — and a path that
    /// starts at a segment), e.g. <c>https://billing.internal/hooks</c>.
    /// </summary>
    public string[]? AllowedTargets { get; set; }

    /// <summary>
    /// Networks (CIDR) that are not the public internet but which a target may resolve to, e.g. <c>10.20.0.0/16</c>:
    /// private, link-local and loopback addresses are refused otherwise.
    /// </summary>
    public string[]? AllowedNetworks { get; set; }

    /// <summary>Most push groups the server holds (each has a pusher in every server instance).</summary>
    [Range(1, 10_000)]
    public int MaxGroups { get; set; } = 100;

    /// <summary>
    /// The most requests all push groups together may have in flight from one server instance: the sum of their
    /// max_concurrency. It bounds the connections and the messages' data a server holds for pushing.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxTotalConcurrency { get; set; } = 2048;

    /// <summary>How long a target that failed every recent push is left alone before one push probes it again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CircuitBreak { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The latest a receiver's Retry-After may put the next attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The policy these options make.</summary>
    public PushTargets Targets() =>
        new(AllowedTargets ?? LoopbackTargets, [.. (AllowedNetworks ?? LoopbackNetworks).Select(network => IPNetwork.Parse(network))]);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var target in AllowedTargets ?? [])
        {
            if (!Uri.TryCreate(target.Replace(":*", "", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult(
                    $"'{target}' is not an http or https URL prefix (e.g. https://billing.internal/hooks, http://127.0.0.1:*)", [nameof(AllowedTargets)]);
            }
        }

        foreach (var network in AllowedNetworks ?? [])
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                yield return new ValidationResult($"'{network}' is not a network in CIDR form (e.g. 10.20.0.0/16)", [nameof(AllowedNetworks)]);
            }
        }
    }
}
