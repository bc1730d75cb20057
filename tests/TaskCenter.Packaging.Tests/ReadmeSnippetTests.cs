using System.Net.Http.Json;
using System.Text.Json;
using TaskCenter.Packaging.Tests.Support;

namespace TaskCenter.Packaging.Tests;

/// <summary>
/// The README's C# snippet, taken from README.md as it stands, is the program of a fresh console app built on the
/// packed SDK, and run against a real server process: the task it adds is on the server, its consumer's handler runs
/// on that task's fire, and the fire is acked.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ReadmeSnippetTests(LocalFeed feed)
{
    /// <summary>The address the snippet and the SDK's defaults name: the server's default in the README.</summary>
    private const string DocumentedAddress = "http://127.0.0.1:8081";

    /// <summary>
    /// Appended to the snippet, for a snippet that returns once its consumer has started (as the README's did up to
    /// issue 13): the app then runs on until the test ends it. A snippet that runs until it is stopped never gets here.
    /// </summary>
    private const string RunOn = """

        // Added by ReadmeSnippetTests.
        await Task.Delay(Timeout.Infinite);

        """;

    [Fact]
    public async Task The_snippet_adds_a_task_and_its_consumer_handles_and_acks_the_tasks_fire()
    {
        var snippet = CSharpBlock.In("README.md").First(block => block.Info == CSharpBlock.Program);
        var app = await ConsoleApp.BuildAsync(feed, "readme", snippet.Code + RunOn);
        Assert.True(app.Built, app.BuildOutput);

        var dataDirectory = TempDirectory.Create("taskcenter-readme");
        try
        {
            await using var server = await StartServerAtDocumentedAddressAsync(dataDirectory);
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            await using var run = app.Start();

            // The task the snippet adds: the server's only one (the app says nothing when it has added it).
            var tasks = await Waiting.PollAsync(
                async () => (await http.GetFromJsonAsync<JsonElement>("v1/api/tasks")).GetProperty("tasks"),
                tasks => tasks.GetArrayLength() > 0);
            var task = Assert.Single(tasks.EnumerateArray());
            var taskId = task.GetProperty("_id").GetString()!;

            // Fired now whatever its schedule, so that the test need not wait for it (a crontab's next time may be days away).
            using var trigger = await http.PostAsync($"v1/api/tasks/{taskId}/trigger", null);
            Assert.True(trigger.IsSuccessStatusCode, await trigger.Content.ReadAsStringAsync());

            var handled = (await run.ReadUntilAsync(taskId))[^1];
            Assert.Contains(task.GetProperty("data").GetString()!, handled, StringComparison.Ordinal);
            await Waiting.PollAsync(
                async () => await http.GetFromJsonAsync<JsonElement>($"v1/api/tasks/{taskId}/fires"),
                fires => fires.GetProperty("fires").EnumerateArray()
                    .SelectMany(fire => fire.GetProperty("deliveries").EnumerateArray())
                    .Any(delivery => delivery.GetProperty("state").GetString() == "acked"));
        }
        finally
        {
            TempDirectory.Delete(dataDirectory);
        }
    }

    private static async Task<ServerProcess> StartServerAtDocumentedAddressAsync(string dataDirectory)
    {
        try
        {
            return await ServerProcess.StartAsync(dataDirectory, new Dictionary<string, string> { ["Urls"] = DocumentedAddress });
        }
        catch (InvalidOperationException error)
        {
            throw new InvalidOperationException(
                $"The README's snippet talks to {DocumentedAddress}, so the test runs the server there; is another one listening on it?", error);
        }
    }
}
