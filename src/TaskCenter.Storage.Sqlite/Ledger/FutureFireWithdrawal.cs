using Microsoft.Data.Sqlite;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>
/// Withdraws, inside a delete's transaction, the fires of deleted tasks that the engine recorded ahead of time and that
/// are not due yet: a deleted task must not fire after its deletion. No consumer holds them: a delivery can only be
/// leased once its fire time has come.
/// </summary>
internal static class FutureFireWithdrawal
{
    public static void Run(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> taskIds, DateTimeOffset now)
    {
        using var deliveries = connection.Command(QueueCommands.WithdrawFutureDeliveries, transaction).With("@now", now.ToUnixMs());
        var deliveriesTask = deliveries.Parameter("@taskId", SqliteType.Text);
        using var fires = connection.Command(QueueCommands.WithdrawFutureFires, transaction).With("@now", now.ToUnixMs());
        var firesTask = fires.Parameter("@taskId", SqliteType.Text);
        foreach (var taskId in taskIds)
        {
            deliveriesTask.Set(taskId);
            deliveries.ExecuteNonQuery();
            firesTask.Set(taskId);
            fires.ExecuteNonQuery();
        }
    }
}
