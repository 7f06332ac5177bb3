using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.SqlServer
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
                type: "int",
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
