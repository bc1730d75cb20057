namespace TaskCenter.Core.Delivery;

/// <summary>
/// How the fire ledger hands on the fires it records: into the built-in queue (the default), or into the outbox of
/// an external transport, which sets it when it is registered (<c>AddTaskCenterRabbitMq</c>). Not bound from
/// configuration: the host's choice of transport decides it.
/// </summary>
public sealed class DeliveryOptions
{
    /// <summary>Where recorded fires go.</summary>
    public FireRouting Routing { get; set; } = FireRouting.BuiltInQueue;
}
