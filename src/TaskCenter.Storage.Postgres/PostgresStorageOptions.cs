using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace TaskCenter.Storage.Postgres;

/// <summary>Settings of the PostgreSQL storage (the host binds them, e.g. from a "Storage:Postgres" section).</summary>
public sealed class PostgresStorageOptions : IValidatableObject
{
    /// <summary>The configuration section the server binds these settings from; errors name each setting by its key in it.</summary>
    public const string Section = "Storage:Postgres";

    /// <summary>
    /// The Npgsql connection string (required), e.g. <c>Host=db;Database=taskcenter;Username=tc;Password=…</c>. Its
    /// Timeout (connect, default 15 s) and Command Timeout (default 30 s) bound every call; the storage adds the search
    /// path, TCP keepalives and the session settings that let other instances take over (<see cref="TakeOverTimeout"/>).
    /// </summary>
    [Required(ErrorMessage = "it must be an Npgsql connection string, such as Host=db;Database=taskcenter;Username=tc;Password=secret")]
    [PasswordPropertyText(true)] // It holds the password: never shown in an error.
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The schema every table lives in, created when missing; also the prefix of the notification channels
    /// (<c>&lt;schema&gt;_queue</c>, <c>&lt;schema&gt;_tasks</c>). Lower-case letters, digits and underscores.
    /// </summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,49}$", ErrorMessage = "it must be 1 to 50 lower-case letters, digits or underscores, starting with a letter or underscore")]
    public string Schema { get; set; } = "taskcenter";

    /// <summary>
    /// How long the work of an instance that died (or hangs) mid-transaction stays locked: its session is ended by the
    /// server after this long idle in a transaction (and dead clients are detected by TCP keepalives within it), so
    /// another instance takes its due tasks, leases and outbox fires. An outbox publish must finish within it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TakeOverTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The connection string must be one Npgsql reads (the rules on each property are checked first).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException exception)
        {
            problem = exception.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"it is not a valid Npgsql connection string: {problem}", [nameof(ConnectionString)]);
        }
    }
}
