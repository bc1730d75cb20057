namespace TaskCenter.Dashboard.Tests.Support;

/// <summary>
/// A test's own server (SQLite in a temporary folder, short retry delays) and a fresh browser tab on its dashboard,
/// in the viewer time zone <see cref="ViewerZone"/>. Records the page's script errors and console errors so a test
/// can assert there were none; saves screenshots to <see cref="ScreenshotDirectory"/>.
/// </summary>
public sealed class DashboardSession : IAsyncDisposable
{
    /// <summary>The browser's zone: not the server's (UTC) nor the tasks' (Europe/Berlin), so each column shows its own.</summary>
    public const string ViewerZone = "America/New_York";

    public static readonly string ScreenshotDirectory = Path.Combine(RepositoryRoot(), "TestResults", "dashboard-screenshots");

    private readonly List<string> _scriptErrors = [];
    private readonly ITestOutputHelper _output;

    private DashboardSession(RunningServer server, IBrowserContext context, IPage page, ServerApi api, ITestOutputHelper output)
    {
        Server = server;
        Context = context;
        Page = page;
        Api = api;
        _output = output;
        page.PageError += (_, error) => _scriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 40", StringComparison.Ordinal))
            {
                _scriptErrors.Add(message.Text); // Failed API calls (401, 403, 404) are logged by the browser and expected.
            }
        };
    }

    public RunningServer Server { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>The server's API, for setting up what the dashboard is to show.</summary>
    public ServerApi Api { get; }

    public static async Task<DashboardSession> StartAsync(
        BrowserFixture browser,
        ITestOutputHelper output,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? apiKey = null,
        ViewportSize? viewport = null)
    {
        var serverSettings = new Dictionary<string, string?>
        {
            // A nacked message is retried once after 200 ms, then dead: dead letters in two nacks.
            ["Queue:RetryDelays:0"] = "00:00:00.200",
            ["Queue:MaxRetries"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            serverSettings[key] = value;
        }

        var server = await RunningServer.StartAsync(serverSettings);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            TimezoneId = ViewerZone,
            Locale = "en-US",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        return new DashboardSession(server, context, page, new ServerApi(server.Http, apiKey), output);
    }

    /// <summary>Opens a dashboard route, e.g. "#/tasks", and waits until its page has been shown.</summary>
    public async Task OpenAsync(string route = "#/")
    {
        await Page.GotoAsync("dashboard/" + route);
        await ShownAsync();
    }

    /// <summary>Waits until the dashboard has finished loading the current page.</summary>
    public Task ShownAsync() => Expect(Page.Locator("main#view:not([aria-busy])")).ToBeAttachedAsync();

    /// <summary>The confirmation dialog, once open.</summary>
    public async Task<ILocator> DialogAsync()
    {
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        return dialog;
    }

    /// <summary>Clicks the button, then the dialog's confirm button.</summary>
    public async Task ConfirmAsync(ILocator button, string confirmLabel)
    {
        await button.ClickAsync();
        var dialog = await DialogAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = confirmLabel, Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    /// <summary>The message line under the header.</summary>
    public ILocator Notice => Page.Locator("#notice .notice");

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _output.WriteLine($"Screenshot: {path}");
    }

    public void AssertNoScriptErrors() => Assert.Empty(_scriptErrors);

    public async ValueTask DisposeAsync()
    {
        foreach (var error in _scriptErrors)
        {
            _output.WriteLine($"Browser error: {error}");
        }

        await Context.DisposeAsync();
        await Server.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TaskCenter.slnx")))
            {
                return directory.FullName;
            }
        }

        return AppContext.BaseDirectory; // Run from elsewhere (a copied build): beside the tests.
    }
}
