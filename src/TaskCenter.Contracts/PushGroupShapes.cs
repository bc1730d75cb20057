using System.ComponentModel;
using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>The body of <c>PUT /v1/api/groups/{group}</c>: a group's subscription and, for a push group, its target.</summary>
internal sealed record PutGroupRequest : IRequestBody
{
    [JsonPropertyName("tags"), Description("\"*\", or tags and prefixes joined by ||, as in \"invoice || refund\".")]
    public required string? Tags { get; init; }

    /// <summary>The target the group's messages are POSTed to; absent for a group whose consumers pull (built-in queue only).</summary>
    [JsonPropertyName("push")]
    public PushTargetBody? Push { get; init; }
}

/// <summary>A push group's target as a client sends it.</summary>
internal sealed record PushTargetBody
{
    [JsonPropertyName("url"), Description("http or https URL under one of Push:AllowedTargets; at most 2048 characters.")]
    public required string? Url { get; init; }

    [JsonPropertyName("content_type"), Description("The requests' Content-Type; default application/json.")]
    public string? ContentType { get; init; }

    [JsonPropertyName("timeout_ms"), Description("How long one request may take, 1000 to 300000 ms; default 10000. A task's max_runtime shortens it.")]
    public long? TimeoutMs { get; init; }

    [JsonPropertyName("max_concurrency"), Description("Requests in flight at once per server instance, 1 to 256; default 16.")]
    public long? MaxConcurrency { get; init; }

    [JsonPropertyName("headers"), Description("Static headers sent with every request, at most 32; not webhook-*, taskcenter-*, Content-*, Host or hop-by-hop ones.")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("secret"), Description("The Standard Webhooks signing secret, whsec_ and 24 to 64 bytes in base64; generated when absent (and then returned once).")]
    public string? Secret { get; init; }
}

/// <summary>A group as <c>PUT</c> and <c>GET /v1/api/groups/{group}</c> answer it.</summary>
internal sealed record GroupDeclarationResponse
{
    [JsonPropertyName("group")] public required string Group { get; init; }

    /// <summary>The canonical tag expression.</summary>
    [JsonPropertyName("tags")] public required string Tags { get; init; }

    /// <summary>The name of the API key that declared the group; null without keys.</summary>
    [JsonPropertyName("owner")] public required string? Owner { get; init; }

    [JsonPropertyName("updated_at_ms")] public required long UpdatedAtMs { get; init; }

    /// <summary>Null for a group whose consumers pull.</summary>
    [JsonPropertyName("push")] public required PushTargetResponse? Push { get; init; }
}

/// <summary>A push group's target; the secret only in the answer that generated it.</summary>
internal sealed record PushTargetResponse
{
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("content_type")] public required string ContentType { get; init; }
    [JsonPropertyName("timeout_ms")] public required long TimeoutMs { get; init; }
    [JsonPropertyName("max_concurrency")] public required int MaxConcurrency { get; init; }
    [JsonPropertyName("headers")] public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The signing secret the server generated; shown in that answer only, never again.</summary>
    [JsonPropertyName("secret"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Secret { get; init; }

    /// <summary>closed (pushing), open (the target failed every recent push: nothing is sent until a probe succeeds), as this server instance sees it.</summary>
    [JsonPropertyName("circuit")] public required string Circuit { get; init; }

    /// <summary>The last failed push's error, as this server instance saw it; null after a success.</summary>
    [JsonPropertyName("last_error")] public required string? LastError { get; init; }
}

/// <summary>One push of a fire to its group's target (in the fire history).</summary>
internal sealed record PushAttemptResponse
{
    [JsonPropertyName("attempt")] public required int Attempt { get; init; }
    [JsonPropertyName("at_ms")] public required long AtMs { get; init; }

    /// <summary>The answer's HTTP status; null when there was none (timeout, connection failure).</summary>
    [JsonPropertyName("status")] public required int? Status { get; init; }
    [JsonPropertyName("duration_ms")] public required long DurationMs { get; init; }
    [JsonPropertyName("error")] public required string? Error { get; init; }
}
