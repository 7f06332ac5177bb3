using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// Strict SMART servers: the tenant's launch and backend scopes and the EHR origins that may frame EpicZoom; a launch
/// record's detail for IT and its notes on skipped reads; when a Zoom user EpicZoom created was replaced (MigratedSchemaTests prove the result equals the model).
/// </summary>
[DbContext(typeof(SqliteAppDbContext))]
[Migration("20261201030000_SmartScopesAndLaunchNotes")]
public sealed class SmartScopesAndLaunchNotes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "SmartLaunchScopes", table: "Tenants", type: "TEXT", maxLength: 1000, nullable: false,
            defaultValue: "launch openid fhirUser user/Practitioner.rs patient/Patient.rs patient/Encounter.rs");
        migrationBuilder.AddColumn<string>(name: "SmartBackendScopes", table: "Tenants", type: "TEXT", maxLength: 1000, nullable: false,
            defaultValue: "system/Practitioner.rs system/Patient.rs system/Encounter.rs");
        migrationBuilder.AddColumn<string>(name: "FrameAncestors", table: "Tenants", type: "TEXT", maxLength: 1000, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "Detail", table: "LaunchRecords", type: "TEXT", maxLength: 300, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "RelinkedAtUtc", table: "ZoomAccounts", type: "TEXT", nullable: true);
        migrationBuilder.AddColumn<string>(name: "Notes", table: "LaunchRecords", type: "TEXT", maxLength: 500, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Notes", table: "LaunchRecords");
        migrationBuilder.DropColumn(name: "RelinkedAtUtc", table: "ZoomAccounts");
        migrationBuilder.DropColumn(name: "Detail", table: "LaunchRecords");
        migrationBuilder.DropColumn(name: "FrameAncestors", table: "Tenants");
        migrationBuilder.DropColumn(name: "SmartBackendScopes", table: "Tenants");
        migrationBuilder.DropColumn(name: "SmartLaunchScopes", table: "Tenants");
    }
}
