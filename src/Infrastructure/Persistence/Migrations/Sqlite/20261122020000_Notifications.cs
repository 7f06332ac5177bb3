using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>Zoom webhook events, notification records with their attempts (the status-report outbox), one participant per person and visit (provider DDL; MigratedSchemaTests prove the result equals the model).</summary>
[DbContext(typeof(SqliteAppDbContext))]
[Migration("20261122020000_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // The new unique (VisitId, EpicId, Role) index serves the foreign key too; the model has no separate one.
        migrationBuilder.DropIndex(name: "IX_VisitParticipants_VisitId", table: "VisitParticipants");
        migrationBuilder.Sql("""
            CREATE TABLE "NotificationRecords" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_NotificationRecords" PRIMARY KEY,
                "TenantId" TEXT NOT NULL,
                "VisitId" TEXT NOT NULL,
                "Csn" TEXT NOT NULL,
                "ZoomMeetingId" INTEGER NULL,
                "ParticipantId" TEXT NOT NULL,
                "ParticipantRole" TEXT NOT NULL,
                "ExternalId" TEXT NOT NULL,
                "ExternalIdType" TEXT NOT NULL,
                "Kind" TEXT NOT NULL,
                "StatusCode" TEXT NOT NULL,
                "OccurredAtUtc" TEXT NOT NULL,
                "CreatedAtUtc" TEXT NOT NULL,
                "Sequence" INTEGER NOT NULL,
                "Status" TEXT NOT NULL,
                "AttemptCount" INTEGER NOT NULL,
                "LastRespCode" INTEGER NULL,
                "LastAttemptAtUtc" TEXT NULL,
                "NextAttemptAtUtc" TEXT NOT NULL,
                "DeliveredAtUtc" TEXT NULL,
                "LeaseOwner" TEXT NULL,
                "LeaseExpiresAtUtc" TEXT NULL,
                CONSTRAINT "FK_NotificationRecords_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "WebhookEvents" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookEvents" PRIMARY KEY,
                "TenantId" TEXT NOT NULL,
                "EventType" TEXT NOT NULL,
                "BodyHash" TEXT NOT NULL,
                "BodyProtected" TEXT NOT NULL,
                "ReceivedAtUtc" TEXT NOT NULL,
                "ProcessedAtUtc" TEXT NULL,
                "ProcessingAttempts" INTEGER NOT NULL,
                "ProcessingNote" TEXT NULL,
                CONSTRAINT "FK_WebhookEvents_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "NotificationAttempts" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_NotificationAttempts" PRIMARY KEY,
                "NotificationRecordId" TEXT NOT NULL,
                "Number" INTEGER NOT NULL,
                "RespCode" INTEGER NOT NULL,
                "DurationMs" INTEGER NOT NULL,
                "ResponseExcerpt" TEXT NOT NULL,
                "AttemptedAtUtc" TEXT NOT NULL,
                CONSTRAINT "FK_NotificationAttempts_NotificationRecords_NotificationRecordId" FOREIGN KEY ("NotificationRecordId") REFERENCES "NotificationRecords" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationAttempts_NotificationRecordId" ON "NotificationAttempts" ("NotificationRecordId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_CreatedAtUtc" ON "NotificationRecords" ("CreatedAtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_NotificationRecords_ParticipantId_Sequence" ON "NotificationRecords" ("ParticipantId", "Sequence")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_Status_NextAttemptAtUtc" ON "NotificationRecords" ("Status", "NextAttemptAtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_TenantId_Csn" ON "NotificationRecords" ("TenantId", "Csn")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_NotificationRecords_TenantId_ZoomMeetingId" ON "NotificationRecords" ("TenantId", "ZoomMeetingId")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_VisitParticipants_VisitId_EpicId_Role" ON "VisitParticipants" ("VisitId", "EpicId", "Role")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_WebhookEvents_ProcessedAtUtc_ReceivedAtUtc" ON "WebhookEvents" ("ProcessedAtUtc", "ReceivedAtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_WebhookEvents_TenantId_BodyHash" ON "WebhookEvents" ("TenantId", "BodyHash")
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_VisitParticipants_VisitId_EpicId_Role", table: "VisitParticipants");
        migrationBuilder.CreateIndex(name: "IX_VisitParticipants_VisitId", table: "VisitParticipants", column: "VisitId");
        migrationBuilder.DropTable(name: "NotificationAttempts");
        migrationBuilder.DropTable(name: "WebhookEvents");
        migrationBuilder.DropTable(name: "NotificationRecords");
    }
}
