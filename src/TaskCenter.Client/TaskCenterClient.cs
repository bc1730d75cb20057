using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TaskCenter.Client.Internal;
using TaskCenter.Contracts;

namespace TaskCenter.Client;

/// <summary>
/// A typed client of the TaskCenter HTTP API (<c>/v1/api/...</c>). Immutable and thread-safe: create one per server and
/// share it.
/// </summary>
/// <remarks>
/// A non-success answer with an <c>{"err","msg"}</c> body throws <see cref="TaskCenterApiException"/>; one without such a
/// body throws <see cref="HttpRequestException"/> carrying the status. Network failures (<see cref="HttpRequestException"/>)
/// and cancellation pass through; a request that exceeds <see cref="TaskCenterClientOptions.Timeout"/> throws
/// <see cref="TaskCanceledException"/> whose inner exception is a <see cref="TimeoutException"/>, as
/// <see cref="HttpClient"/> does.
/// </remarks>
public sealed partial class TaskCenterClient : ITaskCenterClient, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly Uri _baseAddress;
    private readonly TimeSpan _timeout;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>, disposed with the client.</summary>
    /// <param name="options">The settings; validated and copied.</param>
    public TaskCenterClient(TaskCenterClientOptions options)
        : this(options, httpClient: null)
    {
    }

    /// <summary>
    /// Creates a client that sends through <paramref name="httpClient"/> (not disposed by the client). Requests use absolute
    /// addresses built from <see cref="TaskCenterClientOptions.BaseAddress"/>, so the HttpClient's own BaseAddress is ignored;
    /// its <see cref="HttpClient.Timeout"/> still applies and must exceed the longest long-poll wait plus
    /// <see cref="TaskCenterClientOptions.Timeout"/>.
    /// </summary>
    /// <param name="options">The settings; validated and copied.</param>
    /// <param name="httpClient">The client to send through; <see langword="null"/> to create one.</param>
    public TaskCenterClient(TaskCenterClientOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Clone();
        options.Validate();

        var baseAddress = options.BaseAddress.AbsoluteUri;
        _baseAddress = new Uri(baseAddress.EndsWith('/') ? baseAddress : baseAddress + "/");
        _timeout = options.Timeout;
        _authorization = string.IsNullOrEmpty(options.ApiKey) ? null : new AuthenticationHeaderValue("Bearer", options.ApiKey);

        if (httpClient is not null)
        {
            _http = httpClient;
        }
        else
        {
            var handler = options.HttpHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            _http = new HttpClient(handler, disposeHandler: options.HttpHandler is null)
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan, // the per-request timeout is ours
            };
            _ownsHttpClient = true;
        }
    }

    /// <summary>The server's address the client resolves paths against (always ending in <c>/</c>).</summary>
    public Uri BaseAddress => _baseAddress;

    /// <summary>Disposes the <see cref="HttpClient"/> if the client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private async Task<TResponse> GetAsync<TResponse>(
        string pathAndQuery, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : class =>
        (await SendAsync(HttpMethod.Get, pathAndQuery, content: null, responseType, TimeSpan.Zero, nullOn404: false, cancellationToken)
            .ConfigureAwait(false))!;

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class =>
        (await SendAsync(
            HttpMethod.Post, path, Serialize(body, requestType), responseType, TimeSpan.Zero, nullOn404: false, cancellationToken)
            .ConfigureAwait(false))!;

    private static ByteArrayContent Serialize<T>(T body, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>
    /// Sends one request and reads its JSON answer; <see langword="null"/> only for a 404 when <paramref name="nullOn404"/>.
    /// <paramref name="onSuccess"/> sees a successful answer's headers.
    /// </summary>
    private async Task<TResponse?> SendAsync<TResponse>(
        HttpMethod method, string pathAndQuery, HttpContent? content, JsonTypeInfo<TResponse> responseType,
        TimeSpan extraTimeout, bool nullOn404, CancellationToken cancellationToken, Action<HttpResponseHeaders>? onSuccess = null)
        where TResponse : class
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseAddress, pathAndQuery)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = _authorization;

        var timeout = _timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? System.Threading.Timeout.InfiniteTimeSpan
            : _timeout + extraTimeout;
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutCts.Token)
                .ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                onSuccess?.Invoke(response.Headers);
                var result = await response.Content.ReadFromJsonAsync(responseType, timeoutCts.Token).ConfigureAwait(false);
                return result ?? throw new JsonException(
                    $"TaskCenter answered {method} {pathAndQuery} with an empty or null body.");
            }

            if (nullOn404 && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            throw await CreateErrorAsync(method, pathAndQuery, response, timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeoutCts.IsCancellationRequested)
        {
            throw new TaskCanceledException(
                string.Create(CultureInfo.InvariantCulture, $"The TaskCenter request {method} {pathAndQuery} timed out after {timeout.TotalSeconds} s."),
                new TimeoutException(ex.Message, ex));
        }
    }

    private static async Task<Exception> CreateErrorAsync(
        HttpMethod method, string pathAndQuery, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        ErrorResponse? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, ClientJson.Of<ErrorResponse>());
        }
        catch (JsonException)
        {
            // Not an {"err","msg"} body (e.g. a proxy's HTML page): reported as an HttpRequestException below.
        }

        if (error?.Msg is { } msg)
        {
            return new TaskCenterApiException(response.StatusCode, error.Err is 0 ? (int)response.StatusCode : error.Err, msg);
        }

        const int maxBodyChars = 200;
        var excerpt = body.Length <= maxBodyChars ? body : body[..maxBodyChars] + "…";
        return new HttpRequestException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"TaskCenter answered {method} {pathAndQuery} with {(int)response.StatusCode} {response.ReasonPhrase}: {excerpt}"),
            inner: null,
            response.StatusCode);
    }
}
