using System.Diagnostics;
using System.Text.Json;
using TaskCenter.Transport.RabbitMq.Tests.Support;

namespace TaskCenter.Transport.RabbitMq.Tests;

/// <summary>A consumer in another language (Node.js, amqplib) reads TaskCenter's messages by the documented contract alone.</summary>
[Collection(BrokerCollection.Name)]
public sealed class NodeInteropTests(BrokerFixture broker)
{
    [Fact]
    public async Task A_node_consumer_with_amqplib_reads_the_message_id_headers_and_data_and_acks()
    {
        var script = await NodeConsumer.PrepareAsync();
        await using var harness = await TransportHarness.StartAsync(broker.Server);
        var tag = Unique.Name("node.report");

        using var node = NodeConsumer.Start(script, broker.Server.AmqpUri, harness.Exchange, tag);
        Assert.True((await node.ReadLineAsync()).GetProperty("ready").GetBoolean());
        var fire = await harness.FireAsync(tag, "{\"to\":\"José\"}", ack: true, lease: TimeSpan.FromSeconds(120));
        var message = await node.ReadLineAsync();
        await node.WaitForExitAsync();

        Assert.Equal(fire.MsgId, message.GetProperty("message_id").GetString());
        Assert.Equal(tag, message.GetProperty("routing_key").GetString());
        Assert.Equal(2, message.GetProperty("delivery_mode").GetInt32());
        Assert.Equal("{\"to\":\"José\"}", message.GetProperty("body").GetString());
        var headers = message.GetProperty("headers");
        Assert.Equal(fire.TaskId, headers.GetProperty("taskid").GetString());
        Assert.Equal(tag, headers.GetProperty("name").GetString());
        Assert.Equal(fire.FireTime.ToUnixTimeMilliseconds(), headers.GetProperty("fire_time").GetInt64());
        Assert.Equal(1, headers.GetProperty("attempt").GetInt32());
        Assert.True(headers.GetProperty("ack").GetBoolean());
        Assert.Equal(120_000, headers.GetProperty("lease_ms").GetInt64());
    }

    /// <summary>tests/interop/node/consume.js, run as a child process.</summary>
    private sealed class NodeConsumer : IDisposable
    {
        private readonly Process _process;

        private NodeConsumer(Process process) => _process = process;

        /// <summary>Finds the script and installs its dependencies (amqplib) when they are missing.</summary>
        public static async Task<string> PrepareAsync()
        {
            var folder = Path.Combine(RepositoryFolder.Root, "tests", "interop", "node");
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "amqplib")))
            {
                using var npm = Process.Start(new ProcessStartInfo("npm", ["install", "--no-package-lock", "--no-audit", "--no-fund"])
                {
                    WorkingDirectory = folder,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                var error = npm.StandardError.ReadToEndAsync();
                await npm.StandardOutput.ReadToEndAsync();
                await npm.WaitForExitAsync().OrTimeout();
                Assert.True(npm.ExitCode == 0, $"npm install failed: {await error}");
            }

            return Path.Combine(folder, "consume.js");
        }

        public static NodeConsumer Start(string script, Uri broker, string exchange, string tag)
        {
            var info = new ProcessStartInfo("node", [script, broker.ToString(), exchange, tag])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            return new NodeConsumer(Process.Start(info)!);
        }

        public async Task<JsonElement> ReadLineAsync()
        {
            var line = await _process.StandardOutput.ReadLineAsync().OrTimeout();
            if (line is null)
            {
                Assert.Fail($"node exited: {await _process.StandardError.ReadToEndAsync()}");
            }

            return JsonDocument.Parse(line).RootElement.Clone();
        }

        public async Task WaitForExitAsync()
        {
            await _process.WaitForExitAsync().OrTimeout();
            Assert.True(_process.ExitCode == 0, $"node failed: {await _process.StandardError.ReadToEndAsync()}");
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
