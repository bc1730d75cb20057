namespace TaskCenter.RabbitMq.Contract;

/// <summary>The broker settings both sides take: an AMQP address and the exchange all names derive from.</summary>
internal static class BrokerAddress
{
    /// <summary>Throws an <see cref="ArgumentException"/> when the address is not AMQP or the exchange is empty.</summary>
    public static void Validate(Uri uri, string exchange)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (WrongScheme(uri) is { } wrong)
        {
            throw new ArgumentException(wrong, nameof(uri));
        }

        if (string.IsNullOrWhiteSpace(exchange))
        {
            throw new ArgumentException("Exchange is required.", nameof(exchange));
        }
    }

    /// <summary>What is wrong with the address's scheme, or null when it is AMQP.</summary>
    public static string? WrongScheme(Uri uri) =>
        uri.Scheme is "amqp" or "amqps" ? null : $"Uri must be an amqp:// or amqps:// address, got '{uri.Scheme}://'.";

    /// <summary>The address without credentials, for logs and health.</summary>
    public static string Redacted(Uri uri) => new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString();
}
