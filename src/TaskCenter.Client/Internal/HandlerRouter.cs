namespace TaskCenter.Client.Internal;

/// <summary>
/// Maps task names to handlers: a handler registered for the exact tag wins over the one registered for <c>*</c>.
/// Not thread-safe for writes; the consumer stops writing before it starts reading.
/// </summary>
internal sealed class HandlerRouter
{
    private readonly Dictionary<string, TaskHandler> _byTag = new(StringComparer.Ordinal);
    private TaskHandler? _wildcard;

    public bool IsEmpty => _byTag.Count == 0 && _wildcard is null;

    /// <summary>The <c>tags</c> of the consume request: <c>*</c> if any handler takes every name, else the union.</summary>
    public string SubscriptionExpression => _wildcard is not null ? "*" : string.Join(" || ", _byTag.Keys);

    /// <summary>The tags subscribed to; empty if any handler takes every name.</summary>
    public IReadOnlyList<string> SubscribedTags => _wildcard is not null ? [] : [.. _byTag.Keys];

    /// <summary>Adds a handler; throws <see cref="ArgumentException"/> if one of its tags already has a handler.</summary>
    public void Add(string tagExpression, TaskHandler handler)
    {
        var expression = TagExpression.Parse(tagExpression);
        if (expression.MatchesAll)
        {
            if (_wildcard is not null)
            {
                throw new ArgumentException("A handler for '*' is already registered.", nameof(tagExpression));
            }

            _wildcard = handler;
            return;
        }

        foreach (var tag in expression.Tags)
        {
            if (_byTag.ContainsKey(tag))
            {
                throw new ArgumentException($"A handler for tag '{tag}' is already registered.", nameof(tagExpression));
            }
        }

        foreach (var tag in expression.Tags)
        {
            _byTag.Add(tag, handler);
        }
    }

    public TaskHandler? Find(string name) => _byTag.TryGetValue(name, out var handler) ? handler : _wildcard;
}
