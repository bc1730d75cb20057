using Microsoft.Data.Sqlite;

namespace TaskCenter.Storage.Sqlite.Database;

/// <summary>One caller's write, waiting for the writer to run it inside a group transaction.</summary>
internal abstract class WriteOperation
{
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>
    /// A write with in-memory state to update after its commit runs in a transaction of its own, so no later write
    /// can run before that state matches what is committed.
    /// </summary>
    public abstract bool Exclusive { get; }

    /// <summary>
    /// The work changes the database with at most one statement, so a failure leaves nothing to undo: SQLite rolls a
    /// failing statement back by itself. Such a write needs no savepoint of its own in a group.
    /// </summary>
    public abstract bool SingleStatement { get; }

    /// <summary>Runs the work on the writer, inside the open transaction. May throw.</summary>
    public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>After the group committed: update in-memory state, then hand the result to the caller.</summary>
    public abstract void Committed();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

internal sealed class WriteOperation<T>(
    Func<SqliteConnection, SqliteTransaction, T> work,
    Action<T>? afterCommit,
    bool singleStatement,
    CancellationToken cancellationToken) : WriteOperation
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _value = default!;

    public Task<T> Task => _result.Task;

    public override CancellationToken CancellationToken => cancellationToken;

    public override bool Exclusive => afterCommit is not null;

    public override bool SingleStatement => singleStatement;

    public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _value = work(connection, transaction);

    public override void Committed()
    {
        try
        {
            afterCommit?.Invoke(_value);
            _result.TrySetResult(_value);
        }
        catch (Exception exception)
        {
            _result.TrySetException(exception);
        }
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);

    public override void Cancel() => _result.TrySetCanceled(cancellationToken);
}
