using System.Text;
using TaskCenter.Server.Http;

namespace TaskCenter.Server.Tests.Http;

/// <summary>
/// The bounds on a request's head, over a raw socket (HttpClient refuses to send most of these): up to Kestrel's own
/// limits, set <see cref="RequestLimits.KestrelHeadroom"/> times above the server's, a request over a bound gets the
/// error shape; beyond them Kestrel answers itself, with an empty body, before any of the server runs.
/// </summary>
public sealed class RequestLimitTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private Uri Server => fixture.Server.BaseAddress;

    [Fact]
    public async Task A_request_line_over_the_limit_is_a_414_with_the_error_shape()
    {
        var response = await RawHttp.SendAsync(Server, $"GET /v1/api/tasks?name_prefix={new string('a', RequestLimits.MaxRequestLineBytes)} HTTP/1.1");

        Assert.Equal(414, response.Status);
        Assert.Contains($"at most {RequestLimits.MaxRequestLineBytes}", response.ErrorMessage(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
    }

    [Fact]
    public async Task Beyond_kestrels_limit_a_request_line_gets_kestrels_empty_414()
    {
        var limit = RequestLimits.MaxRequestLineBytes * RequestLimits.KestrelHeadroom;
        var response = await RawHttp.SendAsync(Server, $"GET /v1/api/tasks?name_prefix={new string('a', limit)} HTTP/1.1");

        Assert.Equal(414, response.Status);
        Assert.Equal("", response.Body);
    }

    [Fact]
    public async Task Too_many_header_lines_are_a_431_with_the_error_shape()
    {
        var response = await RawHttp.SendAsync(Server, "GET /healthz HTTP/1.1" + Headers(RequestLimits.MaxHeaderCount, 10));

        Assert.Equal(431, response.Status);
        Assert.Contains($"at most {RequestLimits.MaxHeaderCount} lines", response.ErrorMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_over_the_size_limit_are_a_431_with_the_error_shape()
    {
        var response = await RawHttp.SendAsync(Server, "GET /healthz HTTP/1.1" + Headers(4, RequestLimits.MaxHeaderBytes / 4));

        Assert.Equal(431, response.Status);
        Assert.Contains($"{RequestLimits.MaxHeaderBytes} bytes", response.ErrorMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Beyond_kestrels_limit_headers_get_kestrels_empty_431()
    {
        var response = await RawHttp.SendAsync(Server, "GET /healthz HTTP/1.1" + Headers(RequestLimits.MaxHeaderCount * RequestLimits.KestrelHeadroom, 10));

        Assert.Equal(431, response.Status);
        Assert.Equal("", response.Body);
    }

    [Fact]
    public async Task Headers_within_the_limits_are_answered()
    {
        var response = await RawHttp.SendAsync(Server, "GET /healthz HTTP/1.1" + Headers(RequestLimits.MaxHeaderCount - 5, 100));

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task A_body_that_arrives_too_slowly_is_a_408_with_the_error_shape()
    {
        // Ten bytes of a hundred, then nothing: Kestrel gives up on the body after its 5 s grace (MinRequestBodyDataRate).
        var response = await RawHttp.SendAsync(
            Server, "POST /v1/api/task HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100", """{"name":""");

        Assert.Equal(408, response.Status);
        Assert.Contains("too slowly", response.ErrorMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET /v1/api/tasks/%00 HTTP/1.1", 400)]
    [InlineData("GET /v1/api/task stat HTTP/1.1", 400)]
    [InlineData("GET /v1/api/task/stat HTTP/9.9", 505)]
    public async Task A_request_line_kestrel_cannot_parse_gets_its_answer_without_a_body(string line, int status)
    {
        // Documented in http-api.md as what the server cannot give a body: Kestrel answers before any of it runs.
        var response = await RawHttp.SendAsync(Server, line);

        Assert.Equal(status, response.Status);
        Assert.Equal("", response.Body);
    }

    /// <summary>Header lines of the given count and value length, each line starting with its line break.</summary>
    private static string Headers(int count, int valueLength)
    {
        var headers = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            headers.Append("\r\nX-Filler-").Append(i).Append(": ").Append('v', valueLength);
        }

        return headers.ToString();
    }
}
