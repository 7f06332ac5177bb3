using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.SqlServer
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
                type: "int",
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
