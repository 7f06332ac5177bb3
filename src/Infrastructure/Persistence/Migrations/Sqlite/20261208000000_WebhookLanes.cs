using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WebhookLanes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Lane",
                table: "WebhookEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: -1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Lane",
                table: "WebhookEvents");
        }
    }
}
