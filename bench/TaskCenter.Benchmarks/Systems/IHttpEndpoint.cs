namespace TaskCenter.Benchmarks.Systems;

/// <summary>Optional for a system with TaskCenter's HTTP API: S1 then also measures adds over HTTP with wrk.</summary>
public interface IHttpEndpoint
{
    /// <summary>
    /// The servers' addresses (e.g. http://127.0.0.1:40123/) while the system is started, one per server process:
    /// wrk spreads its connections over them, and what needs one address takes the first.
    /// </summary>
    IReadOnlyList<Uri> BaseAddresses { get; }
}
