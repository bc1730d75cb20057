using Microsoft.Extensions.Time.Testing;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Tests;

public class TaskIdGeneratorTests
{
    [Fact]
    public void Ids_are_24_lowercase_hex_and_start_with_the_creation_second()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(0x65a1f0c2));
        var id = new TaskIdGenerator(time).NewId();

        Assert.Matches("^[0-9a-f]{24}$", id);
        Assert.StartsWith("65a1f0c2", id, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_are_unique_and_ordered_by_creation_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var generator = new TaskIdGenerator(time);
        var ids = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            if (i % 1000 == 0)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }

            ids.Add(generator.NewId());
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        var seconds = ids.Select(id => id[..8]).ToList();
        Assert.Equal(seconds.Order(StringComparer.Ordinal), seconds);
    }

    [Theory]
    [InlineData("65a1f0c2e4b0a1b2c3d4e5f6", true)]
    [InlineData("65A1F0C2E4B0A1B2C3D4E5F6", true)]
    [InlineData("65a1f0c2e4b0a1b2c3d4e5f", false)]
    [InlineData("65a1f0c2e4b0a1b2c3d4e5fg", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Well_formed_ids(string? id, bool expected) => Assert.Equal(expected, TaskIdGenerator.IsWellFormed(id));
}
