namespace TaskCenter.Client;

/// <summary>Where a fire's message stands in one consumer group (wire field <c>state</c> of a delivery).</summary>
public enum DeliveryState
{
    /// <summary>A state this version of the client does not know.</summary>
    Unknown = 0,

    /// <summary>Waiting to be consumed (first delivery or a retry).</summary>
    Ready,

    /// <summary>Handed to a consumer that has not settled it yet.</summary>
    Leased,

    /// <summary>Handled: acknowledged.</summary>
    Acked,

    /// <summary>Out of attempts: a dead letter.</summary>
    Dead,
}
