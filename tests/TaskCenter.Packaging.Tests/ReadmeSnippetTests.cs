using System.Net.Http.Json;
using System.Text.Json;
using TaskCenter.Packaging.Tests.Support;

namespace TaskCenter.Packaging.Tests;

/// <summary>
/// The README's C# snippet, taken from README.md as it stands, is the program of a fresh console app built on the
/// packed SDK, and run against a real server process: the task it adds is on the server, and its consumer receives
/// that task's fire.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ReadmeSnippetTests(LocalFeed feed)
{
    /// <summary>The address the snippet and the SDK's defaults name: the server's default in the README.</summary>
    private const string DocumentedAddress = "http://127.0.0.1:8081";

    private const string Started = "the snippet has run";

    /// <summary>
    /// Appended to the snippet: once it has run, the app says so and keeps its consumer running until the test closes
    /// its standard input (the snippet itself ends after starting the consumer, as a hosted app's start does).
    /// </summary>
    private static readonly string KeepRunning = $"""

        // Added by ReadmeSnippetTests.
        Console.WriteLine("{Started}");
        await Console.In.ReadToEndAsync();

        """;

    [Fact]
    public async Task The_snippet_adds_a_task_and_its_consumer_receives_the_tasks_fire()
    {
        var snippet = CSharpBlock.In("README.md").First(block => block.Info == CSharpBlock.Program);
        var app = await ConsoleApp.BuildAsync(feed, "readme", snippet.Code + KeepRunning);
        Assert.True(app.Built, app.BuildOutput);

        var dataDirectory = TempDirectory.Create("taskcenter-readme");
        try
        {
            await using var server = await StartServerAtDocumentedAddressAsync(dataDirectory);
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            await using var run = app.Start();
            await run.ReadUntilAsync(Started);

            // The task the snippet added: the server's only one.
            var tasks = await http.GetFromJsonAsync<JsonElement>("v1/api/tasks");
            var task = Assert.Single(tasks.GetProperty("tasks").EnumerateArray());
            var taskId = task.GetProperty("_id").GetString()!;

            // Fired now, whatever its schedule, as the test cannot wait for it (the snippet's is a crontab).
            using var trigger = await http.PostAsync($"v1/api/tasks/{taskId}/trigger", null);
            Assert.True(trigger.IsSuccessStatusCode, await trigger.Content.ReadAsStringAsync());
            var handled = (await run.ReadUntilAsync(taskId))[^1];

            run.CloseInput();
            Assert.Equal(0, await run.ExitedAsync(Waiting.Guard));
            Assert.Contains(task.GetProperty("data").GetString()!, handled, StringComparison.Ordinal);
            var fires = await http.GetFromJsonAsync<JsonElement>($"v1/api/tasks/{taskId}/fires");
            var delivery = Assert.Single(Assert.Single(fires.GetProperty("fires").EnumerateArray()).GetProperty("deliveries").EnumerateArray());
            Assert.Equal("acked", delivery.GetProperty("state").GetString());
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
