using System.Net;
using System.Net.Sockets;
using TaskCenter.Testing;

namespace TaskCenter.Benchmarks.Tests;

/// <summary>The throwaway Redis the BullMQ peer runs on: loopback only, durable as stated, gone after dispose.</summary>
public sealed class RedisServerTests
{
    [Fact]
    public async Task It_listens_on_loopback_only_with_the_append_only_file_fsynced_every_second()
    {
        await using var redis = await RedisServer.StartAsync();

        var config = await CommandAsync(redis.Port, "CONFIG GET bind protected-mode appendonly appendfsync");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["bind"] = "127.0.0.1",
                ["protected-mode"] = "yes",
                ["appendonly"] = "yes",
                ["appendfsync"] = "everysec",
            },
            config.Chunk(2).ToDictionary(pair => pair[0], pair => pair[1]));
    }

    [Fact]
    public async Task A_write_reaches_the_append_only_file()
    {
        await using var redis = await RedisServer.StartAsync();

        Assert.Equal(["OK"], await CommandAsync(redis.Port, "SET bench-key bench-value"));

        // Redis writes the file before it answers, but may put the write off while a background fsync still runs (up
        // to 2 s): look until then.
        var file = Assert.Single(Directory.GetFiles(Path.Combine(redis.DataDirectory, "appendonlydir"), "*.incr.aof"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!(await File.ReadAllTextAsync(file)).Contains("bench-value", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains("bench-value", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_given_at_start_override_the_defaults_and_dispose_stops_it_and_deletes_its_folder()
    {
        var redis = await RedisServer.StartAsync([("hz", "100")]);
        Assert.Equal(["hz", "100"], await CommandAsync(redis.Port, "CONFIG GET hz"));

        await redis.DisposeAsync();

        Assert.False(Directory.Exists(redis.DataDirectory));
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, redis.Port));
    }

    /// <summary>Sends an inline command and reads a simple-string or an array-of-bulk-strings reply (RESP2).</summary>
    private static async Task<IReadOnlyList<string>> CommandAsync(int port, string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(command + "\r\n"));
        using var reader = new StreamReader(stream);
        var first = await reader.ReadLineAsync() ?? "";
        if (first.StartsWith('+'))
        {
            return [first[1..]];
        }

        Assert.StartsWith("*", first, StringComparison.Ordinal);
        var items = new List<string>();
        for (var i = 0; i < int.Parse(first[1..], System.Globalization.CultureInfo.InvariantCulture); i++)
        {
            await reader.ReadLineAsync(); // $length
            items.Add(await reader.ReadLineAsync() ?? "");
        }

        return items;
    }
}
