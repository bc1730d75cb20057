using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TaskCenter.Server.Tests.Management;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Http;

/// <summary>
/// A body is read strictly as a whole before any field is: a property given twice, or a property name or string that is
/// not text — in a field the route reads or one it ignores — is a 400, and nothing is stored.
/// </summary>
public sealed class StrictJsonTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private HttpClient Http => fixture.Server.Http;

    public static TheoryData<string, string, string> PropertyNamesThatAreNotText() => new()
    {
        { "/v1/api/task", """{"name":"strict-a","type":1,"data":"x","\ud800":1}""", "a property name of the body is not valid text" },
        { "/v1/api/task", """{"name":"strict-b","type":1,"data":"x","\udc00":1}""", "a property name of the body is not valid text" },
        { "/api/v1/consume", """{"\ud800":1,"group":"strict-g"}""", "a property name of the body is not valid text" },
        { "/v1/api/nack", """{"group":"strict-g","msgid":"6b07988cf068bd9b68837642","\ud800":"x"}""", "a property name of the body is not valid text" },
        { "/v1/api/delete-task", """{"ids":[],"\ud800":1}""", "a property name of the body is not valid text" },
        { "/v1/api/tasks/batch", """{"tasks":[{"name":"strict-c","type":1,"data":"x","\ud800":1}]}""", "is not valid text" },
    };

    [Theory]
    [MemberData(nameof(PropertyNamesThatAreNotText))]
    public async Task A_property_name_that_is_not_text_is_a_400(string path, string json, string expected)
    {
        AssertError(await Http.PostJsonAsync(path, json), HttpStatusCode.BadRequest, expected);
        Assert.Empty((await Http.GetJsonAsync("/v1/api/tasks?name_prefix=strict-")).Body.GetProperty("tasks").EnumerateArray());
    }

    [Fact]
    public async Task Invalid_utf8_in_a_property_name_or_in_a_field_no_route_reads_is_a_400_naming_it()
    {
        var name = TaskCalls.UniquePrefix("strict") + "unknown";
        byte[] Body(string before, string after) =>
            [.. Encoding.UTF8.GetBytes($$"""{"name":"{{name}}","type":1,"data":"x",{{before}}"""), 0xFF, .. Encoding.UTF8.GetBytes(after)];

        AssertError(await PostBytesAsync("/v1/api/task", Body("\"", "\":1}")), HttpStatusCode.BadRequest, "a property name of the body is not valid text");
        AssertError(await PostBytesAsync("/v1/api/task", Body("\"comment\":{\"note\":\"", "\"}}")), HttpStatusCode.BadRequest, "comment.note is not valid text");
        AssertError(await Http.PostJsonAsync("/v1/api/task", Json(new { name, type = 1, data = "x" })[..^1] + ""","extra":["ok","\ud800"]}"""),
            HttpStatusCode.BadRequest, "extra[1] is not valid text");
        Assert.Empty((await Http.GetJsonAsync($"/v1/api/query-task-by-name?name={name}")).Body.EnumerateArray());
    }

    [Fact]
    public async Task A_property_given_twice_is_a_400_and_neither_value_is_stored()
    {
        var name = TaskCalls.UniquePrefix("strict") + "twice";

        AssertError(await Http.PostJsonAsync("/v1/api/task", $$"""{"name":"{{name}}","type":1,"data":"x","data":"y"}"""), HttpStatusCode.BadRequest, "Duplicate property 'data'");
        Assert.Empty((await Http.GetJsonAsync($"/v1/api/query-task-by-name?name={name}")).Body.EnumerateArray());
    }

    [Fact]
    public async Task Escapes_of_text_are_text()
    {
        var name = TaskCalls.UniquePrefix("strict") + "escapes";
        var json = $$"""{"name":"{{name}}","type":1,"data":"\\ud800 \ud83d\ude00 \" \\ \/ \n \u00e9","start_time":4102444800}""";

        var (status, body) = await Http.PostJsonAsync("/v1/api/task", json);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var stored = (await Http.GetJsonAsync($"/v1/api/query-task-by-name?name={name}")).Body[0].GetProperty("data").GetString();
        Assert.Equal("\\ud800 \U0001F600 \" \\ / \n é", stored);
    }

    private async Task<(HttpStatusCode, JsonElement)> PostBytesAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(new Uri(path.TrimStart('/'), UriKind.Relative), content);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
