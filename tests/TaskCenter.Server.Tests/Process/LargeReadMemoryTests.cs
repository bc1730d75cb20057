using System.Net;
using TaskCenter.Core.Limits;
using TaskCenter.Testing;
using Xunit.Abstractions;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// The memory bound of docs/configuration.md (Limits): under concurrent readers of its largest answers, a server process's
/// resident memory stays within what it held at rest plus 8 × readers × Limits:MaxResponseBytes. Eight readers ask again
/// and again for the 150 tasks of 1 MiB of one name (query-task-by-name) and for 500 tasks (GET /tasks?limit=500); with
/// no bound on reads each answer was 157 MB and the server grew by 3.8 GB.
/// </summary>
public sealed class LargeReadMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Readers = 8;
    private const int ReadsPerReader = 6;
    private const int Tasks = 150;
    private const int DataBytes = 1024 * 1024;
    private static readonly long Budget = new LimitOptions().MaxResponseBytes;
    private static readonly long Bound = 8L * Readers * Budget;
    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-memory");

    [Theory]
    [InlineData(TestBackend.Sqlite)]
    [InlineData(TestBackend.Postgres)]
    public async Task Eight_readers_of_the_largest_answers_keep_the_server_within_its_memory_bound(TestBackend backend)
    {
        var settings = await TestBackends.SettingsAsync(backend);
        await using var server = await ServerProcess.StartAsync(_dataDirectory, settings.AsArguments());
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var name = $"memory-{backend}".ToLowerInvariant();
        for (var i = 0; i < Tasks; i++)
        {
            var data = i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture) + new string('x', DataBytes - 8);
            var (status, body) = await http.PostJsonAsync("/v1/api/task", Json(new { name, type = 1, data, start_time = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 86_400 }));
            Assert.True(status == HttpStatusCode.OK, body.ToString());
        }

        var atRest = server.ResidentBytes();
        var peak = atRest;
        void Sample() => InterlockedMax(ref peak, server.ResidentBytes());
        string[] paths = [$"v1/api/query-task-by-name?name={name}", "v1/api/tasks?limit=500"];

        var answers = await Task.WhenAll(Enumerable.Range(0, Readers).Select(reader => Task.Run(async () =>
        {
            var sizes = new List<long>();
            for (var read = 0; read < ReadsPerReader; read++)
            {
                sizes.Add(await ReadAsync(http, paths[(reader + read) % paths.Length], Sample));
            }

            return sizes;
        })));
        Sample();

        output.WriteLine($"{backend}: {atRest / 1048576} MiB at rest, {peak / 1048576} MiB at the peak of {Readers} readers, " +
            $"{server.ResidentBytes() / 1048576} MiB after them; the bound is {(atRest + Bound) / 1048576} MiB");
        Assert.All(answers.SelectMany(sizes => sizes), size => Assert.InRange(size, DataBytes, Budget + (64 * 1024)));
        Assert.True(peak - atRest <= Bound, $"the server grew by {(peak - atRest) / 1048576} MiB under {Readers} readers; the bound is {Bound / 1048576} MiB");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }

    /// <summary>Reads one answer as it arrives, sampling the server's memory when its head and its first bytes are in; returns its length.</summary>
    private static async Task<long> ReadAsync(HttpClient http, string path, Action sample)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        sample();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long length = 0;
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
        {
            if (length == 0)
            {
                sample();
            }

            length += read;
        }

        sample();
        return length;
    }

    private static void InterlockedMax(ref long location, long value)
    {
        for (var current = Interlocked.Read(ref location); value > current; current = Interlocked.Read(ref location))
        {
            if (Interlocked.CompareExchange(ref location, value, current) == current)
            {
                return;
            }
        }
    }
}
