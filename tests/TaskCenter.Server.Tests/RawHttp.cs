using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TaskCenter.Server.Tests;

/// <summary>
/// One HTTP/1.1 request over a plain socket, for what HttpClient will not send: oversized request lines and headers,
/// bytes that are not UTF-8, a body that never arrives. The request asks the server to close the connection, and the
/// answer is read until it does.
/// </summary>
public static class RawHttp
{
    /// <param name="head">The request line and headers, without Host, Connection and the empty line that ends them.</param>
    public static async Task<RawResponse> SendAsync(Uri server, byte[] head, byte[]? body = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var request = new MemoryStream();
        request.Write(head);
        request.Write(Encoding.ASCII.GetBytes($"\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n"));
        request.Write(body ?? []);
        try
        {
            await stream.WriteAsync(request.ToArray());
        }
        catch (IOException)
        {
            // The server may answer and close before it has read all of an oversized request.
        }

        var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (IOException)
        {
            // A reset after the answer (the server closed with request bytes unread) ends the reading too.
        }

        return RawResponse.Parse(answer.ToArray());
    }

    public static Task<RawResponse> SendAsync(Uri server, string head, string? body = null) =>
        SendAsync(server, Encoding.Latin1.GetBytes(head), body is null ? null : Encoding.UTF8.GetBytes(body));
}

/// <summary>An answer read off the wire: status, headers (names in lower case) and the body, de-chunked.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body as the error shape; asserts it is one, with <c>err</c> equal to the status.</summary>
    public string ErrorMessage()
    {
        Assert.True(Body.Length > 0, $"empty body with status {Status}");
        using var document = JsonDocument.Parse(Body);
        Assert.Equal(Status, document.RootElement.GetProperty("err").GetInt32());
        return document.RootElement.GetProperty("msg").GetString()!;
    }

    public static RawResponse Parse(byte[] answer)
    {
        var headEnd = answer.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(headEnd > 0, $"no complete answer: '{Encoding.Latin1.GetString(answer)}'");
        var lines = Encoding.Latin1.GetString(answer, 0, headEnd).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(pair => pair[0].Trim().ToLowerInvariant(), pair => pair[1].Trim());
        var body = answer.AsSpan(headEnd + 4);
        return new RawResponse(status, headers, Encoding.UTF8.GetString(
            headers.GetValueOrDefault("transfer-encoding") == "chunked" ? Dechunk(body) : body));
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> chunked)
    {
        var body = new List<byte>();
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(chunked[..lineEnd]), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return [.. body];
            }

            body.AddRange(chunked.Slice(lineEnd + 2, size));
            chunked = chunked[(lineEnd + 2 + size + 2)..];
        }
    }
}
