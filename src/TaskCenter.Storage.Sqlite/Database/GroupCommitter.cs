using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace TaskCenter.Storage.Sqlite.Database;

/// <summary>
/// Group commit: writes queue up while the writer is busy, and the writer runs all that are waiting in ONE
/// transaction, each inside its own savepoint, with one commit (one fsync) for the group. A write that throws is
/// rolled back to its savepoint and fails alone; the others commit. A write of one statement
/// (<see cref="WriteOperation.SingleStatement"/>, an add) has no savepoint: SQLite undoes a failing statement itself,
/// and a savepoint (three more statements, and a copy of each page the write changes) is a good part of an add's work
/// on the writer. Callers get their result only after the commit, so whatever a caller is told has happened is on
/// disk. Under no load a group is a single write. A write that must update in-memory state after its commit
/// (<see cref="WriteOperation.Exclusive"/>) runs in a group of its own.
/// </summary>
internal sealed class GroupCommitter
{
    /// <summary>Most writes in one group: bounds how long one transaction holds the file and how much a failed commit fails.</summary>
    private const int MaxGroupSize = 512;

    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    // Statements, not SqliteTransaction.Save and its kin, which prepare their statement anew on every call.
    private const string Savepoint = "SAVEPOINT write";
    private const string ReleaseSavepoint = "RELEASE write";
    private const string RollbackToSavepoint = "ROLLBACK TO write";

    private readonly SqliteConnection _writer;
    private readonly WriterStatements _statements;
    private readonly Task _loop;

    public GroupCommitter(SqliteConnection writer, WriterStatements statements)
    {
        _writer = writer;
        _statements = statements;
        _loop = Task.Run(RunAsync);
    }

    public Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, T> work, Action<T>? afterCommit, bool singleStatement, CancellationToken cancellationToken)
    {
        var operation = new WriteOperation<T>(work, afterCommit, singleStatement, cancellationToken);
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(GroupCommitter), "The SQLite storage is closed.");
        }

        return operation.Task;
    }

    /// <summary>Refuses new writes, finishes the queued ones, and returns when the writer is idle.</summary>
    public void Complete()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
    }

    private async Task RunAsync()
    {
        var group = new List<WriteOperation>(MaxGroupSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroupSize && _queue.Reader.TryPeek(out var next) && !(next.Exclusive && group.Count > 0))
            {
                _queue.Reader.TryRead(out var operation);
                if (operation!.CancellationToken.IsCancellationRequested)
                {
                    operation.Cancel();
                    continue;
                }

                group.Add(operation);
                if (operation.Exclusive)
                {
                    break;
                }
            }

            if (group.Count > 0)
            {
                CommitGroup(group);
            }
        }
    }

    private void CommitGroup(List<WriteOperation> group)
    {
        var failures = new Exception?[group.Count];
        try
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            if (group.Count == 1)
            {
                group[0].Run(_writer, transaction);
            }
            else
            {
                for (var i = 0; i < group.Count; i++)
                {
                    failures[i] = group[i].SingleStatement ? RunStatement(group[i], transaction) : RunInSavepoint(group[i], transaction);
                }
            }

            transaction.Commit();
        }
        catch (Exception exception)
        {
            // The transaction (a lone write that threw, or the commit itself) is rolled back: nothing of the group happened.
            foreach (var operation in group)
            {
                operation.Fail(exception);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                group[i].Fail(failure);
            }
            else
            {
                group[i].Committed();
            }
        }
    }

    private Exception? RunStatement(WriteOperation operation, SqliteTransaction transaction)
    {
        try
        {
            operation.Run(_writer, transaction);
            return null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException && InTransaction())
        {
            // SQLite rolled the failing statement back and kept the transaction. Had it rolled the whole transaction
            // back (a full disk, an I/O error), the exception goes on and fails the group.
            return exception;
        }
    }

    private bool InTransaction() => SQLitePCL.raw.sqlite3_get_autocommit(_writer.Handle) == 0;

    private Exception? RunInSavepoint(WriteOperation operation, SqliteTransaction transaction)
    {
        _statements.Execute(Savepoint, transaction);
        try
        {
            operation.Run(_writer, transaction);
            _statements.Execute(ReleaseSavepoint, transaction);
            return null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _statements.Execute(RollbackToSavepoint, transaction);
            _statements.Execute(ReleaseSavepoint, transaction);
            return exception;
        }
    }
}
