// Stops the run's shared broker and database after the last test, before the test platform kills the test host.
[assembly: TestFramework("TaskCenter.Testing.SharedServersTestFramework", "TaskCenter.Dashboard.Tests")]
