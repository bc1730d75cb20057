using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Tests;

/// <summary>The floor S1 compares the HTTP add with must take the add's request and answer its shape, as the server does.</summary>
public sealed class KestrelFloorTests
{
    [Fact]
    public async Task The_floor_reads_an_add_and_answers_the_add_response_shape()
    {
        await using var floor = await KestrelFloor.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = floor.BaseAddress };

        using var answer = await http.PostAsJsonAsync("v1/api/task", new { name = "bench", type = 1, data = "wrk-1", start_time = 1_900_000_000 });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal(["taskid", "name"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(24, body.RootElement.GetProperty("taskid").GetString()!.Length);
        Assert.Equal("bench", body.RootElement.GetProperty("name").GetString());
    }
}
