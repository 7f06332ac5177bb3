using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PendingLeavesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookEvents_NeedsAttentionSinceUtc",
                table: "WebhookEvents");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_NeedsAttentionSinceUtc",
                table: "WebhookEvents",
                column: "NeedsAttentionSinceUtc",
                filter: "[NeedsAttentionSinceUtc] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_PendingLeaves",
                table: "WebhookEvents",
                column: "ReceivedAtUtc",
                filter: "[ProcessedAtUtc] IS NULL AND [NeedsAttentionSinceUtc] IS NULL AND [EventType] = N'meeting.participant_left'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookEvents_NeedsAttentionSinceUtc",
                table: "WebhookEvents");

            migrationBuilder.DropIndex(
                name: "IX_WebhookEvents_PendingLeaves",
                table: "WebhookEvents");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_NeedsAttentionSinceUtc",
                table: "WebhookEvents",
                column: "NeedsAttentionSinceUtc");
        }
    }
}
