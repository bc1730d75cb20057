namespace TaskCenter.Server.Composition;

/// <summary>Where tasks and fires are stored: <c>Storage:Provider</c>.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file (the embedded default): one server instance.</summary>
    Sqlite,

    /// <summary>PostgreSQL: any number of server instances share one database.</summary>
    Postgres,
}

/// <summary>How fires reach consumers: <c>Delivery:Transport</c>.</summary>
public enum DeliveryTransport
{
    /// <summary>The built-in queue, consumed over HTTP (the default).</summary>
    BuiltIn,

    /// <summary>RabbitMQ: fires are published to a topic exchange; consumers read their group's queue from the broker.</summary>
    RabbitMq,
}

/// <summary>The backends this server runs on, read once from configuration.</summary>
public sealed record Backends(StorageProvider Storage, DeliveryTransport Delivery)
{
    public static Backends From(IConfiguration configuration) => new(
        Parse<StorageProvider>(configuration, "Storage:Provider"),
        Parse<DeliveryTransport>(configuration, "Delivery:Transport"));

    /// <summary>The value at <paramref name="key"/>, the enum's first value when unset; a clear error naming the key otherwise.</summary>
    private static T Parse<T>(IConfiguration configuration, string key)
        where T : struct, Enum
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(text.Trim()[0]))
        {
            return value;
        }

        throw new InvalidOperationException(
            $"Configuration {key} is '{text}'; it must be one of: {string.Join(", ", Enum.GetNames<T>())}.");
    }
}
