using System.Text;

namespace TaskCenter.Client.AspNetCore;

/// <summary>A message a push group sent, its signature verified: the task's data and which fire of which task it is.</summary>
public sealed record PushedMessage
{
    /// <summary>
    /// The message's id (header <c>webhook-id</c>): the same on every attempt, so a handler that already handled it can
    /// return at once. Delivery is at least once.
    /// </summary>
    public required string MsgId { get; init; }

    /// <summary>The id of the task that fired (header <c>taskcenter-taskid</c>).</summary>
    public required string TaskId { get; init; }

    /// <summary>The task's name, its routing tag (header <c>taskcenter-name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>When the task fired, to the second (header <c>taskcenter-fire-time</c>).</summary>
    public DateTimeOffset FireTime { get; init; }

    /// <summary>1 on the first push of the message, one more on each retry (header <c>taskcenter-attempt</c>).</summary>
    public int Attempt { get; init; }

    /// <summary>The request's Content-Type, as the group's target declares it; <see langword="null"/> when none was sent.</summary>
    public string? ContentType { get; init; }

    /// <summary>The request's body, byte for byte: the task's data as stored.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The task's data: <see cref="Body"/> read as UTF-8 (decoded on each read).</summary>
    public string Data => Encoding.UTF8.GetString(Body.Span);
}
