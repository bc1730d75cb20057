using TaskCenter.Benchmarks.Wrk;

namespace TaskCenter.Benchmarks.Tests;

public sealed class WrkOutputTests
{
    [Fact]
    public void Reads_the_summary_of_a_latency_run()
    {
        const string output = """
            Running 5s test @ http://127.0.0.1:40123
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    12.34ms    3.21ms  80.00ms   91.00%
                Req/Sec     2.60k   150.00     2.90k    70.00%
              Latency Distribution
                 50%   11.50ms
                 75%   13.00ms
                 90%   16.00ms
                 99%  850.00us
              25983 requests in 5.01s, 4.12MB read
              Non-2xx or 3xx responses: 7
              Socket errors: connect 0, read 1, write 0, timeout 2
            Requests/sec:   5186.23
            Transfer/sec:    842.20KB
            """;

        var result = WrkRunner.Parse(output);

        Assert.Equal(25983, result.Requests);
        Assert.Equal(5.01, result.Seconds, 3);
        Assert.Equal(5186.23, result.RequestsPerSecond, 2);
        Assert.Equal(11.5, result.P50Ms);
        Assert.Equal(0.85, result.P99Ms!.Value, 3);
        Assert.Equal(7, result.Non2xx);
        Assert.Equal(3, result.SocketErrors);
    }
}
