using System.Collections.Immutable;

namespace TaskCenter.Core.Queue;

/// <summary>
/// An immutable snapshot of the consumer groups' subscriptions, indexed by pattern for routing: a fire goes to every
/// group with a pattern equal to its tag, and every group with a prefix pattern its tag starts with (<c>*</c> is the
/// empty prefix). A tag matches at most one pattern of a group (see <see cref="TagFilter.Patterns"/>), so no group is
/// found twice. A change makes a new snapshot in time proportional to the patterns of the group that changed, sharing
/// the rest; finding a tag's groups costs a lookup per distinct prefix length in use, however many groups there are.
/// <para>This is the rule of which subscriptions match a tag (<see cref="GroupsFor"/>), unit-tested here once: a store
/// that routes in memory keeps the current snapshot; one that routes in SQL looks up the same keys (the tag, and its
/// prefix of each length in use followed by <c>*</c>) in its own statement.</para>
/// </summary>
public sealed class SubscriptionIndex
{
    private readonly ImmutableDictionary<string, Subscriber> _groups;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _byTag;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _byPrefix;

    /// <summary>How many (prefix, group) entries have a prefix of each length.</summary>
    private readonly ImmutableSortedDictionary<int, int> _prefixLengths;

    /// <summary>The keys of <see cref="_prefixLengths"/>, ascending, for the fire path.</summary>
    private readonly int[] _lengths;

    private readonly ImmutableDictionary<string, int> _groupsPerOwner;

    private SubscriptionIndex(
        ImmutableDictionary<string, Subscriber> groups,
        ImmutableDictionary<string, ImmutableSortedSet<string>> byTag,
        ImmutableDictionary<string, ImmutableSortedSet<string>> byPrefix,
        ImmutableSortedDictionary<int, int> prefixLengths,
        int[] lengths,
        ImmutableDictionary<string, int> groupsPerOwner)
    {
        _groups = groups;
        _byTag = byTag;
        _byPrefix = byPrefix;
        _prefixLengths = prefixLengths;
        _lengths = lengths;
        _groupsPerOwner = groupsPerOwner;
    }

    public static SubscriptionIndex Empty { get; } = new(
        ImmutableDictionary.Create<string, Subscriber>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableSortedDictionary<int, int>.Empty,
        [],
        ImmutableDictionary.Create<string, int>(StringComparer.Ordinal));

    /// <summary>The groups subscribed.</summary>
    public int Count => _groups.Count;

    /// <summary>The groups <paramref name="owner"/> made.</summary>
    public int CountOwnedBy(string owner) => _groupsPerOwner.GetValueOrDefault(owner);

    /// <summary>The group's filter, or null when it never subscribed.</summary>
    public TagFilter? FilterOf(string group) => _groups.GetValueOrDefault(group)?.Filter;

    /// <summary>The groups that receive a fire with this tag; empty when none does.</summary>
    public IReadOnlyList<string> GroupsFor(string tag)
    {
        IReadOnlyList<string> found = _byTag.TryGetValue(tag, out var exact) ? exact : [];
        List<string>? merged = null;
        foreach (var length in _lengths)
        {
            if (length > tag.Length)
            {
                break;
            }

            if (_byPrefix.TryGetValue(length == tag.Length ? tag : tag[..length], out var byPrefix))
            {
                if (found.Count == 0)
                {
                    found = byPrefix;
                    continue;
                }

                merged ??= [.. found];
                merged.AddRange(byPrefix);
                found = merged;
            }
        }

        return found;
    }

    /// <summary>The snapshot after the groups were loaded, each with its filter and owner.</summary>
    public static SubscriptionIndex From(IEnumerable<(string Group, TagFilter Filter, string? Owner)> subscriptions)
    {
        var change = new Change(Empty);
        foreach (var (group, filter, owner) in subscriptions)
        {
            change.Set(group, filter, owner);
        }

        return change.ToIndex();
    }

    /// <summary>A snapshot with the group's subscription set: added (owned by <paramref name="owner"/>), or changed (its owner kept).</summary>
    public SubscriptionIndex With(string group, TagFilter filter, string? owner)
    {
        var change = new Change(this);
        change.Set(group, filter, owner);
        return change.ToIndex();
    }

    /// <summary>A snapshot without the group.</summary>
    public SubscriptionIndex Without(string group)
    {
        var change = new Change(this);
        change.Remove(group);
        return change.ToIndex();
    }

    private sealed record Subscriber(TagFilter Filter, string? Owner);

    /// <summary>Builds the next snapshot from a previous one, touching only the entries of the groups it is told about.</summary>
    private sealed class Change(SubscriptionIndex from)
    {
        private readonly ImmutableDictionary<string, Subscriber>.Builder _groups = from._groups.ToBuilder();
        private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _byTag = from._byTag.ToBuilder();
        private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _byPrefix = from._byPrefix.ToBuilder();
        private readonly ImmutableSortedDictionary<int, int>.Builder _prefixLengths = from._prefixLengths.ToBuilder();
        private readonly ImmutableDictionary<string, int>.Builder _groupsPerOwner = from._groupsPerOwner.ToBuilder();
        private bool _lengthsChanged;

        public void Set(string group, TagFilter filter, string? owner)
        {
            if (_groups.TryGetValue(group, out var previous))
            {
                Unindex(group, previous.Filter);
                owner = previous.Owner;
            }
            else if (owner is not null)
            {
                _groupsPerOwner[owner] = _groupsPerOwner.GetValueOrDefault(owner) + 1;
            }

            _groups[group] = new Subscriber(filter, owner);
            foreach (var pattern in filter.Patterns)
            {
                var index = pattern.IsPrefix ? _byPrefix : _byTag;
                index[pattern.Value] = index.TryGetValue(pattern.Value, out var groups)
                    ? groups.Add(group)
                    : ImmutableSortedSet.Create(StringComparer.Ordinal, group);
                if (pattern.IsPrefix)
                {
                    CountPrefixLength(pattern.Value.Length, +1);
                }
            }
        }

        public void Remove(string group)
        {
            if (!_groups.TryGetValue(group, out var previous))
            {
                return;
            }

            Unindex(group, previous.Filter);
            _groups.Remove(group);
            if (previous.Owner is { } owner)
            {
                var owned = _groupsPerOwner.GetValueOrDefault(owner) - 1;
                if (owned > 0)
                {
                    _groupsPerOwner[owner] = owned;
                }
                else
                {
                    _groupsPerOwner.Remove(owner);
                }
            }
        }

        public SubscriptionIndex ToIndex()
        {
            var prefixLengths = _prefixLengths.ToImmutable();
            return new SubscriptionIndex(
                _groups.ToImmutable(),
                _byTag.ToImmutable(),
                _byPrefix.ToImmutable(),
                prefixLengths,
                _lengthsChanged ? [.. prefixLengths.Keys] : from._lengths,
                _groupsPerOwner.ToImmutable());
        }

        private void Unindex(string group, TagFilter filter)
        {
            foreach (var pattern in filter.Patterns)
            {
                var index = pattern.IsPrefix ? _byPrefix : _byTag;
                var groups = index[pattern.Value].Remove(group);
                if (groups.IsEmpty)
                {
                    index.Remove(pattern.Value);
                }
                else
                {
                    index[pattern.Value] = groups;
                }

                if (pattern.IsPrefix)
                {
                    CountPrefixLength(pattern.Value.Length, -1);
                }
            }
        }

        private void CountPrefixLength(int length, int delta)
        {
            var count = _prefixLengths.GetValueOrDefault(length) + delta;
            if (count > 0)
            {
                _lengthsChanged |= !_prefixLengths.ContainsKey(length);
                _prefixLengths[length] = count;
            }
            else
            {
                _prefixLengths.Remove(length);
                _lengthsChanged = true;
            }
        }
    }
}
