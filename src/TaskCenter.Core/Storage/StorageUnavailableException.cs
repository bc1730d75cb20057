namespace TaskCenter.Core.Storage;

/// <summary>
/// The database cannot be reached (down, restarting, network cut). Nothing was written; the call may be repeated once
/// it is back. The server answers it with 503; the engine waits and retries.
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
