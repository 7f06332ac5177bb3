using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>Zoom settings warning on tenants; launch sessions and records, video visits with participants, Zoom accounts, device-test results (provider DDL; MigratedSchemaTests prove the result equals the model).</summary>
[DbContext(typeof(PostgresAppDbContext))]
[Migration("20261122010000_Launch")]
public sealed class Launch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ZoomSettingsWarning", table: "Tenants", type: "character varying(1000)", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ZoomSettingsWarningAtUtc", table: "Tenants", type: "timestamp with time zone", nullable: true);
        migrationBuilder.Sql("""
            CREATE TABLE "LaunchRecords" (
                "Id" uuid NOT NULL,
                "TenantId" uuid,
                "LaunchType" character varying(20),
                "Csn" character varying(100),
                "Outcome" character varying(40) NOT NULL,
                "DurationMs" integer NOT NULL,
                "UpstreamMs" integer NOT NULL,
                "UpstreamCalls" character varying(500) NOT NULL,
                "AtUtc" timestamp with time zone NOT NULL,
                CONSTRAINT "PK_LaunchRecords" PRIMARY KEY ("Id")
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "LaunchSessions" (
                "Id" uuid NOT NULL,
                "StateHash" character varying(64) NOT NULL,
                "TenantId" uuid NOT NULL,
                "LaunchType" character varying(20) NOT NULL,
                "CodeVerifierProtected" character varying(4096) NOT NULL,
                "QueryContextProtected" character varying(16384) NOT NULL,
                "CreatedAtUtc" timestamp with time zone NOT NULL,
                "ExpiresAtUtc" timestamp with time zone NOT NULL,
                "ConsumedAtUtc" timestamp with time zone,
                CONSTRAINT "PK_LaunchSessions" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_LaunchSessions_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "VideoVisits" (
                "Id" uuid NOT NULL,
                "TenantId" uuid NOT NULL,
                "Csn" character varying(100) NOT NULL,
                "CreatedAtUtc" timestamp with time zone NOT NULL,
                "ZoomMeetingId" bigint,
                "ZoomMeetingUuid" character varying(100),
                "HostZoomUserId" character varying(100),
                "HostEpicId" character varying(256),
                "JoinUrlProtected" character varying(8192),
                "MeetingPasswordProtected" character varying(4096),
                "MeetingCreatedAtUtc" timestamp with time zone,
                "MeetingClaim" character varying(64),
                "MeetingClaimExpiresAtUtc" timestamp with time zone,
                "HostJoinedAtUtc" timestamp with time zone,
                "EndedAtUtc" timestamp with time zone,
                "SettingsWarning" character varying(1000),
                CONSTRAINT "PK_VideoVisits" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_VideoVisits_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "ZoomAccounts" (
                "Id" uuid NOT NULL,
                "TenantId" uuid NOT NULL,
                "Kind" character varying(20) NOT NULL,
                "EpicId" character varying(300) NOT NULL,
                "ZoomUserId" character varying(100) NOT NULL,
                "Email" character varying(320) NOT NULL,
                "CreatedByEpicZoom" boolean NOT NULL,
                "CreatedAtUtc" timestamp with time zone NOT NULL,
                "DeleteAfterUtc" timestamp with time zone,
                CONSTRAINT "PK_ZoomAccounts" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_ZoomAccounts_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "DeviceTestResults" (
                "Id" uuid NOT NULL,
                "TenantId" uuid NOT NULL,
                "VisitId" uuid NOT NULL,
                "Csn" character varying(100) NOT NULL,
                "EpicId" character varying(256) NOT NULL,
                "CameraWorks" boolean NOT NULL,
                "MicrophoneWorks" boolean NOT NULL,
                "SpeakerWorks" boolean NOT NULL,
                "TestedAtUtc" timestamp with time zone NOT NULL,
                CONSTRAINT "PK_DeviceTestResults" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_DeviceTestResults_VideoVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "VideoVisits" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "VisitParticipants" (
                "Id" uuid NOT NULL,
                "EpicId" character varying(256) NOT NULL,
                "Role" character varying(20) NOT NULL,
                "ZoomUserId" character varying(100),
                "IsHost" boolean NOT NULL,
                "State" character varying(20) NOT NULL,
                "FirstLaunchedAtUtc" timestamp with time zone NOT NULL,
                "StateChangedAtUtc" timestamp with time zone,
                "VisitId" uuid NOT NULL,
                CONSTRAINT "PK_VisitParticipants" PRIMARY KEY ("Id"),
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
