using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// Indexes for the Notification Records search, which filters across tenants and pages newest OccurredAtUtc first:
/// CSN, meeting id, OccurredAtUtc, and participant, status and RespCode each with OccurredAtUtc. They replace the
/// tenant-first CSN and meeting indexes and the CreatedAtUtc index, which no query used any more; the cascade from
/// Tenants keeps a TenantId index. Measured in docs/benchmarks.md, "Notification search" (provider DDL;
/// MigratedSchemaTests prove the result equals the model).
/// </summary>
[DbContext(typeof(PostgresAppDbContext))]
[Migration("20261122030000_NotificationSearchIndexes")]
public sealed class NotificationSearchIndexes : Migration
{
    private static readonly string[] Created =
    [
        "IX_NotificationRecords_TenantId",
        "IX_NotificationRecords_Csn",
        "IX_NotificationRecords_ZoomMeetingId",
        "IX_NotificationRecords_OccurredAtUtc",
        "IX_NotificationRecords_ExternalId_OccurredAtUtc",
        "IX_NotificationRecords_Status_OccurredAtUtc",
        "IX_NotificationRecords_LastRespCode_OccurredAtUtc",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_NotificationRecords_TenantId_Csn", table: "NotificationRecords");
        migrationBuilder.DropIndex(name: "IX_NotificationRecords_TenantId_ZoomMeetingId", table: "NotificationRecords");
        migrationBuilder.DropIndex(name: "IX_NotificationRecords_CreatedAtUtc", table: "NotificationRecords");
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_TenantId" ON "NotificationRecords" ("TenantId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_Csn" ON "NotificationRecords" ("Csn")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_ZoomMeetingId" ON "NotificationRecords" ("ZoomMeetingId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_OccurredAtUtc" ON "NotificationRecords" ("OccurredAtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_ExternalId_OccurredAtUtc" ON "NotificationRecords" ("ExternalId", "OccurredAtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_Status_OccurredAtUtc" ON "NotificationRecords" ("Status", "OccurredAtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_LastRespCode_OccurredAtUtc" ON "NotificationRecords" ("LastRespCode", "OccurredAtUtc")
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var name in Created) migrationBuilder.DropIndex(name: name, table: "NotificationRecords");
        migrationBuilder.CreateIndex(name: "IX_NotificationRecords_CreatedAtUtc", table: "NotificationRecords", column: "CreatedAtUtc");
        migrationBuilder.CreateIndex(name: "IX_NotificationRecords_TenantId_Csn", table: "NotificationRecords", columns: ["TenantId", "Csn"]);
        migrationBuilder.CreateIndex(name: "IX_NotificationRecords_TenantId_ZoomMeetingId", table: "NotificationRecords", columns: ["TenantId", "ZoomMeetingId"]);
    }
}
