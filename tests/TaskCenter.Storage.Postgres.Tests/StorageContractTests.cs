namespace TaskCenter.Storage.Postgres.Tests;

// The backend-neutral storage contract (tests/StorageContract), each part in a database of its own per class and a
// schema of its own per test.

public sealed class TaskStoreTests(ClassDatabase database)
    : TaskStoreContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class CommitTests(ClassDatabase database)
    : CommitContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class LeaseTests(ClassDatabase database)
    : LeaseContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class DeadLetterTests(ClassDatabase database)
    : DeadLetterContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class SubscriptionTests(ClassDatabase database)
    : SubscriptionContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class HandOutTests(ClassDatabase database)
    : HandOutContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class RoutingTests(ClassDatabase database)
    : RoutingContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class HousekeepingTests(ClassDatabase database)
    : HousekeepingContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class PersistenceTests(ClassDatabase database)
    : PersistenceContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class OutboxTests(ClassDatabase database)
    : OutboxContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class TextTests(ClassDatabase database)
    : TextContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class AddManyTests(ClassDatabase database)
    : AddManyContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class ConcurrentAddTests(ClassDatabase database)
    : ConcurrentAddContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class ReviseTests(ClassDatabase database)
    : ReviseContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class TaskListTests(ClassDatabase database)
    : TaskListContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class FireHistoryTests(ClassDatabase database)
    : FireHistoryContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class CensusTests(ClassDatabase database)
    : CensusContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class InstanceRegistryTests(ClassDatabase database)
    : InstanceRegistryContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;

public sealed class PushGroupTests(ClassDatabase database)
    : PushGroupContract(new PostgresHarness(database)), IClassFixture<ClassDatabase>;
