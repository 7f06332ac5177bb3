using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PendingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookEvents_ProcessedAtUtc_ReceivedAtUtc",
                table: "WebhookEvents");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_Status_NextAttemptAtUtc",
                table: "NotificationRecords");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_Pending",
                table: "WebhookEvents",
                column: "ReceivedAtUtc",
                filter: "\"ProcessedAtUtc\" IS NULL AND \"NeedsAttentionSinceUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_Pending",
                table: "NotificationRecords",
                column: "NextAttemptAtUtc",
                filter: "\"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_PendingReports",
                table: "NotificationRecords",
                columns: new[] { "ParticipantId", "Sequence" },
                filter: "\"Status\" = 'Pending' AND \"Kind\" <> 'DeviceTest'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookEvents_Pending",
                table: "WebhookEvents");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_Pending",
                table: "NotificationRecords");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_PendingReports",
                table: "NotificationRecords");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_ProcessedAtUtc_ReceivedAtUtc",
                table: "WebhookEvents",
                columns: new[] { "ProcessedAtUtc", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_Status_NextAttemptAtUtc",
                table: "NotificationRecords",
                columns: new[] { "Status", "NextAttemptAtUtc" });
        }
    }
}
