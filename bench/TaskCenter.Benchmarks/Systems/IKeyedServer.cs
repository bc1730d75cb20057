namespace TaskCenter.Benchmarks.Systems;

/// <summary>Optional for a system serving TaskCenter's HTTP API: it starts with API keys, so S6 can flood it from other keys.</summary>
public interface IKeyedServer : IHttpEndpoint
{
    /// <summary>
    /// Before the start: the server's settings (<c>--Key=value</c>, e.g. the keys) and the key the system's own client
    /// and consumer send.
    /// </summary>
    void UseKeys(IReadOnlyList<string> serverSettings, string apiKey);
}
