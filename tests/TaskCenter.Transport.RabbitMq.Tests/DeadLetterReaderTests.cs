using System.Text;
using RabbitMQ.Client;
using TaskCenter.Transport.RabbitMq.DeadLetters;

namespace TaskCenter.Transport.RabbitMq.Tests;

/// <summary>Dead letters as consumers in any language may write them (no broker needed).</summary>
public sealed class DeadLetterReaderTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);

    [Fact]
    public void Reads_the_headers_whatever_types_the_sending_client_chose()
    {
        var properties = new BasicProperties
        {
            MessageId = "m1",
            Headers = new Dictionary<string, object?>
            {
                ["group"] = Encoding.UTF8.GetBytes("billing"), // AMQP long strings arrive as bytes
                ["taskid"] = "t1",
                ["name"] = Encoding.UTF8.GetBytes("invoice"),
                ["fire_time"] = 1_789_999_000_000L,
                ["attempts"] = Encoding.UTF8.GetBytes("17"), // a number sent as text
                ["last_error"] = Encoding.UTF8.GetBytes("timeout"),
                ["dead_at"] = 1_789_999_500_000L,
            },
        };

        var letter = DeadLetterReader.Read(properties, Encoding.UTF8.GetBytes("{\"n\":1}"), "taskcenter.dead-letters", Now);

        Assert.Equal("billing", letter.Group);
        Assert.Equal("m1", letter.MsgId);
        Assert.Equal("t1", letter.TaskId);
        Assert.Equal("invoice", letter.Name);
        Assert.Equal("{\"n\":1}", letter.Data);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_789_999_000_000), letter.FireTime);
        Assert.Equal(17, letter.Attempts);
        Assert.Equal("timeout", letter.LastError);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_789_999_500_000), letter.DeadAt);
    }

    [Fact]
    public void A_dead_letter_missing_fields_is_still_kept_under_defaults()
    {
        var properties = new BasicProperties { Headers = new Dictionary<string, object?> { ["attempt"] = 3 } };

        var letter = DeadLetterReader.Read(properties, Encoding.UTF8.GetBytes("x"), "report", Now);

        Assert.Equal(DeadLetterReader.UnknownGroup, letter.Group);
        Assert.False(string.IsNullOrEmpty(letter.MsgId));
        Assert.Equal("report", letter.Name);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal(Now, letter.FireTime);
        Assert.Equal(Now, letter.DeadAt);
        Assert.Null(letter.LastError);
    }
}
