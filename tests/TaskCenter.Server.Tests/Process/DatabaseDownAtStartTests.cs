using System.Net;
using System.Text.Json;
using Npgsql;
using TaskCenter.Server.Tests.Queue;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// A server process started while its PostgreSQL cannot be used — down, or refusing the login — comes up live and not
/// ready instead of crashing: /healthz 200, /readyz and the API 503 saying what it waits for, one warning and no stack
/// trace in its log. Once the database can be used it migrates the schema and becomes ready by itself, and a task added
/// then fires.
/// </summary>
public sealed class DatabaseDownAtStartTests : IAsyncLifetime
{
    private const string Group = "after-start";
    private const string Name = "added-when-ready";

    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-db-down");

    [Fact]
    public async Task A_server_started_while_postgres_is_down_is_live_not_ready_and_ready_by_itself_once_it_runs()
    {
        // A PostgreSQL server of the test's own: it is down when the instance starts.
        await using var postgres = await PostgresServer.StartAsync();
        var settings = await TestBackends.SettingsAsync(TestBackend.Postgres, new BackendServers(Postgres: postgres));
        await postgres.StopAsync();

        await using var server = await ServerProcess.StartAsync(_dataDirectory, settings.AsArguments());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        await AssertLiveButNotReadyAsync(http, "The PostgreSQL database is unavailable");

        await postgres.StartAgainAsync();

        await AssertReadyAndFiringAsync(http);
        AssertOneWarningAndNoFailure(server.Output, "The PostgreSQL database is unavailable");
    }

    [Fact]
    public async Task A_server_whose_login_postgres_refuses_keeps_trying_and_is_ready_once_the_password_is_right()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("refused"));
        await ExecuteAsync(postgres, "CREATE ROLE tc LOGIN PASSWORD 'the-old-one'");
        await ExecuteAsync(postgres, "ALTER DATABASE refused OWNER TO tc");
        var asTc = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = "tc", Password = "the-new-one" };

        await using var server = await ServerProcess.StartAsync(
            _dataDirectory, "--Storage:Provider=Postgres", $"--Storage:Postgres:ConnectionString={asTc.ConnectionString}");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (_, ready) = await AssertLiveButNotReadyAsync(http, "refused the login");
        var description = ready.GetProperty("checks").GetProperty("storage").GetProperty("description").GetString();
        Assert.Contains("password authentication failed for user \"tc\"", description, StringComparison.Ordinal);
        Assert.DoesNotContain("the-new-one", description, StringComparison.Ordinal);

        await ExecuteAsync(postgres, "ALTER ROLE tc PASSWORD 'the-new-one'"); // the password rotation completes

        await AssertReadyAndFiringAsync(http);
        AssertOneWarningAndNoFailure(server.Output, "refused the login: 28P01");
    }

    [Fact]
    public async Task A_database_that_answers_only_after_the_start_with_a_schema_newer_than_this_build_stops_the_server_in_one_line()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var settings = await TestBackends.SettingsAsync(TestBackend.Postgres, new BackendServers(Postgres: postgres));
        await SchemaAtVersionAsync(settings, 999);
        await postgres.StopAsync();
        await using var server = await ServerProcess.StartAsync(_dataDirectory, settings.AsArguments());

        await postgres.StartAgainAsync();

        Assert.Equal(1, await server.ExitedAsync());
        var stop = Assert.Single(server.Output, line => line.Contains(" crit: ", StringComparison.Ordinal));
        Assert.Contains("The storage cannot be initialized: The database schema \"taskcenter\" is at version 999, newer than this build knows", stop, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Output, line => line.Contains(" fail: ", StringComparison.Ordinal) || line.Contains("   at ", StringComparison.Ordinal));
    }

    /// <summary>A schema that a newer TaskCenter migrated to <paramref name="version"/>.</summary>
    internal static async Task SchemaAtVersionAsync(BackendSettings settings, int version)
    {
        await using var connection = new NpgsqlConnection(settings.Configuration["Storage:Postgres:ConnectionString"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "CREATE SCHEMA taskcenter; CREATE TABLE taskcenter.schema_version (version integer PRIMARY KEY, name text NOT NULL, "
            + $"applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO taskcenter.schema_version VALUES ({version}, 'future')",
            connection);
        await command.ExecuteNonQueryAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }

    /// <summary>/healthz 200, /readyz 503 and an API call 503, each saying the storage waits for the database and why.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> AssertLiveButNotReadyAsync(HttpClient http, string why)
    {
        var (liveStatus, live) = await http.GetJsonAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        AssertWaitingForTheDatabase(live, why);

        var ready = await http.GetJsonAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("unhealthy", ready.Body.GetProperty("status").GetString());
        AssertWaitingForTheDatabase(ready.Body, why);

        var add = await http.PostJsonAsync("/v1/api/task", Json(new { name = Name, type = 1, data = "too early" }));
        AssertError(add, HttpStatusCode.ServiceUnavailable, "the database is not ready yet: ");
        Assert.Contains(why, add.Body.GetProperty("msg").GetString(), StringComparison.Ordinal);
        return ready;
    }

    private static void AssertWaitingForTheDatabase(JsonElement health, string why)
    {
        var storage = health.GetProperty("checks").GetProperty("storage");
        Assert.Equal("unhealthy", storage.GetProperty("status").GetString());
        var description = storage.GetProperty("description").GetString();
        Assert.StartsWith("waiting for the database: ", description, StringComparison.Ordinal);
        Assert.Contains(why, description, StringComparison.Ordinal);
    }

    /// <summary>Ready by itself (the schema migrated), and a one-shot task added now reaches a consumer over HTTP.</summary>
    private static async Task AssertReadyAndFiringAsync(HttpClient http)
    {
        var (readyStatus, _) = await Waiting.PollAsync(() => http.GetJsonAsync("/readyz"), r => r.Status == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Empty(await http.ConsumeAsync(Group, Name, waitMs: 0)); // subscribes the group
        var taskId = await http.AddNowAsync(Name, "after the start");

        var message = Assert.Single(await http.ConsumeAsync(Group, Name, waitMs: 30_000, max: 1));

        Assert.Equal(taskId, message.GetProperty("taskid").GetString());
        Assert.Equal([message.Msgid()], await http.AckAsync(Group, message.Msgid()));
    }

    /// <summary>One warning for the whole outage (none per retry), one line when it ended, and no failure or stack trace.</summary>
    private static void AssertOneWarningAndNoFailure(IReadOnlyList<string> output, string why)
    {
        var warning = Assert.Single(ServerLog.Warnings(output));
        Assert.Contains("The storage is not ready: ", warning, StringComparison.Ordinal);
        Assert.Contains(why, warning, StringComparison.Ordinal);
        Assert.Contains(output, line => line.Contains("Storage ready: the database answered after", StringComparison.Ordinal));
        ServerLog.AssertNoFailure(output);
    }

    private static async Task ExecuteAsync(PostgresServer postgres, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
