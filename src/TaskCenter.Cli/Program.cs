using TaskCenter.Cli;

using var stop = new StopSignals();
var exitCode = await CliApp.RunAsync(args, new CliConsole(Console.Out, Console.Error, Console.In), stop.Token);
return exitCode == ExitCodes.Interrupted ? stop.ExitCode : exitCode; // which signal it was: 130 for SIGINT, 143 for SIGTERM
