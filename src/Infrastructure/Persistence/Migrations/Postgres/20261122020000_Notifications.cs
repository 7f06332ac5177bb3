using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>Zoom webhook events, notification records with their attempts (the status-report outbox), one participant per person and visit (provider DDL; MigratedSchemaTests prove the result equals the model).</summary>
[DbContext(typeof(PostgresAppDbContext))]
[Migration("20261122020000_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // The new unique (VisitId, EpicId, Role) index serves the foreign key too; the model has no separate one.
        migrationBuilder.DropIndex(name: "IX_VisitParticipants_VisitId", table: "VisitParticipants");
        migrationBuilder.Sql("""
            CREATE TABLE "NotificationRecords" (
                "Id" uuid NOT NULL,
                "TenantId" uuid NOT NULL,
                "VisitId" uuid NOT NULL,
                "Csn" character varying(100) NOT NULL,
                "ZoomMeetingId" bigint,
                "ParticipantId" uuid NOT NULL,
                "ParticipantRole" character varying(20) NOT NULL,
                "ExternalId" character varying(256) NOT NULL,
                "ExternalIdType" character varying(10) NOT NULL,
                "Kind" character varying(20) NOT NULL,
                "StatusCode" character varying(10) NOT NULL,
                "OccurredAtUtc" timestamp with time zone NOT NULL,
                "CreatedAtUtc" timestamp with time zone NOT NULL,
                "Sequence" bigint NOT NULL,
                "Status" character varying(20) NOT NULL,
                "AttemptCount" integer NOT NULL,
                "LastRespCode" integer,
                "LastAttemptAtUtc" timestamp with time zone,
                "NextAttemptAtUtc" timestamp with time zone NOT NULL,
                "DeliveredAtUtc" timestamp with time zone,
                "LeaseOwner" character varying(100),
                "LeaseExpiresAtUtc" timestamp with time zone,
                CONSTRAINT "PK_NotificationRecords" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_NotificationRecords_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "WebhookEvents" (
                "Id" uuid NOT NULL,
                "TenantId" uuid NOT NULL,
                "EventType" character varying(100) NOT NULL,
                "BodyHash" character varying(64) NOT NULL,
                "BodyProtected" text NOT NULL,
                "ReceivedAtUtc" timestamp with time zone NOT NULL,
                "ProcessedAtUtc" timestamp with time zone,
                "ProcessingAttempts" integer NOT NULL,
                "ProcessingNote" character varying(500),
                CONSTRAINT "PK_WebhookEvents" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_WebhookEvents_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "NotificationAttempts" (
                "Id" uuid NOT NULL,
                "NotificationRecordId" uuid NOT NULL,
                "Number" integer NOT NULL,
                "RespCode" integer NOT NULL,
                "DurationMs" integer NOT NULL,
                "ResponseExcerpt" character varying(300) NOT NULL,
                "AttemptedAtUtc" timestamp with time zone NOT NULL,
                CONSTRAINT "PK_NotificationAttempts" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_NotificationAttempts_NotificationRecords_NotificationRecord~" FOREIGN KEY ("NotificationRecordId") REFERENCES "NotificationRecords" ("Id") ON DELETE CASCADE
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
