using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>Device-test results as notification records (their JSON body), and the replay time kept apart from the creation time (MigratedSchemaTests prove the result equals the model).</summary>
[DbContext(typeof(PostgresAppDbContext))]
[Migration("20261122035000_DeviceTestReports")]
public sealed class DeviceTestReports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Payload", table: "NotificationRecords", type: "character varying(2000)", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ReplayedAtUtc", table: "NotificationRecords", type: "timestamp with time zone", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "ReplayedAtUtc", table: "NotificationRecords");
        migrationBuilder.DropColumn(name: "Payload", table: "NotificationRecords");
    }
}
