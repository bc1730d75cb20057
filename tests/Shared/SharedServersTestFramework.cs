using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TaskCenter.Testing;

/// <summary>
/// xunit's test framework with one step added: after the last test of the assembly, before the run is reported finished,
/// the run's shared broker and database are stopped and their folders deleted. Not at process exit: the test platform
/// kills the test host 100 ms after the run is reported finished (VSTEST_TESTHOST_SHUTDOWN_TIMEOUT), before a broker
/// has stopped or a folder is deleted, and they would be left behind. A test assembly opts in with
/// <c>[assembly: TestFramework("TaskCenter.Testing.SharedServersTestFramework", "&lt;its assembly name&gt;")]</c>.
/// </summary>
public sealed class SharedServersTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // async void as in the method it replaces: xunit learns of the end of the run from its messages, not from a task.
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await SharedRabbitMq.StopAsync();
            await SharedPostgres.StopAsync();
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
