namespace TaskCenter.Core.Storage;

/// <summary>
/// The database cannot be reached (down, restarting, network cut). The call did not complete and may be repeated once
/// the database is back (a write that was cut off while committing may have landed: adds are deduplicated, deletes and
/// acks are idempotent). The server answers it with 503; the engine waits and retries.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : this("the database is unavailable")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
