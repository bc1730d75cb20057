namespace TaskCenter.Storage.Sqlite.Tests;

// The backend-neutral storage contract (tests/StorageContract), each part on a SQLite file of its own per test.

public sealed class TaskStoreTests() : TaskStoreContract(new TestDatabase());

public sealed class CommitTests() : CommitContract(new TestDatabase());

/// <summary>The default: fresh fires handed out from memory, the rest read from the file.</summary>
public sealed class LeaseTests() : LeaseContract(new TestDatabase());

/// <summary>Every message read from the file (the ready cache off): the same behaviour.</summary>
public sealed class LeaseWithoutCacheTests() : LeaseContract(new TestDatabase(readyCacheSize: 0));

public sealed class DeadLetterTests() : DeadLetterContract(new TestDatabase());

public sealed class RoutingTests() : RoutingContract(new TestDatabase());

public sealed class SubscriptionTests() : SubscriptionContract(new TestDatabase());

/// <summary>Fresh fires handed out from memory: their leases are written before a later ack or nack is.</summary>
public sealed class HandOutTests() : HandOutContract(new TestDatabase());

public sealed class HandOutWithoutCacheTests() : HandOutContract(new TestDatabase(readyCacheSize: 0));

public sealed class HousekeepingTests() : HousekeepingContract(new TestDatabase());

public sealed class PersistenceTests() : PersistenceContract(new TestDatabase());

public sealed class OutboxTests() : OutboxContract(new TestDatabase());

public sealed class TextTests() : TextContract(new TestDatabase());

public sealed class AddManyTests() : AddManyContract(new TestDatabase());

public sealed class ConcurrentAddTests() : ConcurrentAddContract(new TestDatabase());

public sealed class ReviseTests() : ReviseContract(new TestDatabase());

public sealed class TaskListTests() : TaskListContract(new TestDatabase());

public sealed class FireHistoryTests() : FireHistoryContract(new TestDatabase());

/// <summary>The fire history with every lease written by the database path (the ready cache off).</summary>
public sealed class FireHistoryWithoutCacheTests() : FireHistoryContract(new TestDatabase(readyCacheSize: 0));

public sealed class CensusTests() : CensusContract(new TestDatabase());

public sealed class InstanceRegistryTests() : InstanceRegistryContract(new TestDatabase());

public sealed class PushGroupTests() : PushGroupContract(new TestDatabase());
