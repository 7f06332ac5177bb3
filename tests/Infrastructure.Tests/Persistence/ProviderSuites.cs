using EpicZoom.TestSupport.Persistence;

namespace EpicZoom.Infrastructure.Tests.Persistence;

// The persistence suites (tests/TestSupport/Persistence) on the providers that run here: SQLite files and a throwaway
// PostgreSQL server. tests/SqlServer.Tests runs the same suites on a real SQL Server when one is given.

public sealed class SqliteMigrationTests(SqliteFiles files) : MigrationSuite(files), IClassFixture<SqliteFiles>;

public sealed class SqliteTenantPersistenceTests(SqliteFiles files) : TenantPersistenceSuite(files), IClassFixture<SqliteFiles>;

public sealed class SqliteTextPersistenceTests(SqliteFiles files) : TextPersistenceSuite(files), IClassFixture<SqliteFiles>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresFixture postgres) : MigrationSuite(postgres.Databases);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTenantPersistenceTests(PostgresFixture postgres) : TenantPersistenceSuite(postgres.Databases);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTextPersistenceTests(PostgresFixture postgres) : TextPersistenceSuite(postgres.Databases);

[Collection(PostgresCollection.Name)]
public sealed class PostgresKeyRingTests(PostgresFixture postgres) : KeyRingInDatabaseSuite(postgres.Databases);
