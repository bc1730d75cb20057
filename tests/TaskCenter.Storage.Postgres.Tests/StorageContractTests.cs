namespace TaskCenter.Storage.Postgres.Tests;

// The backend-neutral storage contract (tests/StorageContract), each part in a database of its own per class and a
// schema of its own per test.

public sealed class TaskStoreTests(ClassDatabase database)
    : TaskStoreContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class CommitTests(ClassDatabase database)
    : CommitContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class LeaseTests(ClassDatabase database)
    : LeaseContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class DeadLetterTests(ClassDatabase database)
    : DeadLetterContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class SubscriptionTests(ClassDatabase database)
    : SubscriptionContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class HandOutTests(ClassDatabase database)
    : HandOutContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class RoutingTests(ClassDatabase database)
    : RoutingContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class HousekeepingTests(ClassDatabase database)
    : HousekeepingContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class PersistenceTests(ClassDatabase database)
    : PersistenceContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class OutboxTests(ClassDatabase database)
    : OutboxContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class TextTests(ClassDatabase database)
    : TextContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class AddManyTests(ClassDatabase database)
    : AddManyContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class ReviseTests(ClassDatabase database)
    : ReviseContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class TaskListTests(ClassDatabase database)
    : TaskListContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class FireHistoryTests(ClassDatabase database)
    : FireHistoryContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class CensusTests(ClassDatabase database)
    : CensusContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class InstanceRegistryTests(ClassDatabase database)
    : InstanceRegistryContract<PostgresStorage>(new PostgresHarness(database)), IClassFixture<ClassDatabase>;
