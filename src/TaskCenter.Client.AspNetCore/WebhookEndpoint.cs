using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using TaskCenter.Client.Webhooks;

namespace TaskCenter.Client.AspNetCore;

/// <summary>
/// One webhook endpoint: reads the body (bounded), verifies the signature, reads TaskCenter's headers, calls the handler
/// and answers with what the server must do next (the status codes are listed on <see cref="TaskCenterWebhookEndpointRouteBuilderExtensions"/>).
/// </summary>
internal sealed class WebhookEndpoint
{
    /// <summary>The most characters of a handler's failure sent back; the server keeps the start of the body as the attempt's error.</summary>
    private const int MaxFailureLength = 300;

    private readonly WebhookVerifier _verifier;
    private readonly long _maxBodySize;
    private readonly Func<PushedMessage, IServiceProvider, CancellationToken, Task> _handler;
    private readonly ILogger _logger;

    public WebhookEndpoint(
        TaskCenterWebhookOptions options, Func<PushedMessage, IServiceProvider, CancellationToken, Task> handler, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBodySize, nameof(options.MaxBodySize));
        _verifier = new WebhookVerifier(options.Secret, time) { Tolerance = options.Tolerance };
        _maxBodySize = options.MaxBodySize;
        _handler = handler;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = request.ContentLength > _maxBodySize ? null : await ReadBodyAsync(request.Body, _maxBodySize, context.RequestAborted);
        if (body is null)
        {
            await AnswerAsync(context, StatusCodes.Status413PayloadTooLarge, $"The body is over {_maxBodySize} bytes.");
            return;
        }

        var headers = request.Headers;
        var msgId = headers[WebhookHeaders.Id].ToString();
        if (!_verifier.Verify(msgId, headers[WebhookHeaders.Timestamp], headers[WebhookHeaders.Signature], body))
        {
            _logger.LogWarning("Refused a request to {Path}: not signed with the group's secret, or not recent.", request.Path);
            await AnswerAsync(context, StatusCodes.Status401Unauthorized, "The request is not signed with the group's secret, or its timestamp is not recent.");
            return;
        }

        if (ReadMessage(msgId, headers, body) is not { } message)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, "The request lacks TaskCenter's taskcenter-* headers.");
            return;
        }

        try
        {
            await _handler(message, context.RequestServices, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        catch (RetryLaterException retry)
        {
            _logger.LogInformation("The handler of {MsgId} asked for a retry in {Delay}.", message.MsgId, retry.Delay);
            context.Response.Headers.RetryAfter = Math.Ceiling(retry.Delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await AnswerAsync(context, StatusCodes.Status503ServiceUnavailable, retry.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The server gave up waiting (its timeout): nobody reads an answer, and it retries the message anyway.
        }
#pragma warning disable CA1031 // Any failure of the handler is the message's failure: the server retries it.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            _logger.LogError(failure, "The handler of {MsgId} (attempt {Attempt}) failed.", message.MsgId, message.Attempt);
            var text = $"{failure.GetType().Name}: {failure.Message}";
            await AnswerAsync(context, StatusCodes.Status500InternalServerError, text.Length > MaxFailureLength ? text[..MaxFailureLength] : text);
        }
    }

    /// <summary>The body, or <see langword="null"/> when it is over <paramref name="limit"/> bytes (the rest left unread).</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var read = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int count;
        while ((count = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (read.Length + count > limit)
            {
                return null;
            }

            read.Write(buffer, 0, count);
        }

        return read.ToArray();
    }

    private static PushedMessage? ReadMessage(string msgId, IHeaderDictionary headers, byte[] body)
    {
        string taskId = headers[WebhookHeaders.TaskId].ToString(), name = headers[WebhookHeaders.Name].ToString();
        if (taskId.Length == 0 || name.Length == 0
            || !long.TryParse(headers[WebhookHeaders.FireTime], NumberStyles.None, CultureInfo.InvariantCulture, out var fireTime)
            || !int.TryParse(headers[WebhookHeaders.Attempt], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt))
        {
            return null;
        }

        return new PushedMessage
        {
            MsgId = msgId,
            TaskId = taskId,
            Name = Uri.UnescapeDataString(name),
            FireTime = DateTimeOffset.FromUnixTimeSeconds(fireTime),
            Attempt = attempt,
            ContentType = headers[HeaderNames.ContentType].ToString() is { Length: > 0 } contentType ? contentType : null,
            Body = body,
        };
    }

    private static Task AnswerAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
