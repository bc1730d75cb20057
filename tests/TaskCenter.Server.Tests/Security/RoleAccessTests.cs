using System.Net;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Security;

/// <summary>A representative endpoint of each resource, on both API prefixes, against every role.</summary>
public sealed class RoleAccessTests(KeyedServerFixture fixture) : IClassFixture<KeyedServerFixture>
{
    private static readonly (string Method, string Path, string? Body, string[] Roles)[] Endpoints =
    [
        ("POST", "/v1/api/task", """{"name":"sec-task","type":1,"data":"x"}""", ["admin", "producer"]),
        ("POST", "/api/v1/delete-task-by-name", """{"name":"sec-none"}""", ["admin", "producer"]),
        ("GET", "/v1/api/query-task-by-name?name=sec-task", null, ["admin", "producer", "viewer"]),
        ("GET", "/api/v1/crontab/next?crontab=*%20*%20*%20*%20*", null, ["admin", "producer", "viewer"]),
        ("POST", "/v1/api/tasks/batch", """{"tasks":[{"name":"sec-batch","type":1,"data":"x"}]}""", ["admin", "producer"]),
        ("GET", "/api/v1/tasks?name_prefix=sec-", null, ["admin", "producer", "viewer"]),
        ("GET", "/v1/api/task/stat", null, ["admin", "viewer"]),
        ("GET", "/v1/api/overview", null, ["admin", "viewer"]),
        ("POST", "/v1/api/consume", """{"group":"sec-group","tags":"*","wait_ms":0}""", ["admin", "consumer"]),
        ("POST", "/api/v1/ack", """{"group":"sec-group","msgids":["6b07988cf068bd9b68837642"]}""", ["admin", "consumer"]),
        ("GET", "/v1/api/dead-letters?group=sec-group", null, ["admin", "viewer"]),
        ("POST", "/v1/api/dead-letters/redrive", """{"group":"sec-group"}""", ["admin"]),
        ("POST", "/api/v1/dead-letters/purge", """{"group":"sec-group"}""", ["admin"]),
    ];

    public static TheoryData<string, string, string?, string, bool> EveryRoleOnEveryEndpoint()
    {
        var data = new TheoryData<string, string, string?, string, bool>();
        foreach (var (method, path, body, roles) in Endpoints)
        {
            foreach (var role in new[] { "admin", "producer", "consumer", "viewer" })
            {
                data.Add(method, path, body, role, roles.Contains(role));
            }
        }

        return data;
    }

    public static TheoryData<string, string, string?> EveryEndpoint()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var (method, path, body, _) in Endpoints)
        {
            data.Add(method, path, body);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRoleOnEveryEndpoint))]
    public async Task A_role_is_let_in_where_it_may_call_and_refused_with_403_elsewhere(
        string method, string path, string? body, string role, bool allowed)
    {
        var response = await fixture.Server.Http.SendAsync(method, path, body, TestKeys.Of(role));

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.Status);
        }
        else
        {
            AssertError(response.AsTuple(), HttpStatusCode.Forbidden, $"the API key '{role}' has the role {role}, which may not call {method}");
        }
    }

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task A_call_without_a_key_is_refused_with_401_and_a_bearer_challenge(string method, string path, string? body)
    {
        var response = await fixture.Server.Http.SendAsync(method, path, body, apiKey: null);

        AssertError(response.AsTuple(), HttpStatusCode.Unauthorized, "an API key is required: send Authorization: Bearer <key>");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task A_call_with_an_unknown_key_is_refused_with_401(string method, string path, string? body)
    {
        var response = await fixture.Server.Http.SendAsync(method, path, body, "not-a-configured-key");

        AssertError(response.AsTuple(), HttpStatusCode.Unauthorized, "unknown API key");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Health_stays_open()
    {
        var (status, body) = await fixture.Server.Http.GetJsonAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }
}
