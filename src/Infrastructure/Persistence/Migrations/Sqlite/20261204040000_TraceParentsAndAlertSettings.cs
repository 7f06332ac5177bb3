using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TraceParentsAndAlertSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "WebhookEvents",
                type: "TEXT",
                maxLength: 55,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "NotificationRecords",
                type: "TEXT",
                maxLength: 55,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AlertSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebhookUrlProtected = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    WebhookHost = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertSettings", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertSettings");

            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "WebhookEvents");

            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "NotificationRecords");
        }
    }
}
