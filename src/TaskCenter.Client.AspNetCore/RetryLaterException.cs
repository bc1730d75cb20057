namespace TaskCenter.Client.AspNetCore;

/// <summary>
/// Thrown by a webhook handler to have the message pushed again after <see cref="Delay"/> rather than on the server's
/// retry ladder: the endpoint answers <c>503 Service Unavailable</c> with <c>Retry-After</c>, which the server follows
/// (bounded by its <c>Push:MaxRetryAfter</c>). The attempt still counts towards the message's dead letter.
/// </summary>
public sealed class RetryLaterException : Exception
{
    /// <summary>Asks for a retry after <paramref name="delay"/>.</summary>
    /// <param name="delay">How long to wait; sent in whole seconds, rounded up.</param>
    public RetryLaterException(TimeSpan delay)
        : this(delay, $"The handler asked for a retry in {delay}.")
    {
    }

    /// <summary>Asks for a retry after <paramref name="delay"/>, saying why.</summary>
    /// <param name="delay">How long to wait; sent in whole seconds, rounded up.</param>
    /// <param name="message">Why; the answer's body, which the server keeps as the attempt's error.</param>
    public RetryLaterException(TimeSpan delay, string message)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Delay = delay;
    }

    /// <summary>Asks for a retry after a minute.</summary>
    public RetryLaterException()
        : this(TimeSpan.FromMinutes(1))
    {
    }

    /// <summary>Asks for a retry after a minute, saying why.</summary>
    /// <param name="message">Why.</param>
    public RetryLaterException(string message)
        : this(TimeSpan.FromMinutes(1), message)
    {
    }

    /// <summary>Asks for a retry after a minute, saying why and what caused it.</summary>
    /// <param name="message">Why.</param>
    /// <param name="innerException">What caused it.</param>
    public RetryLaterException(string message, Exception innerException)
        : base(message, innerException) => Delay = TimeSpan.FromMinutes(1);

    /// <summary>How long the server should wait before pushing the message again.</summary>
    public TimeSpan Delay { get; }
}
