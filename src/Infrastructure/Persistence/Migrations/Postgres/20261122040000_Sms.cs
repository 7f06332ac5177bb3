using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>SMS: the tenant's provider settings and auth token, texts sent to patients, opt-outs (STOP), and the visit links they carry (MigratedSchemaTests prove the result equals the model).</summary>
[DbContext(typeof(PostgresAppDbContext))]
[Migration("20261122040000_Sms")]
public sealed class Sms : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "SmsEnabled", table: "Tenants", type: "boolean", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>(name: "SmsApiBaseUrl", table: "Tenants", type: "character varying(2048)", maxLength: 2048, nullable: false, defaultValue: "https://api.twilio.com");
        migrationBuilder.AddColumn<string>(name: "SmsAccountSid", table: "Tenants", type: "character varying(200)", maxLength: 200, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "SmsFromNumber", table: "Tenants", type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "SmsMessageTemplate", table: "Tenants", type: "character varying(320)", maxLength: 320, nullable: false, defaultValue: "Your video visit is ready. Join here: {link} Reply STOP to opt out.");
        migrationBuilder.AddColumn<string>(name: "SmsAuthTokenProtected", table: "Tenants", type: "character varying(32768)", maxLength: 32768, nullable: true);
        migrationBuilder.Sql("""
            CREATE TABLE "SmsOptOuts" (
                "TenantId" uuid NOT NULL,
                "NumberHash" character varying(64) NOT NULL,
                "NumberMasked" character varying(20) NOT NULL,
                "OptedOutAtUtc" timestamp with time zone NOT NULL,
                CONSTRAINT "PK_SmsOptOuts" PRIMARY KEY ("TenantId", "NumberHash"),
                CONSTRAINT "FK_SmsOptOuts_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "PatientLinks" (
                "Id" character varying(32) NOT NULL,
                "TenantId" uuid NOT NULL,
                "VisitId" uuid NOT NULL,
                "ParticipantId" uuid NOT NULL,
                "CreatedAtUtc" timestamp with time zone NOT NULL,
                "ExpiresAtUtc" timestamp with time zone NOT NULL,
                "OpenCount" integer NOT NULL,
                "LastOpenedAtUtc" timestamp with time zone,
                CONSTRAINT "PK_PatientLinks" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_PatientLinks_VideoVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "VideoVisits" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "SmsMessages" (
                "Id" uuid NOT NULL,
                "TenantId" uuid NOT NULL,
                "VisitId" uuid NOT NULL,
                "LinkId" character varying(32) NOT NULL,
                "ToMasked" character varying(20) NOT NULL,
                "ToHash" character varying(64) NOT NULL,
                "ToProtected" character varying(1000) NOT NULL,
                "SentBy" character varying(256) NOT NULL,
                "Status" character varying(20) NOT NULL,
                "ProviderMessageId" character varying(64),
                "HttpStatus" integer,
                "ErrorCode" integer,
                "Detail" character varying(300),
                "CreatedAtUtc" timestamp with time zone NOT NULL,
                "UpdatedAtUtc" timestamp with time zone NOT NULL,
                CONSTRAINT "PK_SmsMessages" PRIMARY KEY ("Id"),
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
