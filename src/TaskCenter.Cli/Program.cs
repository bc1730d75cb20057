using TaskCenter.Cli;

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the command cleanly (tail acks what it printed and exits 0); a second one kills the process.
    if (!interrupted.IsCancellationRequested)
    {
        e.Cancel = true;
        interrupted.Cancel();
    }
};

return await CliApp.RunAsync(args, new CliConsole(Console.Out, Console.Error, Console.In), interrupted.Token);
