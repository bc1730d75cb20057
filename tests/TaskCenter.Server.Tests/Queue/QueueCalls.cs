using System.Net;
using System.Text.Json;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Queue;

/// <summary>The queue's HTTP calls as tests make them.</summary>
public static class QueueCalls
{
    public static async Task<List<JsonElement>> ConsumeAsync(this HttpClient http, string group, string tags, int waitMs = 10_000, int max = 10, int? leaseMs = null)
    {
        object request = leaseMs is { } lease
            ? new { group, tags, max, wait_ms = waitMs, lease_ms = lease }
            : new { group, tags, max, wait_ms = waitMs };
        var (status, body) = await http.PostJsonAsync("/v1/api/consume", Json(request));
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("messages").EnumerateArray()];
    }

    /// <summary>Consumes until <paramref name="count"/> messages arrived or a long poll comes back empty.</summary>
    public static async Task<List<JsonElement>> ConsumeAllAsync(this HttpClient http, string group, string tags, int count, int? leaseMs = null)
    {
        var all = new List<JsonElement>();
        while (all.Count < count)
        {
            var batch = await http.ConsumeAsync(group, tags, max: count - all.Count, leaseMs: leaseMs);
            if (batch.Count == 0)
            {
                break;
            }

            all.AddRange(batch);
        }

        return all;
    }

    public static async Task<List<string>> AckAsync(this HttpClient http, string group, params string[] msgids)
    {
        var (status, body) = await http.PostJsonAsync("/v1/api/ack", Json(new { group, msgids }));
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.GetProperty("acked").EnumerateArray().Select(e => e.GetString()!)];
    }

    public static async Task<string> AddNowAsync(this HttpClient http, string name, string data, object? extra = null)
    {
        var json = extra is null
            ? Json(new { name, type = 1, data })
            : MergeJson(new { name, type = 1, data }, extra);
        var (status, body) = await http.PostJsonAsync("/v1/api/task", json);
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("taskid").GetString()!;
    }

    public static string Msgid(this JsonElement message) => message.GetProperty("msgid").GetString()!;

    private static string MergeJson(object a, object b)
    {
        var merged = JsonSerializer.SerializeToNode(a)!.AsObject();
        foreach (var (key, value) in JsonSerializer.SerializeToNode(b)!.AsObject())
        {
            merged[key] = value?.DeepClone();
        }

        return merged.ToJsonString();
    }
}
