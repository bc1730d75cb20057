namespace TaskCenter.Core.Delivery;

/// <summary>Where a store puts the fires it records.</summary>
public enum FireRouting
{
    /// <summary>Into the built-in queue: one delivery per subscribed consumer group, consumed over HTTP.</summary>
    BuiltInQueue,

    /// <summary>
    /// Into the outbox (<see cref="Storage.IFireLedger.PublishDueAsync"/>): an external transport such as RabbitMQ publishes each fire once it is
    /// due, and routes it to consumer groups itself.
    /// </summary>
    Outbox,
}
