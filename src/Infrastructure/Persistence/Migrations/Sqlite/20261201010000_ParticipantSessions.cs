using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// Each participant's Zoom sessions (participant_uuid) and the version that guards their state; webhook events that
/// need an admin's attention and their retry time. Events that had already used up their attempts become visible
/// (MigratedSchemaTests prove the result equals the model).
/// </summary>
[DbContext(typeof(SqliteAppDbContext))]
[Migration("20261201010000_ParticipantSessions")]
public sealed class ParticipantSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "ConnectionVersion", table: "VisitParticipants", type: "INTEGER", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTime>(name: "NextAttemptAtUtc", table: "WebhookEvents", type: "TEXT", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "NeedsAttentionSinceUtc", table: "WebhookEvents", type: "TEXT", nullable: true);
        migrationBuilder.Sql("""
            CREATE TABLE "ParticipantSessions" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_ParticipantSessions" PRIMARY KEY,
                "ParticipantId" TEXT NOT NULL,
                "Key" TEXT NOT NULL,
                "LastJoinedAtUtc" TEXT NULL,
                "LastLeftAtUtc" TEXT NULL,
                "LastLeftJoinedAtUtc" TEXT NULL,
                CONSTRAINT "FK_ParticipantSessions_VisitParticipants_ParticipantId" FOREIGN KEY ("ParticipantId") REFERENCES "VisitParticipants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_ParticipantSessions_ParticipantId_Key" ON "ParticipantSessions" ("ParticipantId", "Key")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_WebhookEvents_NeedsAttentionSinceUtc" ON "WebhookEvents" ("NeedsAttentionSinceUtc")
            """);
        // Before this migration an event stopped being retried after 5 failures without telling anyone.
        migrationBuilder.Sql("""
            UPDATE "WebhookEvents" SET "NeedsAttentionSinceUtc" = "ReceivedAtUtc" WHERE "ProcessedAtUtc" IS NULL AND "ProcessingAttempts" >= 5
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ParticipantSessions");
        migrationBuilder.DropIndex(name: "IX_WebhookEvents_NeedsAttentionSinceUtc", table: "WebhookEvents");
        migrationBuilder.DropColumn(name: "NeedsAttentionSinceUtc", table: "WebhookEvents");
        migrationBuilder.DropColumn(name: "NextAttemptAtUtc", table: "WebhookEvents");
        migrationBuilder.DropColumn(name: "ConnectionVersion", table: "VisitParticipants");
    }
}
