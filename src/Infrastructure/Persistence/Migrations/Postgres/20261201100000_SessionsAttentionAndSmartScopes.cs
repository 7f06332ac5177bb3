using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SessionsAttentionAndSmartScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RelinkedAtUtc",
                table: "ZoomAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NeedsAttentionSinceUtc",
                table: "WebhookEvents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAtUtc",
                table: "WebhookEvents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConnectionVersion",
                table: "VisitParticipants",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "FrameAncestors",
                table: "Tenants",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SmartBackendScopes",
                table: "Tenants",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "system/Practitioner.rs system/Patient.rs system/Encounter.rs");

            migrationBuilder.AddColumn<string>(
                name: "SmartLaunchScopes",
                table: "Tenants",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "launch openid fhirUser user/Practitioner.rs patient/Patient.rs patient/Encounter.rs");

            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "LaunchRecords",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "LaunchRecords",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ParticipantSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastJoinedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastLeftAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastLeftJoinedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParticipantSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ParticipantSessions_VisitParticipants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "VisitParticipants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_NeedsAttentionSinceUtc",
                table: "WebhookEvents",
                column: "NeedsAttentionSinceUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ParticipantSessions_ParticipantId_Key",
                table: "ParticipantSessions",
                columns: new[] { "ParticipantId", "Key" },
                unique: true);

            // Added by hand: before this migration an event stopped being retried after 5 failures without telling anyone.
            // The ";" matters: the idempotent script wraps each statement in DO $EF$ … END IF; (docs/deployment.md).
            migrationBuilder.Sql("""UPDATE "WebhookEvents" SET "NeedsAttentionSinceUtc" = "ReceivedAtUtc" WHERE "ProcessedAtUtc" IS NULL AND "ProcessingAttempts" >= 5;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ParticipantSessions");

            migrationBuilder.DropIndex(
                name: "IX_WebhookEvents_NeedsAttentionSinceUtc",
                table: "WebhookEvents");

            migrationBuilder.DropColumn(
                name: "RelinkedAtUtc",
                table: "ZoomAccounts");

            migrationBuilder.DropColumn(
                name: "NeedsAttentionSinceUtc",
                table: "WebhookEvents");

            migrationBuilder.DropColumn(
                name: "NextAttemptAtUtc",
                table: "WebhookEvents");

            migrationBuilder.DropColumn(
                name: "ConnectionVersion",
                table: "VisitParticipants");

            migrationBuilder.DropColumn(
                name: "FrameAncestors",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "SmartBackendScopes",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "SmartLaunchScopes",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "LaunchRecords");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "LaunchRecords");
        }
    }
}
