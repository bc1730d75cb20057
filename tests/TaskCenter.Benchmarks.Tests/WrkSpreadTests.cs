using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Benchmarks.Wrk;

namespace TaskCenter.Benchmarks.Tests;

/// <summary>S1's wrk against several servers: every server gets adds, and no two adds carry the same data.</summary>
public sealed class WrkSpreadTests
{
    [Fact]
    public async Task Wrk_spreads_its_connections_over_every_server_with_data_unique_per_request()
    {
        var wrk = WrkRunner.Find() ?? throw new InvalidOperationException("wrk is not installed (scripts/install-test-dependencies.sh installs it)");
        var received = new ConcurrentQueue<(int Server, string Data)>();
        await using var first = await StartCounterAsync(0, received);
        await using var second = await StartCounterAsync(1, received);

        var result = await WrkRunner.RunAsync(
            wrk, [Address(first), Address(second)], connections: 4, TimeSpan.FromSeconds(1), DateTimeOffset.UnixEpoch.AddYears(40), CancellationToken.None);

        Assert.True(result.Requests > 0);
        Assert.Equal(0, result.Non2xx + result.SocketErrors);
        Assert.Contains(received, add => add.Server == 0);
        Assert.Contains(received, add => add.Server == 1);
        Assert.Equal(received.Count, received.Select(add => add.Data).Distinct(StringComparer.Ordinal).Count());
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    /// <summary>A server on a free loopback port that records the data of every add it is sent.</summary>
    private static async Task<WebApplication> StartCounterAsync(int server, ConcurrentQueue<(int Server, string Data)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/api/task", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            received.Enqueue((server, body.RootElement.GetProperty("data").GetString()!));
            return TypedResults.Ok();
        });
        await app.StartAsync();
        return app;
    }
}
