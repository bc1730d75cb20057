using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TaskCenter.Server.Tests.Management;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Http;

/// <summary>
/// Every body must be declared JSON: a body sent as text/plain, as a form, or with no Content-Type at all (what a page
/// of another site can send without the browser asking the server first) is refused with 415 and not read.
/// </summary>
public sealed class JsonBodiesTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private HttpClient Http => fixture.Server.Http;

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/jsonx")]
    [InlineData("application/json; charset=\"utf-16\"")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_body_not_declared_json_is_a_415_and_nothing_is_added(string? contentType)
    {
        var name = TaskCalls.UniquePrefix("not-json") + "task";
        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/api/task", Json(new { name, type = 1, data = "d" }), contentType);

        AssertError((status, body), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        Assert.Empty((await Http.GetJsonAsync($"/v1/api/query-task-by-name?name={name}")).Body.EnumerateArray());
    }

    [Fact]
    public async Task A_patch_or_delete_with_a_body_not_declared_json_is_a_415_and_the_task_stays_as_it_was()
    {
        var id = await Http.AddAsync(new { name = TaskCalls.UniquePrefix("not-json") + "kept", type = 1, data = "kept", start_time = 4_102_444_800 });

        AssertError(await SendAsync(HttpMethod.Patch, $"/v1/api/tasks/{id}", Json(new { data = "changed" }), null), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        AssertError(await SendAsync(HttpMethod.Delete, $"/v1/api/tasks/{id}", "{}", "text/plain"), HttpStatusCode.UnsupportedMediaType, "Content-Type");

        var task = await Http.GetTaskAsync(id);
        Assert.Equal("kept", task.GetProperty("data").GetString());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/merge-patch+json")]
    public async Task Json_and_json_suffixed_types_with_any_charset_are_read(string contentType)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/api/task", Json(new { name = TaskCalls.UniquePrefix("json"), type = 1, data = "d" }), contentType);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
    }

    [Fact]
    public async Task A_post_without_a_body_needs_no_content_type()
    {
        var id = await Http.AddAsync(new { name = TaskCalls.UniquePrefix("bodiless"), type = 1, data = "d", start_time = 4_102_444_800 });

        using var response = await Http.PostAsync(new Uri($"v1/api/tasks/{id}/pause", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("paused", (await Http.GetTaskAsync(id)).State());
    }

    [Fact]
    public async Task A_chunked_body_without_a_content_type_is_a_415()
    {
        var response = await RawHttp.SendAsync(
            fixture.Server.BaseAddress, "POST /v1/api/task HTTP/1.1\r\nTransfer-Encoding: chunked", "2\r\n{}\r\n0\r\n\r\n");

        Assert.Equal(415, response.Status);
        Assert.Contains("no Content-Type", response.ErrorMessage(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string json, string? contentType)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)),
        };
        request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        using var response = await Http.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
