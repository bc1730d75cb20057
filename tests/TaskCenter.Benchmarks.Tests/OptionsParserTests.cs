using TaskCenter.Benchmarks.Cli;
using TaskCenter.Benchmarks.Harness;

namespace TaskCenter.Benchmarks.Tests;

public sealed class OptionsParserTests
{
    [Fact]
    public void Reads_mode_filters_and_output()
    {
        var options = OptionsParser.Parse(["--full", "--scenarios", "s2,S5", "--systems", "taskcenter*,quartz-ram", "--pending", "1_000_000", "--out", "x"]);

        Assert.Equal(BenchmarkMode.Full, options.Mode);
        Assert.Equal(["S2", "S5"], options.Scenarios);
        Assert.Equal(["taskcenter*", "quartz-ram"], options.Systems);
        Assert.Equal([1_000_000], options.Pending);
        Assert.Equal("x", options.OutputDirectory);
    }

    [Theory]
    [InlineData("--fast")]
    [InlineData("--systems")]
    [InlineData("--pending", "0")]
    public void Rejects_what_it_does_not_know(params string[] args) =>
        Assert.Throws<ArgumentException>(() => OptionsParser.Parse(args));

    [Fact]
    public void Selects_systems_by_key_or_prefix_and_rejects_unknown_ones()
    {
        Assert.Equal(
            ["taskcenter-inproc", "taskcenter-e2e", "taskcenter-push", "taskcenter-inproc-postgres", "taskcenter-e2e-postgres", "taskcenter-e2e-postgres-3"],
            SystemRegistry.Select(["taskcenter*"]).Select(e => e.Key));
        Assert.Equal(["taskcenter-inproc-groups"], SystemRegistry.Select(["taskcenter-inproc-groups"]).Select(e => e.Key));
        Assert.DoesNotContain(SystemRegistry.Select([]), e => e.NamedOnly);
        Assert.Throws<ArgumentException>(() => SystemRegistry.Select(["no-such-system"]));
    }
}
