using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>Zoom settings warning on tenants; launch sessions and records, video visits with participants, Zoom accounts, device-test results (provider DDL; MigratedSchemaTests prove the result equals the model).</summary>
[DbContext(typeof(SqliteAppDbContext))]
[Migration("20261122010000_Launch")]
public sealed class Launch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ZoomSettingsWarning", table: "Tenants", type: "TEXT", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ZoomSettingsWarningAtUtc", table: "Tenants", type: "TEXT", nullable: true);
        migrationBuilder.Sql("""
            CREATE TABLE "LaunchRecords" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_LaunchRecords" PRIMARY KEY,
                "TenantId" TEXT NULL,
                "LaunchType" TEXT NULL,
                "Csn" TEXT NULL,
                "Outcome" TEXT NOT NULL,
                "DurationMs" INTEGER NOT NULL,
                "UpstreamMs" INTEGER NOT NULL,
                "UpstreamCalls" TEXT NOT NULL,
                "AtUtc" TEXT NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "LaunchSessions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_LaunchSessions" PRIMARY KEY,
                "StateHash" TEXT NOT NULL,
                "TenantId" TEXT NOT NULL,
                "LaunchType" TEXT NOT NULL,
                "CodeVerifierProtected" TEXT NOT NULL,
                "QueryContextProtected" TEXT NOT NULL,
                "CreatedAtUtc" TEXT NOT NULL,
                "ExpiresAtUtc" TEXT NOT NULL,
                "ConsumedAtUtc" TEXT NULL,
                CONSTRAINT "FK_LaunchSessions_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "VideoVisits" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_VideoVisits" PRIMARY KEY,
                "TenantId" TEXT NOT NULL,
                "Csn" TEXT NOT NULL,
                "CreatedAtUtc" TEXT NOT NULL,
                "ZoomMeetingId" INTEGER NULL,
                "ZoomMeetingUuid" TEXT NULL,
                "HostZoomUserId" TEXT NULL,
                "HostEpicId" TEXT NULL,
                "JoinUrlProtected" TEXT NULL,
                "MeetingPasswordProtected" TEXT NULL,
                "MeetingCreatedAtUtc" TEXT NULL,
                "MeetingClaim" TEXT NULL,
                "MeetingClaimExpiresAtUtc" TEXT NULL,
                "HostJoinedAtUtc" TEXT NULL,
                "EndedAtUtc" TEXT NULL,
                "SettingsWarning" TEXT NULL,
                CONSTRAINT "FK_VideoVisits_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "ZoomAccounts" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_ZoomAccounts" PRIMARY KEY,
                "TenantId" TEXT NOT NULL,
                "Kind" TEXT NOT NULL,
                "EpicId" TEXT NOT NULL,
                "ZoomUserId" TEXT NOT NULL,
                "Email" TEXT NOT NULL,
                "CreatedByEpicZoom" INTEGER NOT NULL,
                "CreatedAtUtc" TEXT NOT NULL,
                "DeleteAfterUtc" TEXT NULL,
                CONSTRAINT "FK_ZoomAccounts_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "DeviceTestResults" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_DeviceTestResults" PRIMARY KEY,
                "TenantId" TEXT NOT NULL,
                "VisitId" TEXT NOT NULL,
                "Csn" TEXT NOT NULL,
                "EpicId" TEXT NOT NULL,
                "CameraWorks" INTEGER NOT NULL,
                "MicrophoneWorks" INTEGER NOT NULL,
                "SpeakerWorks" INTEGER NOT NULL,
                "TestedAtUtc" TEXT NOT NULL,
                CONSTRAINT "FK_DeviceTestResults_VideoVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "VideoVisits" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "VisitParticipants" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_VisitParticipants" PRIMARY KEY,
                "EpicId" TEXT NOT NULL,
                "Role" TEXT NOT NULL,
                "ZoomUserId" TEXT NULL,
                "IsHost" INTEGER NOT NULL,
                "State" TEXT NOT NULL,
                "FirstLaunchedAtUtc" TEXT NOT NULL,
                "StateChangedAtUtc" TEXT NULL,
                "VisitId" TEXT NOT NULL,
                CONSTRAINT "FK_VisitParticipants_VideoVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "VideoVisits" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_DeviceTestResults_TestedAtUtc" ON "DeviceTestResults" ("TestedAtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_DeviceTestResults_VisitId" ON "DeviceTestResults" ("VisitId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_LaunchRecords_AtUtc" ON "LaunchRecords" ("AtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_LaunchSessions_ExpiresAtUtc" ON "LaunchSessions" ("ExpiresAtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_LaunchSessions_StateHash" ON "LaunchSessions" ("StateHash")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_LaunchSessions_TenantId" ON "LaunchSessions" ("TenantId")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_VideoVisits_TenantId_Csn" ON "VideoVisits" ("TenantId", "Csn")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_VideoVisits_ZoomMeetingId" ON "VideoVisits" ("ZoomMeetingId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_VisitParticipants_VisitId" ON "VisitParticipants" ("VisitId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_VisitParticipants_ZoomUserId" ON "VisitParticipants" ("ZoomUserId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_ZoomAccounts_DeleteAfterUtc" ON "ZoomAccounts" ("DeleteAfterUtc")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_ZoomAccounts_TenantId_Kind_EpicId_ZoomUserId" ON "ZoomAccounts" ("TenantId", "Kind", "EpicId", "ZoomUserId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_ZoomAccounts_ZoomUserId" ON "ZoomAccounts" ("ZoomUserId")
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "ZoomSettingsWarning", table: "Tenants");
        migrationBuilder.DropColumn(name: "ZoomSettingsWarningAtUtc", table: "Tenants");
        migrationBuilder.DropTable(name: "VisitParticipants");
        migrationBuilder.DropTable(name: "DeviceTestResults");
        migrationBuilder.DropTable(name: "ZoomAccounts");
        migrationBuilder.DropTable(name: "VideoVisits");
        migrationBuilder.DropTable(name: "LaunchSessions");
        migrationBuilder.DropTable(name: "LaunchRecords");
    }
}
