namespace TaskCenter.Benchmarks.Systems;

/// <summary>Optional for a system with TaskCenter's HTTP API: S1 then also measures adds over HTTP with wrk.</summary>
public interface IHttpEndpoint
{
    /// <summary>The server's address (e.g. http://127.0.0.1:40123/) while the system is started.</summary>
    Uri BaseAddress { get; }
}
