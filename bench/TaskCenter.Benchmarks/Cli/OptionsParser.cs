using System.Globalization;

namespace TaskCenter.Benchmarks.Cli;

/// <summary>Reads the command line (no package: a handful of options).</summary>
public static class OptionsParser
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/TaskCenter.Benchmarks -- [options]

          --quick                 smaller N, under 5 minutes on 2 cores (the default)
          --full                  N = 100k where a system takes it, S5 with 1M and 10M pending; under 30 minutes
          --smoke                 tiny N: checks the harness works (the smoke test uses it); figures mean nothing
          --scenarios S1,S2,...   run only these scenarios (default: all)
          --systems a,b,...       run only these systems (keys; "taskcenter*" matches by prefix); --list shows them
          --pending 1000000,...   S5's pending counts instead of the mode's
          --out DIR               where the JSON, the Markdown copy and the plots go (default: bench/results)
          --no-plots              write no PNG
          --fire-path             instead of the scenarios: fires recorded per second by each storage alone, with one
                                  group and with 1,000 idle groups of 256 tags (--quick: 20k fires, --full: 100k)
          --list                  list the systems and exit
          --help                  this text
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            options = arg switch
            {
                "--quick" => options with { Mode = BenchmarkMode.Quick },
                "--full" => options with { Mode = BenchmarkMode.Full },
                "--smoke" => options with { Mode = BenchmarkMode.Smoke },
                "--scenarios" => options with { Scenarios = [.. List(Value(args, ref i)).Select(s => s.ToUpperInvariant())] },
                "--systems" => options with { Systems = List(Value(args, ref i)) },
                "--pending" => options with { Pending = [.. List(Value(args, ref i)).Select(Count)] },
                "--out" => options with { OutputDirectory = Value(args, ref i) },
                "--no-plots" => options with { Plots = false },
                "--list" => options with { ListSystems = true },
                "--fire-path" => options with { FirePath = true },
                "--help" or "-h" => options with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{args[i]} needs a value.");
        }

        return args[++i];
    }

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Count(string text) =>
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{text}' is not a positive count.");
}
