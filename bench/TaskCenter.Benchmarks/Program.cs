using TaskCenter.Benchmarks.Harness;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await BenchmarkProgram.RunAsync(args, Console.Out, Console.Error, stop.Token);
