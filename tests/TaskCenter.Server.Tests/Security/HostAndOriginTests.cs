using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TaskCenter.Server.Tests.Management;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Security;

/// <summary>
/// What a web page in a user's browser could do to a server: a Host other than the allowed ones (DNS rebinding) is
/// refused with 400, and a request that may change something, carrying an Origin other than the server's own, with 403
/// — nothing is added, triggered or deleted. Origins listed in Security:AllowedOrigins may call, with CORS answers.
/// </summary>
public sealed class HostAndOriginTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private const string Foreign = "http://attacker.example";

    private HttpClient Http => fixture.Server.Http;

    private string OwnOrigin => fixture.Server.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Theory]
    [InlineData("rebound.example")]
    [InlineData("rebound.example:8081")]
    [InlineData("localhost.rebound.example")]
    [InlineData("127.0.0.2")]
    public async Task Without_keys_a_host_other_than_the_loopback_names_is_a_400_and_nothing_is_added(string host)
    {
        var name = TaskCalls.UniquePrefix("rebound");
        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/api/task", Json(new { name, type = 1, data = "d" }), host: host);

        AssertError((status, body), HttpStatusCode.BadRequest, $"Host '{host}'");
        Assert.Contains("AllowedHosts", body.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Empty((await Http.GetJsonAsync($"/v1/api/query-task-by-name?name={name}")).Body.EnumerateArray());
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:1234")]
    [InlineData("127.0.0.1:80")]
    [InlineData("[::1]:8081")]
    public async Task Without_keys_the_loopback_names_are_answered_on_any_port(string host) =>
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/v1/api/task/stat", host: host)).Status);

    [Fact]
    public async Task Configured_allowed_hosts_replace_the_loopback_names()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "tc.example.com;*.ops.example" });

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(server.Http, HttpMethod.Get, "/v1/api/task/stat", host: "tc.example.com:8081")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(server.Http, HttpMethod.Get, "/v1/api/task/stat", host: "eu.ops.example")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(server.Http, HttpMethod.Get, "/v1/api/task/stat", host: "localhost")).Status);
    }

    [Fact]
    public async Task With_keys_any_host_is_answered_by_default()
    {
        await using var server = await RunningServer.StartAsync(TestKeys.OnePerRole());

        var (status, _) = await SendAsync(server.Http, HttpMethod.Get, "/v1/api/task/stat", host: "taskcenter.example.com", key: TestKeys.Viewer);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData(Foreign)]
    [InlineData("null")]
    [InlineData("https://127.0.0.1")]
    public async Task A_foreign_origin_may_not_add_a_task(string origin)
    {
        var name = TaskCalls.UniquePrefix("foreign");
        var response = await SendAsync(HttpMethod.Post, "/v1/api/task", Json(new { name, type = 1, data = "d" }), origin: origin);

        AssertError(response, HttpStatusCode.Forbidden, $"({origin})");
        Assert.Contains("Security:AllowedOrigins", response.Body.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Empty((await Http.GetJsonAsync($"/v1/api/query-task-by-name?name={name}")).Body.EnumerateArray());
    }

    [Fact]
    public async Task A_foreign_origin_may_not_trigger_pause_or_delete_a_task_even_without_a_body()
    {
        var id = await Http.AddAsync(new { name = TaskCalls.UniquePrefix("foreign"), type = 1, data = "d", start_time = 4_102_444_800 });

        foreach (var (method, path) in new[] { (HttpMethod.Post, $"/v1/api/tasks/{id}/trigger"), (HttpMethod.Post, $"/v1/api/tasks/{id}/pause"), (HttpMethod.Delete, $"/v1/api/tasks/{id}") })
        {
            AssertError(await SendAsync(method, path, origin: Foreign), HttpStatusCode.Forbidden, Foreign);
        }

        var task = await Http.GetTaskAsync(id);
        Assert.Equal("pending", task.State());
        Assert.Empty((await Http.GetJsonAsync($"/v1/api/tasks/{id}/fires")).Body.GetProperty("fires").EnumerateArray());
    }

    [Fact]
    public async Task A_foreign_origin_is_refused_also_with_a_valid_key()
    {
        await using var server = await RunningServer.StartAsync(TestKeys.OnePerRole());

        var response = await SendAsync(server.Http, HttpMethod.Post, "/v1/api/task", Json(new { name = "keyed", type = 1, data = "d" }), origin: Foreign, key: TestKeys.Admin);

        AssertError(response, HttpStatusCode.Forbidden, Foreign);
    }

    [Fact]
    public async Task The_own_origin_may_change_and_any_origin_may_read()
    {
        var (added, body) = await SendAsync(HttpMethod.Post, "/v1/api/task", Json(new { name = TaskCalls.UniquePrefix("own"), type = 1, data = "d" }), origin: OwnOrigin);
        var (read, _) = await SendAsync(HttpMethod.Get, "/v1/api/task/stat", origin: Foreign);

        Assert.True(added == HttpStatusCode.OK, body.ToString());
        Assert.Equal(HttpStatusCode.OK, read);
    }

    [Fact]
    public async Task Behind_a_proxy_that_ends_tls_and_passes_the_host_the_public_origin_is_the_servers_own()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "tc.example.com" });

        Task<(HttpStatusCode Status, JsonElement Body)> AddAsync(string origin) =>
            SendAsync(server.Http, HttpMethod.Post, "/v1/api/task", Json(new { name = "proxied", type = 1, data = origin }), host: "tc.example.com", origin: origin);

        Assert.Equal(HttpStatusCode.OK, (await AddAsync("https://tc.example.com")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await AddAsync("https://tc.example.com:8443")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await AddAsync("http://other.tc.example.com")).Status);
    }

    [Fact]
    public async Task An_allowed_origin_may_call_with_cors_answers_and_others_get_none()
    {
        const string Allowed = "https://ops.example.com";
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Security:AllowedOrigins:0"] = Allowed + "/" });

        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("v1/api/task", UriKind.Relative));
        preflight.Headers.Add("Origin", Allowed);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        using var allowed = await server.Http.SendAsync(preflight);
        var (added, body) = await SendAsync(server.Http, HttpMethod.Post, "/v1/api/task", Json(new { name = "from-ops", type = 1, data = "d" }), origin: Allowed);

        Assert.Equal(Allowed, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.True(added == HttpStatusCode.OK, body.ToString());
        AssertError(await SendAsync(server.Http, HttpMethod.Post, "/v1/api/task", Json(new { name = "from-elsewhere", type = 1, data = "d" }), origin: Foreign),
            HttpStatusCode.Forbidden, Foreign);
    }

    [Theory]
    [InlineData("https://ops.example.com/app")]
    [InlineData("ops.example.com")]
    [InlineData("ftp://ops.example.com")]
    public async Task An_allowed_origin_that_is_not_an_origin_stops_the_start(string origin)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RunningServer.StartAsync(new Dictionary<string, string?> { ["Security:AllowedOrigins:0"] = origin }));

        Assert.Contains("Security:AllowedOrigins:0", error.Message, StringComparison.Ordinal);
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null, string? host = null, string? origin = null) =>
        SendAsync(Http, method, path, json, host, origin);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(
        HttpClient http, HttpMethod method, string path, string? json = null, string? host = null, string? origin = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Host = host;
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
