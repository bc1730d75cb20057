using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>
/// What S6's noisy neighbours do, each with its own API key, until stopped: 8 callers adding one-shot tasks (due in an
/// hour, data unique per call) as fast as the server answers; 150 long polls at once (a key may have 100 in flight);
/// one caller making a new consumer group after another, each subscribing to 256 tags, past the key's group limit.
/// Counts every answer by kind and status.
/// </summary>
public sealed class NoisyFlood : IDisposable
{
    public const int AddCallers = 8;
    public const int LongPolls = 150;
    public const int TagsPerGroup = 256;

    private readonly HttpClient _adder;
    private readonly HttpClient _grouper;
    private readonly ConcurrentDictionary<string, long> _answers = new(StringComparer.Ordinal);

    public NoisyFlood(Uri server, string addKey, string groupKey)
    {
        _adder = Client(server, addKey);
        _grouper = Client(server, groupKey);
    }

    /// <summary>Answers by kind and status, e.g. "add 200", "poll 429", "group 409".</summary>
    public IReadOnlyDictionary<string, long> Answers => _answers;

    public long Count(string kindAndStatus) => _answers.GetValueOrDefault(kindAndStatus);

    public long Total => _answers.Values.Sum();

    /// <summary>Floods until <paramref name="stop"/> is cancelled; returns once every caller has stopped.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, AddCallers).Select(i => AddAsync(i, stop))
            .Concat(Enumerable.Range(0, LongPolls).Select(_ => PollAsync(stop)))
            .Append(GroupsAsync(stop)));

    public void Dispose()
    {
        _adder.Dispose();
        _grouper.Dispose();
    }

    private async Task AddAsync(int caller, CancellationToken stop)
    {
        var due = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var data = string.Create(CultureInfo.InvariantCulture, $"{caller}-{i}");
            await SendAsync(_adder, "add", "v1/api/task", $$"""{"name":"noisy.flood","type":1,"data":"{{data}}","start_time":{{due}}}""", stop);
        }
    }

    private async Task PollAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await SendAsync(_adder, "poll", "v1/api/consume", """{"group":"noisy-pollers","tags":"noisy.none","wait_ms":5000}""", stop);
        }
    }

    private async Task GroupsAsync(CancellationToken stop)
    {
        var tags = string.Join(" || ", Enumerable.Range(0, TagsPerGroup).Select(t => string.Create(CultureInfo.InvariantCulture, $"noisy.tag{t}")));
        for (var g = 0; !stop.IsCancellationRequested; g++)
        {
            await SendAsync(_grouper, "group", "v1/api/consume", $$"""{"group":"noisy-g{{g}}","tags":"{{tags}}"}""", stop);
        }
    }

    private async Task SendAsync(HttpClient http, string kind, string path, string json, CancellationToken stop)
    {
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, stop);
            Record(kind, response.StatusCode);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (HttpRequestException)
        {
            Record(kind, 0);
        }
    }

    private void Record(string kind, HttpStatusCode status) =>
        _answers.AddOrUpdate(string.Create(CultureInfo.InvariantCulture, $"{kind} {(int)status}"), 1, (_, n) => n + 1);

    private static HttpClient Client(Uri server, string key)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = LongPolls + AddCallers + 8 })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
