using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using TaskCenter.Contracts;
using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;

namespace TaskCenter.Server.Push;

/// <summary>
/// The request a pushed message is: <c>POST</c> to the group's URL with the task's data as the body exactly as stored,
/// the group's Content-Type and static headers, the Standard Webhooks headers (<c>webhook-id</c> = the msgid, so a
/// receiver can drop a redelivery it already handled) and TaskCenter's own.
/// </summary>
internal static class PushRequest
{
    /// <param name="push">The group's target.</param>
    /// <param name="key">The key of its secret.</param>
    /// <param name="message">The message, leased to the pusher.</param>
    /// <param name="now">The signature's timestamp.</param>
    public static HttpRequestMessage Create(PushSettings push, byte[] key, QueueMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(push);
        ArgumentNullException.ThrowIfNull(message);
        var body = Encoding.UTF8.GetBytes(message.Data);
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, push.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(push.ContentType);
        foreach (var (name, value) in push.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Add(WebhookSignature.IdHeader, message.MsgId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(key, message.MsgId, timestamp, body));
        request.Headers.Add(PushHeaders.TaskId, message.TaskId);
        // A task name may hold any letter; a header value is ASCII: the name goes percent-encoded (as encodeURIComponent does).
        request.Headers.Add(PushHeaders.Name, Uri.EscapeDataString(message.Name));
        request.Headers.Add(PushHeaders.FireTime, message.FireTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(PushHeaders.Attempt, message.Attempt.ToString(CultureInfo.InvariantCulture));
        return request;
    }
}
