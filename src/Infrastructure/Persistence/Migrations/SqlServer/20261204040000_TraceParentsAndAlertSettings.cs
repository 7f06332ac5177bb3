using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.SqlServer
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
                type: "nvarchar(55)",
                maxLength: 55,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "NotificationRecords",
                type: "nvarchar(55)",
                maxLength: 55,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AlertSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WebhookUrlProtected = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    WebhookHost = table.Column<string>(type: "nvarchar(253)", maxLength: 253, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
