using EpicZoom.TestSupport.Persistence;

namespace EpicZoom.SqlServer.Tests;

// The persistence suites of tests/TestSupport/Persistence, the same tests SQLite and PostgreSQL pass in
// Infrastructure.Tests, on a real SQL Server.

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerMigrationTests(SqlServerFixture sqlServer) : MigrationSuite(sqlServer.Databases);

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerTenantPersistenceTests(SqlServerFixture sqlServer) : TenantPersistenceSuite(sqlServer.Databases);

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerTextPersistenceTests(SqlServerFixture sqlServer) : TextPersistenceSuite(sqlServer.Databases);

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerKeyRingTests(SqlServerFixture sqlServer) : KeyRingInDatabaseSuite(sqlServer.Databases);
