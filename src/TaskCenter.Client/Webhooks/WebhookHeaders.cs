using TaskCenter.Contracts;

namespace TaskCenter.Client.Webhooks;

/// <summary>The headers of a request a push group sends: the Standard Webhooks ones, which the signature covers, and TaskCenter's own.</summary>
public static class WebhookHeaders
{
    /// <summary><c>webhook-id</c>: the message's msgid, the same on every attempt, so a receiver can drop a message it already handled.</summary>
    public const string Id = WebhookSignature.IdHeader;

    /// <summary><c>webhook-timestamp</c>: when the request was signed, in unix seconds.</summary>
    public const string Timestamp = WebhookSignature.TimestampHeader;

    /// <summary><c>webhook-signature</c>: <c>v1,</c> and the base64 HMAC-SHA256 of id, timestamp and body under the group's secret.</summary>
    public const string Signature = WebhookSignature.SignatureHeader;

    /// <summary><c>taskcenter-taskid</c>: the id of the task that fired.</summary>
    public const string TaskId = PushHeaders.TaskId;

    /// <summary><c>taskcenter-name</c>: the task's name (its routing tag).</summary>
    public const string Name = PushHeaders.Name;

    /// <summary><c>taskcenter-fire-time</c>: when the task fired, in unix seconds.</summary>
    public const string FireTime = PushHeaders.FireTime;

    /// <summary><c>taskcenter-attempt</c>: 1 on the first push of the message, one more on each retry.</summary>
    public const string Attempt = PushHeaders.Attempt;
}
