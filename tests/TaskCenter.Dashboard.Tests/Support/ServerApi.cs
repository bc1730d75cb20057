using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TaskCenter.Dashboard.Tests.Support;

/// <summary>The server's HTTP API as the tests' setup uses it: add tasks, consume, ack and nack.</summary>
public sealed class ServerApi(HttpClient http, string? apiKey)
{
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, new Uri("v1/api/" + path.TrimStart('/'), UriKind.Relative));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Adds a task (a POST /task body) and returns its id.</summary>
    public async Task<string> AddTaskAsync(object task) =>
        (await SendAsync(HttpMethod.Post, "task", task)).GetProperty("taskid").GetString()!;

    /// <summary>A task firing daily at 09:30 in Berlin.</summary>
    public Task<string> AddDailyAsync(string name) =>
        AddTaskAsync(new { name, type = 3, data = $"payload of {name}", crontab = "0 30 9 * * *", timezone = "Europe/Berlin" });

    /// <summary>A one-shot task that fires now.</summary>
    public Task<string> AddNowAsync(string name, string data) => AddTaskAsync(new { name, type = 1, data });

    /// <summary>Long-polls until <paramref name="count"/> messages of the group arrived; returns their msgids.</summary>
    public async Task<List<string>> ConsumeAsync(string group, string tags, int count)
    {
        var msgids = new List<string>();
        using var guard = new CancellationTokenSource(Waiting.Guard);
        while (msgids.Count < count)
        {
            guard.Token.ThrowIfCancellationRequested();
            var body = await SendAsync(HttpMethod.Post, "consume", new { group, tags, max = count - msgids.Count, wait_ms = 5_000 });
            msgids.AddRange(body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("msgid").GetString()!));
        }

        return msgids;
    }

    /// <summary>Subscribes the group to the tags, so fires are routed to it from now on.</summary>
    public Task SubscribeAsync(string group, string tags) =>
        SendAsync(HttpMethod.Post, "consume", new { group, tags, max = 1, wait_ms = 0 });

    public Task AckAsync(string group, string msgid) => SendAsync(HttpMethod.Post, "ack", new { group, msgids = new[] { msgid } });

    public async Task<string> NackAsync(string group, string msgid, string error) =>
        (await SendAsync(HttpMethod.Post, "nack", new { group, msgid, error })).GetProperty("result").GetString()!;

    /// <summary>Consumes the group's next messages and fails each until it is dead (the tests' servers retry once).</summary>
    public async Task<List<string>> MakeDeadLettersAsync(string group, string tags, int count)
    {
        var msgids = await ConsumeAsync(group, tags, count);
        foreach (var msgid in msgids)
        {
            Assert.Equal("retrying", await NackAsync(group, msgid, "handler failed once"));
        }

        foreach (var msgid in await ConsumeAsync(group, tags, count))
        {
            Assert.Equal("dead", await NackAsync(group, msgid, $"handler failed again on {msgid}"));
        }

        return msgids;
    }

    public async Task<List<string>> DeadLetterIdsAsync(string group) =>
        [.. (await SendAsync(HttpMethod.Get, $"dead-letters?group={group}")).GetProperty("dead_letters").EnumerateArray()
            .Select(l => l.GetProperty("msgid").GetString()!)];
}
