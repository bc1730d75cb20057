namespace TaskCenter.Transport.RabbitMq.Tests.Support;

/// <summary>Names no other test uses, so tests never see each other's exchanges, queues or tags.</summary>
public static class Unique
{
    public static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
