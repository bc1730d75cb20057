using System.Text;
using TaskCenter.Server.Tests.Security;
using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Http;

/// <summary>
/// Bytes that are not UTF-8 in the headers the server reads (Authorization, Origin, Content-Type), over a raw socket:
/// 400 naming the header. Valid UTF-8 in them is read as the text it is. (Text in bodies, paths and queries: the sweep,
/// <see cref="Api.InvalidTextSweepTests"/>.)
/// </summary>
public sealed class RequestTextTests(KeyedServerFixture fixture) : IClassFixture<KeyedServerFixture>
{
    private Uri Server => fixture.Server.BaseAddress;

    [Theory]
    [InlineData("Authorization", "Bearer \u00FF\u00FE")]
    [InlineData("Authorization", "Bearer k\u00ED\u00A0\u0080y")]
    [InlineData("Origin", "http://\u00C3x.example")]
    [InlineData("Content-Type", "application/json; charset=\u00FF")]
    public async Task A_read_header_that_is_not_utf8_is_a_400_naming_it(string header, string latin1Value)
    {
        var response = await RawHttp.SendAsync(Server, $"POST /v1/api/task HTTP/1.1\r\nContent-Length: 2\r\n{header}: {latin1Value}", "{}");

        Assert.Equal(400, response.Status);
        Assert.Equal($"the {header} header is not valid text: it holds invalid UTF-8", response.ErrorMessage());
    }

    [Fact]
    public async Task A_key_in_utf8_is_read_as_its_text()
    {
        const string Key = "ключ-для-чтения";
        await using var server = await RunningServer.StartAsync(TestKeys.Settings(("reader", Key, "viewer")));

        var header = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(Key));
        var response = await RawHttp.SendAsync(server.BaseAddress, $"GET /v1/api/task/stat HTTP/1.1\r\nAuthorization: Bearer {header}");

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Any_other_header_that_is_not_utf8_gets_kestrels_empty_400()
    {
        var response = await RawHttp.SendAsync(Server, "GET /healthz HTTP/1.1\r\nX-Note: \u00FF");

        Assert.Equal(400, response.Status);
        Assert.Equal("", response.Body);
    }
}
