using System.Globalization;
using System.Text;
using TaskCenter.Contracts;

namespace TaskCenter.Client.AspNetCore.Tests.Support;

/// <summary>A push as the server sends it: the body signed with the contract's signer, with TaskCenter's headers.</summary>
public static class SignedPush
{
    public const string TaskId = "6b15fa39824523f649e1f5bc";
    public const string Name = "invoice";
    public const long FireTime = 1_767_225_600;

    /// <summary>
    /// A POST of <paramref name="body"/> to <paramref name="path"/>, signed under <paramref name="key"/> at
    /// <paramref name="signedAt"/> (now by default); <paramref name="bodySent"/> replaces the body after signing.
    /// </summary>
    public static HttpRequestMessage Create(
        string path, string body, string msgId, byte[] key, int attempt = 3, DateTimeOffset? signedAt = null, string? bodySent = null)
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.RelativeOrAbsolute))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(bodySent ?? body)),
        };
        request.Headers.Add(WebhookSignature.IdHeader, msgId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(key, msgId, timestamp, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add(PushHeaders.TaskId, TaskId);
        request.Headers.Add(PushHeaders.Name, Name);
        request.Headers.Add(PushHeaders.FireTime, FireTime.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(PushHeaders.Attempt, attempt.ToString(CultureInfo.InvariantCulture));
        return request;
    }
}
