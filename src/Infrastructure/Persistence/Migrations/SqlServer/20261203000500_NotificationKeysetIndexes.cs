using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class NotificationKeysetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_ExternalId_OccurredAtUtc",
                table: "NotificationRecords");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_LastRespCode_OccurredAtUtc",
                table: "NotificationRecords");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_OccurredAtUtc",
                table: "NotificationRecords");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_Status_OccurredAtUtc",
                table: "NotificationRecords");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_TenantId",
                table: "NotificationRecords");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_ExternalId_OccurredAtUtc_CreatedAtUtc_Id",
                table: "NotificationRecords",
                columns: new[] { "ExternalId", "OccurredAtUtc", "CreatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_LastRespCode_OccurredAtUtc_CreatedAtUtc_Id",
                table: "NotificationRecords",
                columns: new[] { "LastRespCode", "OccurredAtUtc", "CreatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_OccurredAtUtc_CreatedAtUtc_Id",
                table: "NotificationRecords",
                columns: new[] { "OccurredAtUtc", "CreatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_Status_OccurredAtUtc_CreatedAtUtc_Id",
                table: "NotificationRecords",
                columns: new[] { "Status", "OccurredAtUtc", "CreatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_TenantId_OccurredAtUtc_CreatedAtUtc_Id",
                table: "NotificationRecords",
                columns: new[] { "TenantId", "OccurredAtUtc", "CreatedAtUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_ExternalId_OccurredAtUtc_CreatedAtUtc_Id",
                table: "NotificationRecords");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_LastRespCode_OccurredAtUtc_CreatedAtUtc_Id",
                table: "NotificationRecords");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_OccurredAtUtc_CreatedAtUtc_Id",
                table: "NotificationRecords");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_Status_OccurredAtUtc_CreatedAtUtc_Id",
                table: "NotificationRecords");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRecords_TenantId_OccurredAtUtc_CreatedAtUtc_Id",
                table: "NotificationRecords");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_ExternalId_OccurredAtUtc",
                table: "NotificationRecords",
                columns: new[] { "ExternalId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_LastRespCode_OccurredAtUtc",
                table: "NotificationRecords",
                columns: new[] { "LastRespCode", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_OccurredAtUtc",
                table: "NotificationRecords",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_Status_OccurredAtUtc",
                table: "NotificationRecords",
                columns: new[] { "Status", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_TenantId",
                table: "NotificationRecords",
                column: "TenantId");
        }
    }
}
