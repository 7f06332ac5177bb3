using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>SMS: the tenant's provider settings and auth token, texts sent to patients, opt-outs (STOP), and the visit links they carry (MigratedSchemaTests prove the result equals the model).</summary>
[DbContext(typeof(SqliteAppDbContext))]
[Migration("20261122040000_Sms")]
public sealed class Sms : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "SmsEnabled", table: "Tenants", type: "INTEGER", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>(name: "SmsApiBaseUrl", table: "Tenants", type: "TEXT", maxLength: 2048, nullable: false, defaultValue: "https://api.twilio.com");
        migrationBuilder.AddColumn<string>(name: "SmsAccountSid", table: "Tenants", type: "TEXT", maxLength: 200, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "SmsFromNumber", table: "Tenants", type: "TEXT", maxLength: 20, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "SmsMessageTemplate", table: "Tenants", type: "TEXT", maxLength: 320, nullable: false, defaultValue: "Your video visit is ready. Join here: {link} Reply STOP to opt out.");
        migrationBuilder.AddColumn<string>(name: "SmsAuthTokenProtected", table: "Tenants", type: "TEXT", maxLength: 32768, nullable: true);
        migrationBuilder.Sql("""
            CREATE TABLE "SmsOptOuts" (
                "TenantId" TEXT NOT NULL,
                "NumberHash" TEXT NOT NULL,
                "NumberMasked" TEXT NOT NULL,
                "OptedOutAtUtc" TEXT NOT NULL,
                CONSTRAINT "PK_SmsOptOuts" PRIMARY KEY ("TenantId", "NumberHash"),
                CONSTRAINT "FK_SmsOptOuts_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "PatientLinks" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_PatientLinks" PRIMARY KEY,
                "TenantId" TEXT NOT NULL,
                "VisitId" TEXT NOT NULL,
                "ParticipantId" TEXT NOT NULL,
                "CreatedAtUtc" TEXT NOT NULL,
                "ExpiresAtUtc" TEXT NOT NULL,
                "OpenCount" INTEGER NOT NULL,
                "LastOpenedAtUtc" TEXT NULL,
                CONSTRAINT "FK_PatientLinks_VideoVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "VideoVisits" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "SmsMessages" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_SmsMessages" PRIMARY KEY,
                "TenantId" TEXT NOT NULL,
                "VisitId" TEXT NOT NULL,
                "LinkId" TEXT NOT NULL,
                "ToMasked" TEXT NOT NULL,
                "ToHash" TEXT NOT NULL,
                "ToProtected" TEXT NOT NULL,
                "SentBy" TEXT NOT NULL,
                "Status" TEXT NOT NULL,
                "ProviderMessageId" TEXT NULL,
                "HttpStatus" INTEGER NULL,
                "ErrorCode" INTEGER NULL,
                "Detail" TEXT NULL,
                "CreatedAtUtc" TEXT NOT NULL,
                "UpdatedAtUtc" TEXT NOT NULL,
                CONSTRAINT "FK_SmsMessages_VideoVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "VideoVisits" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_PatientLinks_VisitId_ParticipantId" ON "PatientLinks" ("VisitId", "ParticipantId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_SmsMessages_ProviderMessageId" ON "SmsMessages" ("ProviderMessageId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_SmsMessages_TenantId_ToHash_CreatedAtUtc" ON "SmsMessages" ("TenantId", "ToHash", "CreatedAtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_SmsMessages_VisitId_CreatedAtUtc" ON "SmsMessages" ("VisitId", "CreatedAtUtc")
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SmsMessages");
        migrationBuilder.DropTable(name: "PatientLinks");
        migrationBuilder.DropTable(name: "SmsOptOuts");
        migrationBuilder.DropColumn(name: "SmsAuthTokenProtected", table: "Tenants");
        migrationBuilder.DropColumn(name: "SmsMessageTemplate", table: "Tenants");
        migrationBuilder.DropColumn(name: "SmsFromNumber", table: "Tenants");
        migrationBuilder.DropColumn(name: "SmsAccountSid", table: "Tenants");
        migrationBuilder.DropColumn(name: "SmsApiBaseUrl", table: "Tenants");
        migrationBuilder.DropColumn(name: "SmsEnabled", table: "Tenants");
    }
}
