using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Process;

/// <summary>
/// A server process given a setting it cannot run with stops before it listens: exit code 1 and one line naming the
/// key, the value and what is allowed — no stack trace, no half-started server.
/// </summary>
public sealed class StartFailureTests : IAsyncLifetime
{
    private readonly string _dataDirectory = TempDirectory.Create("taskcenter-bad-start");

    [Theory]
    [InlineData("Engine:BatchSize is 0; it must be between 1 and 100000.", "--Engine:BatchSize=0")]
    [InlineData("Failed to convert configuration value 'many' at 'Engine:BatchSize' to type 'System.Int32'.", "--Engine:BatchSize=many")]
    [InlineData("Engine:MaxLookAhead is 00:00:00.200; it must be at least Engine:LookAhead (00:00:00.500).", "--Engine:MaxLookAhead=00:00:00.200")]
    [InlineData("Engine:PollInterval is 00:00:00; it must be between 00:00:00.010 and 01:00:00.", "--Engine:PollInterval=00:00:00")]
    [InlineData("Queue:RetryDelays:0 is -00:00:01; it must be between 00:00:00 and 7.00:00:00.", "--Queue:RetryDelays:0=-00:00:01")]
    [InlineData("Overview:HeartbeatInterval is 00:00:00; it must be between 00:00:00.100 and 00:10:00.", "--Overview:HeartbeatInterval=00:00:00")]
    [InlineData("Limits:MaxGroups is -1; it must be between 1 and 1000000.", "--Limits:MaxGroups=-1")]
    [InlineData("Tasks:MaxDataBytes is 0; it must be between 1 and 67108864.", "--Tasks:MaxDataBytes=0")]
    [InlineData("Storage:Sqlite:ReadyCacheSize is -5; it must be between 0 and 10000000.", "--Storage:Sqlite:ReadyCacheSize=-5")]
    [InlineData(
        "Delivery:RabbitMq:PublishBatchSize is 0; it must be between 1 and 100000.", "--Delivery:Transport=RabbitMq", "--Delivery:RabbitMq:PublishBatchSize=0")]
    public async Task A_setting_out_of_its_range_stops_the_start_with_one_line_naming_the_key_and_the_range(string problem, params string[] settings)
    {
        var (exitCode, output) = await ServerProcess.RunUntilExitAsync(_dataDirectory, settings);

        Assert.Equal(1, exitCode);
        Assert.Equal("TaskCenter did not start: " + problem, OnlyProblem(output));
    }

    [Fact]
    public async Task A_sqlite_file_that_cannot_be_created_stops_the_start_with_one_line_naming_the_file_and_the_setting()
    {
        var notAFolder = Path.Combine(_dataDirectory, "a-file");
        await File.WriteAllTextAsync(notAFolder, "");
        var path = Path.Combine(notAFolder, "taskcenter.db");

        var (exitCode, output) = await ServerProcess.RunUntilExitAsync(_dataDirectory, $"--Storage:Sqlite:Path={path}");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"TaskCenter did not start: The SQLite database {path} cannot be opened or created (Storage:Sqlite:Path): ", OnlyProblem(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_npgsql_cannot_read_is_named_without_showing_its_password()
    {
        var (exitCode, output) = await ServerProcess.RunUntilExitAsync(
            _dataDirectory, "--Storage:Provider=Postgres", "--Storage:Postgres:ConnectionString=Host=db;Password=hunter2;Colour=blue");

        Assert.Equal(1, exitCode);
        var problem = OnlyProblem(output);
        Assert.StartsWith("TaskCenter did not start: Storage:Postgres:ConnectionString is not valid; it is not a valid Npgsql connection string: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", string.Join('\n', output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_schema_newer_than_this_build_stops_the_start_with_one_line()
    {
        var settings = await TestBackends.SettingsAsync(TestBackend.Postgres);
        await DatabaseDownAtStartTests.SchemaAtVersionAsync(settings, 999);

        var (exitCode, output) = await ServerProcess.RunUntilExitAsync(_dataDirectory, settings.AsArguments());

        Assert.Equal(1, exitCode);
        Assert.StartsWith(
            "TaskCenter did not start: The database schema \"taskcenter\" is at version 999, newer than this build knows", OnlyProblem(output), StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        TempDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }

    /// <summary>The one line besides informational log entries; nothing else, no stack trace, and it never listened.</summary>
    private static string OnlyProblem(IReadOnlyList<string> output)
    {
        ServerLog.AssertNoFailure(output);
        Assert.DoesNotContain(output, line => line.Contains("Now listening", StringComparison.Ordinal));
        return Assert.Single(output, line => !line.Contains(" info: ", StringComparison.Ordinal));
    }
}
