using System.Net;
using System.Text.Json;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Api;

public abstract class HealthTests(ServerFixture fixture)
{
    [Fact]
    public async Task Health_says_ok_with_the_state_of_each_part()
    {
        var (status, body) = await ConnectedAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_when_the_database_and_the_broker_are_reachable_with_the_state_of_each()
    {
        var (status, body) = await ConnectedAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.All(checks.EnumerateObject(), check => Assert.Equal("ok", check.Value.GetProperty("status").GetString()));
        var expected = fixture.Backend == TestBackend.PostgresRabbitMq ? new[] { "rabbitmq", "storage" } : ["storage"];
        Assert.Equal(expected, checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The answer of a health endpoint once the server is connected: the RabbitMQ connection is made after the start,
    /// in the background, and the server rightly reports the broker unreachable until then (RabbitMqAtStartTests).
    /// </summary>
    private Task<(HttpStatusCode Status, JsonElement Body)> ConnectedAsync(string path) =>
        Waiting.PollAsync(() => fixture.Server.Http.GetJsonAsync(path), answer => answer.Status == HttpStatusCode.OK);
}

public sealed class HealthTestsOnSqlite(SqliteServerFixture fixture) : HealthTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class HealthTestsOnPostgres(PostgresServerFixture fixture) : HealthTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class HealthTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture) : HealthTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;

public sealed class BackendConfigurationTests
{
    [Theory]
    [InlineData("Storage:Provider", "Mongo", "Storage:Provider is 'Mongo'; it must be one of: Sqlite, Postgres")]
    [InlineData("Delivery:Transport", "Kafka", "Delivery:Transport is 'Kafka'; it must be one of: BuiltIn, RabbitMq")]
    [InlineData("Storage:Provider", "1", "Storage:Provider is '1'")]
    public async Task An_unknown_backend_stops_the_start_with_the_key_named(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => RunningServer.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Under RabbitMQ the built-in queue is off: its calls say where the messages are instead of waiting empty.</summary>
public sealed class BuiltInQueueOffTests(PostgresRabbitMqServerFixture fixture) : IClassFixture<PostgresRabbitMqServerFixture>
{
    [Theory]
    [InlineData("/v1/api/consume", "{\"group\":\"g\",\"tags\":\"*\",\"wait_ms\":30000}")]
    [InlineData("/v1/api/ack", "{\"group\":\"g\",\"msgids\":[\"6b07988cf068bd9b68837642\"]}")]
    [InlineData("/v1/api/nack", "{\"group\":\"g\",\"msgid\":\"6b07988cf068bd9b68837642\"}")]
    public async Task Queue_calls_answer_404_naming_the_transport(string path, string body) =>
        AssertError(await fixture.Server.Http.PostJsonAsync(path, body), HttpStatusCode.NotFound, "delivers through RabbitMq");

    [Fact]
    public async Task Health_includes_the_broker()
    {
        // The server connects to the broker in the background after it starts: until then the check says unhealthy.
        var (status, body) = await Waiting.PollAsync(
            () => fixture.Server.Http.GetJsonAsync("/healthz"),
            health => health.Body.GetProperty("checks").GetProperty("rabbitmq").GetProperty("status").GetString() == "ok");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("True", body.GetProperty("checks").GetProperty("rabbitmq").GetProperty("data").GetProperty("reachable").GetString());
    }
}
