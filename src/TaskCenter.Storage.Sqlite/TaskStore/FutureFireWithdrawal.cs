using Microsoft.Data.Sqlite;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.TaskStore;

/// <summary>
/// Withdraws, inside a delete's transaction, the fires of a deleted task that the engine recorded ahead of time and
/// that are not due yet: a deleted task must not fire after its deletion. No consumer holds them: a delivery can
/// only be leased once its fire time has come.
/// </summary>
internal sealed class FutureFireWithdrawal : IDisposable
{
    private readonly SqliteCommand _deliveries;
    private readonly SqliteCommand _fires;
    private readonly SqliteParameter _deliveriesTask;
    private readonly SqliteParameter _firesTask;

    public FutureFireWithdrawal(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        _deliveries = connection.Command(TaskCommands.WithdrawFutureDeliveries, transaction).With("@now", now.ToUnixMs());
        _deliveriesTask = _deliveries.Parameter("@taskId", SqliteType.Text);
        _fires = connection.Command(TaskCommands.WithdrawFutureFires, transaction).With("@now", now.ToUnixMs());
        _firesTask = _fires.Parameter("@taskId", SqliteType.Text);
    }

    public void Of(string taskId)
    {
        _deliveriesTask.Set(taskId);
        _deliveries.ExecuteNonQuery();
        _firesTask.Set(taskId);
        _fires.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _deliveries.Dispose();
        _fires.Dispose();
    }
}
