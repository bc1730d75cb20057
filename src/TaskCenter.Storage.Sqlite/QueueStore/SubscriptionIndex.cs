using TaskCenter.Core.Queue;

namespace TaskCenter.Storage.Sqlite.QueueStore;

/// <summary>
/// An immutable snapshot of the consumer groups' subscriptions, indexed by tag for routing: a fire goes to every
/// group subscribed to "*" and every group whose filter names its tag.
/// </summary>
internal sealed class SubscriptionIndex
{
    private readonly Dictionary<string, TagFilter> _filters;
    private readonly string[] _matchAll;
    private readonly Dictionary<string, string[]> _byTag;

    private SubscriptionIndex(Dictionary<string, TagFilter> filters)
    {
        _filters = filters;
        var groups = filters.Keys.Order(StringComparer.Ordinal).ToArray();
        _matchAll = [.. groups.Where(g => filters[g].MatchesAll)];
        _byTag = groups
            .Where(g => !filters[g].MatchesAll)
            .SelectMany(g => filters[g].Tags, (group, tag) => (group, tag))
            .GroupBy(x => x.tag, StringComparer.Ordinal)
            .ToDictionary(x => x.Key, x => x.Select(y => y.group).ToArray(), StringComparer.Ordinal);
    }

    public static SubscriptionIndex Empty { get; } = new(new Dictionary<string, TagFilter>(StringComparer.Ordinal));

    public int Count => _filters.Count;

    public static SubscriptionIndex From(IEnumerable<KeyValuePair<string, TagFilter>> subscriptions) =>
        new(subscriptions.ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal));

    /// <summary>The group's filter, or null when it never subscribed.</summary>
    public TagFilter? FilterOf(string group) => _filters.GetValueOrDefault(group);

    /// <summary>The groups that receive a fire with this tag, by name; empty when none does.</summary>
    public IReadOnlyList<string> GroupsFor(string tag)
    {
        if (!_byTag.TryGetValue(tag, out var named))
        {
            return _matchAll;
        }

        return _matchAll.Length == 0 ? named : [.. _matchAll.Concat(named).Order(StringComparer.Ordinal)];
    }

    /// <summary>A copy with the group's subscription set (added or changed).</summary>
    public SubscriptionIndex With(string group, TagFilter filter) =>
        new(new Dictionary<string, TagFilter>(_filters, StringComparer.Ordinal) { [group] = filter });
}
