using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TaskCenter.Benchmarks.Wrk;

/// <summary>Runs wrk (Debian package "wrk") against TaskCenter's add endpoint and reads its summary.</summary>
public static partial class WrkRunner
{
    /// <summary>The wrk executable on PATH, or null when it is not installed.</summary>
    public static string? Find()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "wrk");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Runs <paramref name="wrk"/> for <paramref name="duration"/>, adding tasks due at <paramref name="startTime"/>,
    /// with <paramref name="connections"/> connections on 2 threads; with several servers, on one thread per server
    /// (so the connections, rounded down to a multiple of the threads, are spread evenly over them).
    /// </summary>
    public static async Task<WrkResult> RunAsync(
        string wrk, IReadOnlyList<Uri> servers, int connections, TimeSpan duration, DateTimeOffset startTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentOutOfRangeException.ThrowIfZero(servers.Count);
        var threads = Math.Max(2, servers.Count);
        var script = WrkScript.WriteTemporaryFile();
        try
        {
            var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment[WrkScript.ServersVariable] = string.Join(',', servers.Select(server => $"{server.Host}:{server.Port}"));
            string[] arguments =
            [
                "-t", threads.ToString(CultureInfo.InvariantCulture),
                "-c", (connections / threads * threads).ToString(CultureInfo.InvariantCulture),
                "-d", $"{(int)Math.Ceiling(duration.TotalSeconds)}s", "--timeout", "10s", "--latency", "-s", script,
                servers[0].ToString().TrimEnd('/'), "--",
                startTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N")[..8],
            ];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var text = await output;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await errors} {text}");
            }

            return Parse(text);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Reads wrk's summary (run with --latency).</summary>
    public static WrkResult Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var total = TotalLine().Match(output);
        var rate = RateLine().Match(output);
        if (!total.Success || !rate.Success)
        {
            throw new FormatException($"Unexpected wrk output: {output}");
        }

        var non2xx = Non2xxLine().Match(output);
        var socket = SocketErrorsLine().Match(output);
        var socketErrors = socket.Success
            ? socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            Duration(total.Groups[2].Value, total.Groups[3].Value) / 1000,
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"),
            Percentile(output, "99%"),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors);
    }

    private static double? Percentile(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        return match.Success ? Duration(match.Groups[1].Value, match.Groups[2].Value) : null;
    }

    /// <summary>A wrk duration in milliseconds.</summary>
    private static double Duration(string number, string unit)
    {
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            _ => throw new FormatException($"Unknown wrk unit '{unit}'."),
        };
    }

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(us|ms|s|m),")]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
