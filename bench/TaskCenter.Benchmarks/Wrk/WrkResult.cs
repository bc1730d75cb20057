namespace TaskCenter.Benchmarks.Wrk;

/// <summary>What wrk reported: requests completed, their rate, latency percentiles, and failed requests.</summary>
public sealed record WrkResult(long Requests, double Seconds, double RequestsPerSecond, double? P50Ms, double? P99Ms, long Non2xx, long SocketErrors);
