using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "VideoVisits",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "VideoVisits");
        }
    }
}
