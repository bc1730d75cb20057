using System.Runtime.InteropServices;

namespace TaskCenter.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM (kill, timeout, a service manager, docker stop) stop a command cleanly: the first of them
/// cancels <see cref="Token"/> (tail acks what it printed and exits 0; another command exits 128 + the signal's number);
/// a second one ends the process at once, as the signal does by default.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _exitCode;

    public StopSignals() =>
        _registrations = [Register(PosixSignal.SIGINT, ExitCodes.Interrupted), Register(PosixSignal.SIGTERM, ExitCodes.Terminated)];

    public CancellationToken Token => _stop.Token;

    /// <summary>The exit code of a command a signal stopped: <see cref="ExitCodes.Interrupted"/> or <see cref="ExitCodes.Terminated"/>.</summary>
    public int ExitCode => _exitCode;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private PosixSignalRegistration Register(PosixSignal signal, int exitCode) => PosixSignalRegistration.Create(signal, context =>
    {
        if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) == 0)
        {
            context.Cancel = true; // the command ends itself
            _stop.Cancel();
        }
    });
}
