using System.Net;
using System.Text.Json;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Management;

/// <summary>The task management calls as tests make them.</summary>
public static class TaskCalls
{
    /// <summary>A name prefix no other test of the shared server uses.</summary>
    public static string UniquePrefix(string test) => $"{test}-{Guid.NewGuid().ToString("N")[..8]}-";

    public static async Task<string> AddAsync(this HttpClient http, object task)
    {
        var (status, body) = await http.PostJsonAsync("/v1/api/task", Json(task));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("taskid").GetString()!;
    }

    public static async Task<JsonElement> GetTaskAsync(this HttpClient http, string id)
    {
        var (status, body) = await http.GetJsonAsync($"/v1/api/tasks/{id}");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>POSTs an action (pause, resume, trigger) and asserts 200.</summary>
    public static async Task<JsonElement> ActAsync(this HttpClient http, string id, string action)
    {
        var (status, body) = await http.PostJsonAsync($"/v1/api/tasks/{id}/{action}", "{}");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body;
    }

    public static string State(this JsonElement task) => task.GetProperty("state").GetString()!;

    public static long? NextFireMs(this JsonElement task) =>
        task.GetProperty("next_fire_at_ms").ValueKind == JsonValueKind.Null ? null : task.GetProperty("next_fire_at_ms").GetInt64();

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
