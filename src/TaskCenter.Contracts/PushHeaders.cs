namespace TaskCenter.Contracts;

/// <summary>
/// TaskCenter's own headers on a pushed message, beside the Standard Webhooks ones (<see cref="WebhookSignature"/>): the
/// server's pusher writes them, the SDK's receiver reads them. They are not covered by the signature.
/// </summary>
internal static class PushHeaders
{
    public const string TaskId = "taskcenter-taskid";
    public const string Name = "taskcenter-name";

    /// <summary>The time the task fired, in unix seconds (as <c>fire_time</c> in <c>/consume</c>).</summary>
    public const string FireTime = "taskcenter-fire-time";

    /// <summary>1 for the first push of a message, then one more per retry.</summary>
    public const string Attempt = "taskcenter-attempt";
}
