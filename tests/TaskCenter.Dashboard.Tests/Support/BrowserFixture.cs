namespace TaskCenter.Dashboard.Tests.Support;

/// <summary>
/// One headless Chromium for all tests: the machine's own (Debian's chromium package, see
/// scripts/install-test-dependencies.sh), never a browser Playwright downloads. CHROMIUM_PATH chooses another binary.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>A name the browser resolves to this machine, as a DNS-rebinding attacker's name would after the rebind.</summary>
    public const string ReboundHost = "rebound.test";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A busy two-core machine can be slow to render; nothing here waits on a fixed delay, only on these limits.
        SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = [$"--host-resolver-rules=MAP {ReboundHost} 127.0.0.1"],
            Timeout = 120_000,
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string ChromiumPath()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return configured;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Names.SelectMany(name => directories.Select(directory => Path.Combine(directory, name))).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "No Chromium on PATH (looked for " + string.Join(", ", Names) + "): install Debian's chromium package " +
                "(bash scripts/install-test-dependencies.sh) or set CHROMIUM_PATH.");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>All browser tests share one Chromium and run one after another: the machine may have two cores.</summary>
    public const string Name = "Browser";
}
