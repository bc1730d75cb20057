using Npgsql;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.Ledger;

/// <summary>Tells every instance, when the caller's transaction commits, that queue messages became ready.</summary>
internal static class QueueNotifications
{
    public static async Task MessagesReadyAsync(NpgsqlConnection connection, PostgresDatabase db, CancellationToken cancellationToken)
    {
        await using var notify = connection.Command(NotificationChannels.Notify).With("@channel", db.Channels.Queue).With("@payload", "");
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }
}
