using System.Text.Json;
using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Push;

/// <summary>
/// A push group as the stores' columns hold it, the one mapping every backend uses: the tag filter as its
/// <see cref="TagFilter.Expression"/>, the timeout and the time in (unix) milliseconds, the headers as a JSON object of
/// string to string (names as written, in their order).
/// </summary>
public sealed record StoredPushGroup(
    string Name,
    string Tags,
    string Url,
    string ContentType,
    long TimeoutMs,
    int MaxConcurrency,
    string Headers,
    string Secret,
    string? Owner,
    long UpdatedAt)
{
    public static StoredPushGroup From(PushGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var push = group.Push;
        return new(
            group.Name,
            group.Tags.Expression,
            push.Url,
            push.ContentType,
            (long)push.Timeout.TotalMilliseconds,
            push.MaxConcurrency,
            JsonSerializer.Serialize(push.Headers),
            push.Secret,
            group.Owner,
            group.UpdatedAt.ToUnixTimeMilliseconds());
    }

    /// <summary>The group; throws <see cref="InvalidDataException"/> when its tags or headers cannot be read.</summary>
    public PushGroup ToGroup() => new(
        Name,
        TagFilter.ParseStored(Name, Tags),
        new PushSettings
        {
            Url = Url,
            ContentType = ContentType,
            Timeout = TimeSpan.FromMilliseconds(TimeoutMs),
            MaxConcurrency = MaxConcurrency,
            Headers = ReadHeaders(),
            Secret = Secret,
        },
        Owner,
        DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));

    private Dictionary<string, string> ReadHeaders()
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(Headers)
                ?? throw new InvalidDataException($"Push group '{Name}' has stored headers null instead of an object.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Push group '{Name}' has invalid stored headers: {exception.Message}", exception);
        }
    }
}
