using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.Postgres
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
                type: "character varying(55)",
                maxLength: 55,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "NotificationRecords",
                type: "character varying(55)",
                maxLength: 55,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AlertSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebhookUrlProtected = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    WebhookHost = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
