namespace TaskCenter.Client;

/// <summary>Settings of a <see cref="TaskCenterClient"/>. The client copies them when it is created.</summary>
public sealed class TaskCenterClientOptions
{
    /// <summary>The server's address; paths <c>v1/api/...</c> are resolved against it. Default <c>http://127.0.0.1:8081/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:8081/");

    /// <summary>
    /// The time allowed for one request, including reading the answer; a consume call gets its long-poll wait on top.
    /// Default 30 s; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An API key sent as <c>Authorization: Bearer &lt;key&gt;</c>; none when <see langword="null"/> or empty. Default none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The handler the client's own <see cref="HttpClient"/> sends through (e.g. a test server's handler); the client does not
    /// dispose it. Default <see langword="null"/>: a <see cref="SocketsHttpHandler"/> owned by the client. Ignored when an
    /// <see cref="HttpClient"/> is passed to the client's constructor.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri ||
            (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{nameof(BaseAddress)} must be an absolute http or https address, got '{BaseAddress}'.", nameof(BaseAddress));
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, $"{nameof(Timeout)} must be positive or infinite.");
        }
    }

    internal TaskCenterClientOptions Clone() => new()
    {
        BaseAddress = BaseAddress,
        Timeout = Timeout,
        ApiKey = ApiKey,
        HttpHandler = HttpHandler,
    };
}
