using System.ComponentModel;
using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

// Request bodies (IRequestBody): null = not sent; `required` = the server refuses the request without it.

internal sealed record ConsumeRequestBody : IRequestBody
{
    [JsonPropertyName("group"), Description("The consumer group.")]
    public required string? Group { get; init; }

    [JsonPropertyName("tags"), Description("\"*\", or tags and prefixes joined by ||, as in \"invoice || billing.*\"; default \"*\". At most Limits:MaxTagsPerSubscription (256) of them, Limits:MaxTagExpressionLength (8192) characters.")]
    public string? Tags { get; init; }

    [JsonPropertyName("max"), Description("Most messages, 1 to 1000; default 1.")]
    public long? Max { get; init; }

    [JsonPropertyName("wait_ms"), Description("Long-poll wait, 0 to 60000 ms; default 0.")]
    public long? WaitMs { get; init; }

    [JsonPropertyName("lease_ms"), Description("Lease of each message, 1000 ms to 12 h; default Queue:DefaultLease.")]
    public long? LeaseMs { get; init; }
}

internal sealed record AckRequest : IRequestBody
{
    [JsonPropertyName("group")] public required string? Group { get; init; }

    [JsonPropertyName("msgids"), Description("At most 1000, each handed out to the group: one that never was makes the call a 409 and nothing is acked.")]
    public required IReadOnlyList<string>? MsgIds { get; init; }
}

internal sealed record NackRequest : IRequestBody
{
    [JsonPropertyName("group")] public required string? Group { get; init; }
    [JsonPropertyName("msgid")] public required string? MsgId { get; init; }

    [JsonPropertyName("error"), Description("Why the handler failed; kept with the message.")]
    public string? Error { get; init; }
}

internal sealed record DeadLetterSelection : IRequestBody
{
    [JsonPropertyName("group")] public required string? Group { get; init; }

    [JsonPropertyName("msgids"), Description("The dead letters to act on, at most 1000; all of the group's when absent.")]
    public IReadOnlyList<string>? MsgIds { get; init; }
}
