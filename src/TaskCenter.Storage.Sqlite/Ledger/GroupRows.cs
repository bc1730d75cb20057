using Microsoft.Data.Sqlite;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>
/// The statements of the consumer groups: their subscriptions read at start into the ledger's routing index, kept
/// fires handed to a new subscriber, the groups listed and deleted.
/// </summary>
internal static class GroupRows
{
    /// <summary>
    /// Replaces every stored subscription over <see cref="LimitOptions.MaxTagsPerSubscription"/> by
    /// <see cref="TagFilter.Nothing"/> (counted in SQL, so such a subscription is never parsed), then reads every
    /// group's subscription (call under the writer lock). Returns the index, and the groups replaced with how many tags
    /// each had.
    /// </summary>
    public static (SubscriptionIndex Index, IReadOnlyList<(string Group, long Patterns)> Suspended) Load(
        SqliteConnection connection, SqliteTransaction transaction, LimitOptions limits)
    {
        var oversized = new List<(string Group, long Patterns)>();
        using (var find = connection.Command(QueueCommands.OversizedGroups, transaction).With("@maxPatterns", limits.MaxTagsPerSubscription))
        using (var reader = find.ExecuteReader())
        {
            while (reader.Read())
            {
                oversized.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        using (var suspend = connection.Command(QueueCommands.SuspendGroup, transaction))
        {
            var group = suspend.Parameter("@group", SqliteType.Text);
            foreach (var (name, _) in oversized)
            {
                group.Set(name);
                suspend.ExecuteNonQuery();
            }
        }

        var subscriptions = new List<(string, TagFilter, string?)>();
        using (var command = connection.Command(QueueCommands.LoadGroups, transaction))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var group = reader.GetString(0);
                subscriptions.Add((group, TagFilter.ParseStored(group, reader.GetString(1)), reader.GetNullableString(2)));
            }
        }

        return (SubscriptionIndex.From(subscriptions), oversized);
    }

    /// <summary>Gives the group every kept (unrouted, not expired) fire its filter matches, and marks them routed: a range scan per pattern.</summary>
    public static void HandOverUnrouted(SqliteConnection connection, SqliteTransaction transaction, string group, TagFilter tags, DateTimeOffset keptSince)
    {
        var since = keptSince.ToUnixMs();
        using var route = connection.Command(QueueCommands.RouteUnrouted, transaction).With("@group", group).With("@since", since);
        var routeFirst = route.Parameter("@first", SqliteType.Text);
        var routeLast = route.Parameter("@last", SqliteType.Text);
        using var mark = connection.Command(QueueCommands.MarkRouted, transaction).With("@since", since);
        var markFirst = mark.Parameter("@first", SqliteType.Text);
        var markLast = mark.Parameter("@last", SqliteType.Text);
        foreach (var pattern in tags.Patterns)
        {
            routeFirst.Set(pattern.First);
            routeLast.Set(pattern.Last);
            route.ExecuteNonQuery();
            markFirst.Set(pattern.First);
            markLast.Set(pattern.Last);
            mark.ExecuteNonQuery();
        }
    }

    /// <summary>The groups by name after <paramref name="afterGroup"/>, read until <paramref name="page"/> is full.</summary>
    public static IReadOnlyList<ConsumerGroup> List(SqliteConnection connection, string? afterGroup, ConsumerGroupPage page)
    {
        using var command = connection.Command(QueueCommands.ListGroups).With("@after", afterGroup ?? "");
        using var reader = command.ExecuteReader();
        while (!page.IsFull && reader.Read())
        {
            page.Offer(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), UnixTime.FromUnixMs(reader.GetInt64(3)));
        }

        return page.Groups;
    }

    /// <summary>Deletes the group's subscription, its pending messages and its dead letters; returns what went.</summary>
    public static GroupRemoval? Delete(SqliteConnection connection, SqliteTransaction transaction, string group)
    {
        string? filter;
        using (var delete = connection.Command(QueueCommands.DeleteGroup, transaction).With("@group", group))
        {
            filter = delete.ExecuteScalar() as string;
        }

        long pending, dead;
        using (var delete = connection.Command(QueueCommands.DeletePending, transaction).With("@group", group))
        {
            pending = delete.ExecuteNonQuery();
        }

        using (var delete = connection.Command(QueueCommands.DeleteDead, transaction).With("@group", group))
        {
            dead = delete.ExecuteNonQuery();
        }

        return GroupRemoval.Of(group, filter, pending, dead);
    }
}
