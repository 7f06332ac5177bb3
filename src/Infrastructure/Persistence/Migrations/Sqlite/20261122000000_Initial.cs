using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EpicZoom.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// The first schema: admin identity, tenants, audit. Written as the provider's own DDL (there are no EF design-time
/// tools here); MigratedSchemaTests prove it equals the model. Later migrations use MigrationBuilder by hand.
/// </summary>
[DbContext(typeof(SqliteAppDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetRoles" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
                "Name" TEXT NULL,
                "NormalizedName" TEXT NULL,
                "ConcurrencyStamp" TEXT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetUsers" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
                "MustChangePassword" INTEGER NOT NULL DEFAULT 0,
                "UserName" TEXT NULL,
                "NormalizedUserName" TEXT NULL,
                "Email" TEXT NULL,
                "NormalizedEmail" TEXT NULL,
                "EmailConfirmed" INTEGER NOT NULL,
                "PasswordHash" TEXT NULL,
                "SecurityStamp" TEXT NULL,
                "ConcurrencyStamp" TEXT NULL,
                "PhoneNumber" TEXT NULL,
                "PhoneNumberConfirmed" INTEGER NOT NULL,
                "TwoFactorEnabled" INTEGER NOT NULL,
                "LockoutEnd" TEXT NULL,
                "LockoutEnabled" INTEGER NOT NULL,
                "AccessFailedCount" INTEGER NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AuditEntries" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
                "AtUtc" TEXT NOT NULL,
                "Actor" TEXT NOT NULL,
                "Action" TEXT NOT NULL,
                "EntityType" TEXT NOT NULL,
                "EntityId" TEXT NOT NULL,
                "Summary" TEXT NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "Tenants" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_Tenants" PRIMARY KEY,
                "Name" TEXT NOT NULL,
                "OrgId" TEXT NOT NULL,
                "Environment" TEXT NOT NULL,
                "AdmittancePolicy" TEXT NOT NULL,
                "CreatedAtUtc" TEXT NOT NULL,
                "UpdatedAtUtc" TEXT NOT NULL,
                "ZoomClientSecretProtected" TEXT NULL,
                "ZoomWebhookSecretTokenProtected" TEXT NULL,
                "EpicClientSecretProtected" TEXT NULL,
                "EpicPrivateKeyProtected" TEXT NULL,
                "TelehealthBasicPasswordProtected" TEXT NULL,
                "DeviceTestEndpointUrl" TEXT NULL,
                "DeviceTestProviderHelpUrl" TEXT NULL,
                "EpicClientId" TEXT NOT NULL,
                "EpicDeviceTestReportPath" TEXT NOT NULL,
                "EpicFhirBaseUrl" TEXT NOT NULL,
                "EpicOAuthBaseUrl" TEXT NULL,
                "EpicTelehealthAuthMode" TEXT NOT NULL,
                "EpicTelehealthBaseUrl" TEXT NOT NULL,
                "EpicTelehealthBasicUser" TEXT NULL,
                "EpicVendorName" TEXT NOT NULL,
                "EpicConnectedCode" TEXT NOT NULL,
                "EpicDisconnectedCode" TEXT NOT NULL,
                "EpicPatientIdTypeCode" TEXT NOT NULL,
                "EpicProviderIdTypeCode" TEXT NOT NULL,
                "SigningKeyCreatedAtUtc" TEXT NULL,
                "SigningKeyImported" INTEGER NULL,
                "SigningKeyId" TEXT NULL,
                "SigningPublicJwk" TEXT NULL,
                "ZoomAccountId" TEXT NOT NULL,
                "ZoomApiBaseUrl" TEXT NOT NULL,
                "ZoomClientId" TEXT NOT NULL,
                "ZoomOAuthBaseUrl" TEXT NOT NULL,
                "ZoomProviderUserType" TEXT NOT NULL,
                "ZoomUserEmailDomain" TEXT NOT NULL
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetRoleClaims" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
                "RoleId" TEXT NOT NULL,
                "ClaimType" TEXT NULL,
                "ClaimValue" TEXT NULL,
                CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetUserClaims" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
                "UserId" TEXT NOT NULL,
                "ClaimType" TEXT NULL,
                "ClaimValue" TEXT NULL,
                CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetUserLogins" (
                "LoginProvider" TEXT NOT NULL,
                "ProviderKey" TEXT NOT NULL,
                "ProviderDisplayName" TEXT NULL,
                "UserId" TEXT NOT NULL,
                CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
                CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetUserRoles" (
                "UserId" TEXT NOT NULL,
                "RoleId" TEXT NOT NULL,
                CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
                CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE "AspNetUserTokens" (
                "UserId" TEXT NOT NULL,
                "LoginProvider" TEXT NOT NULL,
                "Name" TEXT NOT NULL,
                "Value" TEXT NULL,
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
