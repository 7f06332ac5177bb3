using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GuestSettingsAndTenantEmail : Migration
    {
        /// <summary>GuestSettings.DefaultEmailTemplate as this migration was written (frozen here: a later change to the default must not change this migration).</summary>
        private const string DefaultEmailTemplate =
            "Hello,\n\n{organization} invites you to join a video visit as {role}.\n\nJoin here: {link}\n\nThe link opens a waiting room; the clinician lets you in. It works only for this visit and stops working when the visit ends.";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EmailFromAddress",
                table: "Tenants",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EmailFromName",
                table: "Tenants",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EmailHost",
                table: "Tenants",
                type: "character varying(253)",
                maxLength: 253,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "EmailOwnServer",
                table: "Tenants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "EmailPort",
                table: "Tenants",
                type: "integer",
                nullable: false,
                defaultValue: 587);

            migrationBuilder.AddColumn<int>(
                name: "EmailTls",
                table: "Tenants",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EmailUserName",
                table: "Tenants",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "GuestEmailSubject",
                table: "Tenants",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "Your video visit invitation from {organization}");

            migrationBuilder.AddColumn<string>(
                name: "GuestEmailTemplate",
                table: "Tenants",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            // Tenants saved before guests existed get the default invitation (its line breaks cannot be a SQLite column default).
            migrationBuilder.Sql("UPDATE \"Tenants\" SET \"GuestEmailTemplate\" = '" + DefaultEmailTemplate.Replace("'", "''") + "';");

            migrationBuilder.AddColumn<int>(
                name: "GuestRoles",
                table: "Tenants",
                type: "integer",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.AddColumn<string>(
                name: "GuestSmsTemplate",
                table: "Tenants",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                defaultValue: "{organization} invites you to a video visit as {role}. Join here: {link} Reply STOP to opt out.");

            migrationBuilder.AddColumn<bool>(
                name: "GuestsEnabled",
                table: "Tenants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "GuestsPerVisit",
                table: "Tenants",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<string>(
                name: "SmtpPasswordProtected",
                table: "Tenants",
                type: "character varying(32768)",
                maxLength: 32768,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailFromAddress",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "EmailFromName",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "EmailHost",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "EmailOwnServer",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "EmailPort",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "EmailTls",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "EmailUserName",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "GuestEmailSubject",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "GuestEmailTemplate",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "GuestRoles",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "GuestSmsTemplate",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "GuestsEnabled",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "GuestsPerVisit",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "SmtpPasswordProtected",
                table: "Tenants");
        }
    }
}
