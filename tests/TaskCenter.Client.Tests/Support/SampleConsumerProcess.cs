using System.Reflection;

namespace TaskCenter.Client.Tests.Support;

/// <summary>
/// The sample consumer (samples/TaskCenter.Samples.Consumer) as a process of its own, run from its build output as a user
/// runs it: every line it prints (stdout and stderr) can be awaited.
/// </summary>
public static class SampleConsumerProcess
{
    private static readonly string Dll = Path.GetFullPath(typeof(SampleConsumerProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "SampleConsumerDll").Value!);

    // Not the test run's own: the sample reads these when an option is not given.
    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["TASKCENTER_SERVER"] = null,
        ["TASKCENTER_API_KEY"] = null,
    };

    public static ChildProcess Start(params string[] arguments) => ChildProcess.Start("dotnet", [Dll, .. arguments], environment: Environment);

    /// <summary>Runs the sample to its end (a minute at most): its exit code and everything it printed.</summary>
    public static Task<(int ExitCode, List<string> Lines)> RunAsync(params string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [Dll, .. arguments], TimeSpan.FromMinutes(1), environment: Environment);
}
