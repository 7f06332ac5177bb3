using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EpicZoom.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    MustChangePassword = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LaunchRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: true),
                    LaunchType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Csn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DurationMs = table.Column<int>(type: "integer", nullable: false),
                    UpstreamMs = table.Column<int>(type: "integer", nullable: false),
                    UpstreamCalls = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LaunchRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tenants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Environment = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AdmittancePolicy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ZoomSettingsWarning = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ZoomSettingsWarningAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ZoomClientSecretProtected = table.Column<string>(type: "character varying(32768)", maxLength: 32768, nullable: true),
                    ZoomWebhookSecretTokenProtected = table.Column<string>(type: "character varying(32768)", maxLength: 32768, nullable: true),
                    EpicClientSecretProtected = table.Column<string>(type: "character varying(32768)", maxLength: 32768, nullable: true),
                    EpicPrivateKeyProtected = table.Column<string>(type: "character varying(32768)", maxLength: 32768, nullable: true),
                    TelehealthBasicPasswordProtected = table.Column<string>(type: "character varying(32768)", maxLength: 32768, nullable: true),
                    SmsAuthTokenProtected = table.Column<string>(type: "character varying(32768)", maxLength: 32768, nullable: true),
                    DeviceTestEndpointUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    DeviceTestProviderHelpUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    EpicClientId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EpicDeviceTestReportPath = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    EpicFhirBaseUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    EpicOAuthBaseUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    EpicTelehealthAuthMode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EpicTelehealthBaseUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    EpicTelehealthBasicUser = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EpicVendorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EpicConnectedCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EpicDisconnectedCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EpicPatientIdTypeCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EpicProviderIdTypeCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SigningKeyCreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SigningKeyImported = table.Column<bool>(type: "boolean", nullable: true),
                    SigningKeyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SigningPublicJwk = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    SmsAccountSid = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, defaultValue: ""),
                    SmsApiBaseUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false, defaultValue: "https://api.twilio.com"),
                    SmsEnabled = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    SmsFromNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    SmsMessageTemplate = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false, defaultValue: "Your video visit is ready. Join here: {link} Reply STOP to opt out."),
                    ZoomAccountId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ZoomApiBaseUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    ZoomClientId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ZoomOAuthBaseUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    ZoomProviderUserType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ZoomUserEmailDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tenants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LaunchSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StateHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    LaunchType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CodeVerifierProtected = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    QueryContextProtected = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConsumedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LaunchSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LaunchSessions_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Csn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ZoomMeetingId = table.Column<long>(type: "bigint", nullable: true),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ExternalIdType = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StatusCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReplayedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Payload = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AttemptCount = table.Column<int>(type: "integer", nullable: false),
                    LastRespCode = table.Column<int>(type: "integer", nullable: true),
                    LastAttemptAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeliveredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotificationRecords_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SmsOptOuts",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    NumberHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NumberMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OptedOutAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsOptOuts", x => new { x.TenantId, x.NumberHash });
                    table.ForeignKey(
                        name: "FK_SmsOptOuts_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VideoVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Csn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ZoomMeetingId = table.Column<long>(type: "bigint", nullable: true),
                    ZoomMeetingUuid = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    HostZoomUserId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    HostEpicId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    JoinUrlProtected = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    MeetingPasswordProtected = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    MeetingCreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MeetingClaim = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    MeetingClaimExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HostJoinedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SettingsWarning = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoVisits_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BodyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BodyProtected = table.Column<string>(type: "text", nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ProcessingAttempts = table.Column<int>(type: "integer", nullable: false),
                    ProcessingNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookEvents_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ZoomAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EpicId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ZoomUserId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    CreatedByEpicZoom = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeleteAfterUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZoomAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ZoomAccounts_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationAttempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NotificationRecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    RespCode = table.Column<int>(type: "integer", nullable: false),
                    DurationMs = table.Column<int>(type: "integer", nullable: false),
                    ResponseExcerpt = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    AttemptedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotificationAttempts_NotificationRecords_NotificationRecord~",
                        column: x => x.NotificationRecordId,
                        principalTable: "NotificationRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeviceTestResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Csn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EpicId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CameraWorks = table.Column<bool>(type: "boolean", nullable: false),
                    MicrophoneWorks = table.Column<bool>(type: "boolean", nullable: false),
                    SpeakerWorks = table.Column<bool>(type: "boolean", nullable: false),
                    TestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceTestResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceTestResults_VideoVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "VideoVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PatientLinks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenCount = table.Column<int>(type: "integer", nullable: false),
                    LastOpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatientLinks_VideoVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "VideoVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SmsMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ToMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ToHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ToProtected = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SentBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProviderMessageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HttpStatus = table.Column<int>(type: "integer", nullable: true),
                    ErrorCode = table.Column<int>(type: "integer", nullable: true),
                    Detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SmsMessages_VideoVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "VideoVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisitParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpicId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ZoomUserId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IsHost = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FirstLaunchedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StateChangedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitParticipants_VideoVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "VideoVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AtUtc",
                table: "AuditEntries",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceTestResults_TestedAtUtc",
                table: "DeviceTestResults",
                column: "TestedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceTestResults_VisitId",
                table: "DeviceTestResults",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_LaunchRecords_AtUtc",
                table: "LaunchRecords",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_LaunchSessions_ExpiresAtUtc",
                table: "LaunchSessions",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_LaunchSessions_StateHash",
                table: "LaunchSessions",
                column: "StateHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LaunchSessions_TenantId",
                table: "LaunchSessions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationAttempts_NotificationRecordId",
                table: "NotificationAttempts",
                column: "NotificationRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_Csn",
                table: "NotificationRecords",
                column: "Csn");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_ExternalId_OccurredAtUtc",
                table: "NotificationRecords",
                columns: new[] { "ExternalId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_LastRespCode_OccurredAtUtc",
                table: "NotificationRecords",
                columns: new[] { "LastRespCode", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_OccurredAtUtc",
                table: "NotificationRecords",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_ParticipantId_Sequence",
                table: "NotificationRecords",
                columns: new[] { "ParticipantId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_Status_NextAttemptAtUtc",
                table: "NotificationRecords",
                columns: new[] { "Status", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_Status_OccurredAtUtc",
                table: "NotificationRecords",
                columns: new[] { "Status", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_TenantId",
                table: "NotificationRecords",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRecords_ZoomMeetingId",
                table: "NotificationRecords",
                column: "ZoomMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_PatientLinks_VisitId_ParticipantId",
                table: "PatientLinks",
                columns: new[] { "VisitId", "ParticipantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_ProviderMessageId",
                table: "SmsMessages",
                column: "ProviderMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_TenantId_ToHash_CreatedAtUtc",
                table: "SmsMessages",
                columns: new[] { "TenantId", "ToHash", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessages_VisitId_CreatedAtUtc",
                table: "SmsMessages",
                columns: new[] { "VisitId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_OrgId",
                table: "Tenants",
                column: "OrgId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VideoVisits_TenantId_Csn",
                table: "VideoVisits",
                columns: new[] { "TenantId", "Csn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VideoVisits_ZoomMeetingId",
                table: "VideoVisits",
                column: "ZoomMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitParticipants_VisitId_EpicId_Role",
                table: "VisitParticipants",
                columns: new[] { "VisitId", "EpicId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisitParticipants_ZoomUserId",
                table: "VisitParticipants",
                column: "ZoomUserId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_ProcessedAtUtc_ReceivedAtUtc",
                table: "WebhookEvents",
                columns: new[] { "ProcessedAtUtc", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEvents_TenantId_BodyHash",
                table: "WebhookEvents",
                columns: new[] { "TenantId", "BodyHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ZoomAccounts_DeleteAfterUtc",
                table: "ZoomAccounts",
                column: "DeleteAfterUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ZoomAccounts_TenantId_Kind_EpicId_ZoomUserId",
                table: "ZoomAccounts",
                columns: new[] { "TenantId", "Kind", "EpicId", "ZoomUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ZoomAccounts_ZoomUserId",
                table: "ZoomAccounts",
                column: "ZoomUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "DeviceTestResults");

            migrationBuilder.DropTable(
                name: "LaunchRecords");

            migrationBuilder.DropTable(
                name: "LaunchSessions");

            migrationBuilder.DropTable(
                name: "NotificationAttempts");

            migrationBuilder.DropTable(
                name: "PatientLinks");

            migrationBuilder.DropTable(
                name: "SmsMessages");

            migrationBuilder.DropTable(
                name: "SmsOptOuts");

            migrationBuilder.DropTable(
                name: "VisitParticipants");

            migrationBuilder.DropTable(
                name: "WebhookEvents");

            migrationBuilder.DropTable(
                name: "ZoomAccounts");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "NotificationRecords");

            migrationBuilder.DropTable(
                name: "VideoVisits");

            migrationBuilder.DropTable(
                name: "Tenants");
        }
    }
}
