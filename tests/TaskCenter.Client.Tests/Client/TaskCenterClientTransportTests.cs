using System.Net;
using System.Net.Sockets;
using TaskCenter.Client.Tests.Support;

namespace TaskCenter.Client.Tests.Client;

/// <summary>
/// What the client puts on the wire and how it bounds a request: the API key header, the request timeout, long polls.
/// Only on the backends whose built-in queue is consumed over HTTP.
/// </summary>
public abstract class TaskCenterClientTransportTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_API_key_is_sent_as_a_bearer_token_on_every_request()
    {
        using var recorder = new RecordingHttpHandler();
        using var client = new TaskCenterClient(
            new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress, ApiKey = "s3cret-key", HttpHandler = recorder });
        var (name, group) = (Unique.Name("auth"), Unique.Name("group"));

        var added = await client.AddTaskAsync(NewTask.Once(name, "x", DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Equal("x", (await client.GetTaskAsync(added.TaskId))?.Data);
        Assert.Empty(await client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = name }));

        Assert.Equal(
            [("POST", "/v1/api/task"), ("GET", "/v1/api/query-task-by-id"), ("POST", "/v1/api/consume")],
            recorder.Sent.Select(r => (r.Method.Method, r.Path)));
        Assert.All(recorder.Sent, r => Assert.Equal("Bearer s3cret-key", r.Authorization));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_an_API_key_no_authorization_header_is_sent(string? apiKey)
    {
        using var recorder = new RecordingHttpHandler();
        using var client = new TaskCenterClient(
            new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress, ApiKey = apiKey, HttpHandler = recorder });

        Assert.Contains("total", (await client.GetStatAsync()).Keys);

        Assert.Null(Assert.Single(recorder.Sent).Authorization);
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_times_out_after_the_request_timeout()
    {
        // A "server" that takes the connection and the request, and never writes a byte back.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var accepted = listener.AcceptTcpClientAsync();
            var address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
            using var client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = address, Timeout = TimeSpan.FromSeconds(1) });

            // No cancellation token: only the client's own timeout can end the call before the guard does.
            var error = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetCrontabNextAsync("0 * * * *").OrTimeout());

            Assert.IsType<TimeoutException>(error.InnerException);
            using var connection = await accepted.OrTimeout(); // the request did reach the listener
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Canceling_a_long_poll_throws_OperationCanceledException_without_waiting_for_it()
    {
        using var cancel = new CancellationTokenSource();
        var poll = fixture.Client.ConsumeAsync(
            new ConsumeRequest { Group = Unique.Name("idle"), Tags = Unique.Name("idle"), WaitTime = TimeSpan.FromSeconds(60) },
            cancel.Token);

        await cancel.CancelAsync();

        // The guard is shorter than the poll's wait: only the cancellation can end it in time.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll.OrTimeout());
    }

    [Fact]
    public async Task A_long_poll_wait_is_added_to_the_request_timeout()
    {
        // The server holds the poll for its whole 3 s wait (nothing is ready) and then answers: a request timeout of 2 s
        // on its own would cut it short, the timeout plus the wait (5 s) does not.
        using var client = new TaskCenterClient(
            new TaskCenterClientOptions { BaseAddress = fixture.Server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) });

        var messages = await client.ConsumeAsync(new ConsumeRequest
        {
            Group = Unique.Name("group"),
            Tags = Unique.Name("idle"),
            WaitTime = TimeSpan.FromSeconds(3),
        }).OrTimeout();

        Assert.Empty(messages);
    }
}

public sealed class TaskCenterClientTransportTestsOnSqlite(SqliteServerFixture fixture) : TaskCenterClientTransportTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TaskCenterClientTransportTestsOnPostgres(PostgresServerFixture fixture) : TaskCenterClientTransportTests(fixture), IClassFixture<PostgresServerFixture>;
