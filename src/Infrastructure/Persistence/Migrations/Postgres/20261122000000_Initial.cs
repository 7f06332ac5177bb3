using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Postgres;

/// <summary>
/// The first schema: admin identity, tenants, audit. Written as the provider's own DDL (there are no EF design-time
/// tools here); MigratedSchemaTests prove it equals the model. Later migrations use MigrationBuilder by hand.
/// </summary>
[DbContext(typeof(PostgresAppDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetRoles" (
                "Id" text NOT NULL,
                "Name" character varying(256),
                "NormalizedName" character varying(256),
                "ConcurrencyStamp" text,
                CONSTRAINT "PK_AspNetRoles" PRIMARY KEY ("Id")
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetUsers" (
                "Id" text NOT NULL,
                "MustChangePassword" boolean NOT NULL DEFAULT FALSE,
                "UserName" character varying(256),
                "NormalizedUserName" character varying(256),
                "Email" character varying(256),
                "NormalizedEmail" character varying(256),
                "EmailConfirmed" boolean NOT NULL,
                "PasswordHash" text,
                "SecurityStamp" text,
                "ConcurrencyStamp" text,
                "PhoneNumber" text,
                "PhoneNumberConfirmed" boolean NOT NULL,
                "TwoFactorEnabled" boolean NOT NULL,
                "LockoutEnd" timestamp with time zone,
                "LockoutEnabled" boolean NOT NULL,
                "AccessFailedCount" integer NOT NULL,
                CONSTRAINT "PK_AspNetUsers" PRIMARY KEY ("Id")
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AuditEntries" (
                "Id" uuid NOT NULL,
                "AtUtc" timestamp with time zone NOT NULL,
                "Actor" character varying(256) NOT NULL,
                "Action" character varying(100) NOT NULL,
                "EntityType" character varying(100) NOT NULL,
                "EntityId" character varying(200) NOT NULL,
                "Summary" character varying(2000) NOT NULL,
                CONSTRAINT "PK_AuditEntries" PRIMARY KEY ("Id")
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "Tenants" (
                "Id" uuid NOT NULL,
                "Name" character varying(200) NOT NULL,
                "OrgId" character varying(64) NOT NULL,
                "Environment" character varying(20) NOT NULL,
                "AdmittancePolicy" character varying(40) NOT NULL,
                "CreatedAtUtc" timestamp with time zone NOT NULL,
                "UpdatedAtUtc" timestamp with time zone NOT NULL,
                "ZoomClientSecretProtected" character varying(32768),
                "ZoomWebhookSecretTokenProtected" character varying(32768),
                "EpicClientSecretProtected" character varying(32768),
                "EpicPrivateKeyProtected" character varying(32768),
                "TelehealthBasicPasswordProtected" character varying(32768),
                "DeviceTestEndpointUrl" character varying(2048),
                "DeviceTestProviderHelpUrl" character varying(2048),
                "EpicClientId" character varying(200) NOT NULL,
                "EpicDeviceTestReportPath" character varying(500) NOT NULL,
                "EpicFhirBaseUrl" character varying(2048) NOT NULL,
                "EpicOAuthBaseUrl" character varying(2048),
                "EpicTelehealthAuthMode" character varying(40) NOT NULL,
                "EpicTelehealthBaseUrl" character varying(2048) NOT NULL,
                "EpicTelehealthBasicUser" character varying(200),
                "EpicVendorName" character varying(100) NOT NULL,
                "EpicConnectedCode" character varying(10) NOT NULL,
                "EpicDisconnectedCode" character varying(10) NOT NULL,
                "EpicPatientIdTypeCode" character varying(10) NOT NULL,
                "EpicProviderIdTypeCode" character varying(10) NOT NULL,
                "SigningKeyCreatedAtUtc" timestamp with time zone,
                "SigningKeyImported" boolean,
                "SigningKeyId" character varying(100),
                "SigningPublicJwk" character varying(8192),
                "ZoomAccountId" character varying(200) NOT NULL,
                "ZoomApiBaseUrl" character varying(2048) NOT NULL,
                "ZoomClientId" character varying(200) NOT NULL,
                "ZoomOAuthBaseUrl" character varying(2048) NOT NULL,
                "ZoomProviderUserType" character varying(20) NOT NULL,
                "ZoomUserEmailDomain" character varying(253) NOT NULL,
                CONSTRAINT "PK_Tenants" PRIMARY KEY ("Id")
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetRoleClaims" (
                "Id" integer GENERATED BY DEFAULT AS IDENTITY,
                "RoleId" text NOT NULL,
                "ClaimType" text,
                "ClaimValue" text,
                CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetUserClaims" (
                "Id" integer GENERATED BY DEFAULT AS IDENTITY,
                "UserId" text NOT NULL,
                "ClaimType" text,
                "ClaimValue" text,
                CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetUserLogins" (
                "LoginProvider" text NOT NULL,
                "ProviderKey" text NOT NULL,
                "ProviderDisplayName" text,
                "UserId" text NOT NULL,
                CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
                CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetUserRoles" (
                "UserId" text NOT NULL,
                "RoleId" text NOT NULL,
                CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
                CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetUserTokens" (
                "UserId" text NOT NULL,
                "LoginProvider" text NOT NULL,
                "Name" text NOT NULL,
                "Value" text,
                CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
                CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName")
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_AuditEntries_AtUtc" ON "AuditEntries" ("AtUtc")
            """);
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_Tenants_OrgId" ON "Tenants" ("OrgId")
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AspNetRoleClaims");
        migrationBuilder.DropTable(name: "AspNetUserClaims");
        migrationBuilder.DropTable(name: "AspNetUserLogins");
        migrationBuilder.DropTable(name: "AspNetUserRoles");
        migrationBuilder.DropTable(name: "AspNetUserTokens");
        migrationBuilder.DropTable(name: "AuditEntries");
        migrationBuilder.DropTable(name: "Tenants");
        migrationBuilder.DropTable(name: "AspNetUsers");
        migrationBuilder.DropTable(name: "AspNetRoles");
    }
}
