namespace TaskCenter.Client.Consumer;

/// <summary>
/// Maps task names to handlers: the handler registered for the name's exact tag wins, then the one for the longest
/// prefix pattern the name starts with (<c>billing.*</c>), then the one for <c>*</c>.
/// Not thread-safe for writes; the consumer stops writing before it starts reading.
/// </summary>
internal sealed class HandlerRouter
{
    private readonly Dictionary<string, TaskHandler> _byTag = new(StringComparer.Ordinal);

    /// <summary>By prefix (without its <c>*</c>), longest first.</summary>
    private readonly List<(string Prefix, TaskHandler Handler)> _byPrefix = [];

    private TaskHandler? _wildcard;

    public bool IsEmpty => _byTag.Count == 0 && _byPrefix.Count == 0 && _wildcard is null;

    /// <summary>The <c>tags</c> of the consume request: <c>*</c> if any handler takes every name, else the union.</summary>
    public string SubscriptionExpression => _wildcard is not null ? "*" : string.Join(" || ", SubscribedTags);

    /// <summary>The tags and prefix patterns subscribed to; empty if any handler takes every name.</summary>
    public IReadOnlyList<string> SubscribedTags =>
        _wildcard is not null ? [] : [.. _byTag.Keys, .. _byPrefix.Select(p => p.Prefix + "*")];

    /// <summary>Adds a handler; throws <see cref="ArgumentException"/> if one of its tags or patterns already has a handler.</summary>
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
            if (TagExpression.IsPrefix(tag) ? _byPrefix.Exists(p => p.Prefix == tag[..^1]) : _byTag.ContainsKey(tag))
            {
                throw new ArgumentException($"A handler for '{tag}' is already registered.", nameof(tagExpression));
            }
        }

        foreach (var tag in expression.Tags)
        {
            if (TagExpression.IsPrefix(tag))
            {
                _byPrefix.Add((tag[..^1], handler));
            }
            else
            {
                _byTag.Add(tag, handler);
            }
        }

        _byPrefix.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
    }

    public TaskHandler? Find(string name)
    {
        if (_byTag.TryGetValue(name, out var handler))
        {
            return handler;
        }

        foreach (var (prefix, byPrefix) in _byPrefix)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return byPrefix;
            }
        }

        return _wildcard;
    }
}
