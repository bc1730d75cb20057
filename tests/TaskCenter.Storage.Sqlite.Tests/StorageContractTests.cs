namespace TaskCenter.Storage.Sqlite.Tests;

// The backend-neutral storage contract (tests/StorageContract), each part on a SQLite file of its own per test.

public sealed class TaskStoreTests() : TaskStoreContract<SqliteStorage>(new TestDatabase());

public sealed class CommitTests() : CommitContract<SqliteStorage>(new TestDatabase());

/// <summary>The default: fresh fires handed out from memory, the rest read from the file.</summary>
public sealed class LeaseTests() : LeaseContract<SqliteStorage>(new TestDatabase());

/// <summary>Every message read from the file (the ready cache off): the same behaviour.</summary>
public sealed class LeaseWithoutCacheTests() : LeaseContract<SqliteStorage>(new TestDatabase(readyCacheSize: 0));

public sealed class DeadLetterTests() : DeadLetterContract<SqliteStorage>(new TestDatabase());

public sealed class RoutingTests() : RoutingContract<SqliteStorage>(new TestDatabase());

public sealed class SubscriptionTests() : SubscriptionContract<SqliteStorage>(new TestDatabase());

/// <summary>Fresh fires handed out from memory: their leases are written before a later ack or nack is.</summary>
public sealed class HandOutTests() : HandOutContract<SqliteStorage>(new TestDatabase());

public sealed class HandOutWithoutCacheTests() : HandOutContract<SqliteStorage>(new TestDatabase(readyCacheSize: 0));

public sealed class HousekeepingTests() : HousekeepingContract<SqliteStorage>(new TestDatabase());

public sealed class PersistenceTests() : PersistenceContract<SqliteStorage>(new TestDatabase());

public sealed class OutboxTests() : OutboxContract<SqliteStorage>(new TestDatabase());

public sealed class TextTests() : TextContract<SqliteStorage>(new TestDatabase());

public sealed class AddManyTests() : AddManyContract<SqliteStorage>(new TestDatabase());

public sealed class ReviseTests() : ReviseContract<SqliteStorage>(new TestDatabase());

public sealed class TaskListTests() : TaskListContract<SqliteStorage>(new TestDatabase());

public sealed class FireHistoryTests() : FireHistoryContract<SqliteStorage>(new TestDatabase());

/// <summary>The fire history with every lease written by the database path (the ready cache off).</summary>
public sealed class FireHistoryWithoutCacheTests() : FireHistoryContract<SqliteStorage>(new TestDatabase(readyCacheSize: 0));

public sealed class CensusTests() : CensusContract<SqliteStorage>(new TestDatabase());

public sealed class InstanceRegistryTests() : InstanceRegistryContract<SqliteStorage>(new TestDatabase());
