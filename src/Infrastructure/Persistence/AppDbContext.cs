using EpicZoom.Domain.Guests;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Alerts;
using EpicZoom.Domain.Audit;
using EpicZoom.Domain.DeviceTests;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Sms;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;
using EpicZoom.Domain.Webhooks;
using EpicZoom.Domain.ZoomAccounts;
using EpicZoom.Infrastructure.Identity;
using EpicZoom.Infrastructure.Persistence.Configurations;
using EpicZoom.Infrastructure.Persistence.Configurations.Notifications;
using EpicZoom.Infrastructure.Persistence.Configurations.Webhooks;
using EpicZoom.Infrastructure.Persistence.Conventions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EpicZoom.Infrastructure.Persistence;

/// <summary>
/// The one DbContext. Each database provider has a subclass only so that each can own its migration set
/// (EF's documented way to keep migrations per provider); the model is the same. With PostgreSQL or SQL Server it also
/// holds the Data Protection key ring (DataProtectionKeys), so every instance on one database shares it.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AdminUser>(options), IAppDbContext, IDataProtectionKeyContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<LaunchSession> LaunchSessions => Set<LaunchSession>();
    public DbSet<LaunchRecord> LaunchRecords => Set<LaunchRecord>();
    public DbSet<VideoVisit> VideoVisits => Set<VideoVisit>();
    public DbSet<VisitParticipant> VisitParticipants => Set<VisitParticipant>();
    public DbSet<ZoomAccount> ZoomAccounts => Set<ZoomAccount>();
    public DbSet<DeviceTestResult> DeviceTestResults => Set<DeviceTestResult>();
    public DbSet<ZoomWebhookEvent> WebhookEvents => Set<ZoomWebhookEvent>();
    public DbSet<NotificationRecord> NotificationRecords => Set<NotificationRecord>();
    public DbSet<SmsMessage> SmsMessages => Set<SmsMessage>();
    public DbSet<SmsOptOut> SmsOptOuts => Set<SmsOptOut>();
    public DbSet<PatientLink> PatientLinks => Set<PatientLink>();
    public DbSet<GuestInvite> GuestInvites => Set<GuestInvite>();
    public DbSet<AlertSettings> AlertSettings => Set<AlertSettings>();
    public DbSet<SentAlert> SentAlerts => Set<SentAlert>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The provider this context's migrations are written for.</summary>
    public abstract DatabaseProvider Provider { get; }

    public void DiscardChanges() => ChangeTracker.Clear();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // These write provider SQL (partial indexes' predicates), so they are not IEntityTypeConfiguration: the scan
        // above would find them, fail to construct them and log a warning at every start.
        var sql = new PartialIndexes(Provider);
        new ZoomWebhookEventConfiguration(sql).Configure(builder.Entity<ZoomWebhookEvent>());
        new NotificationRecordConfiguration(sql).Configure(builder.Entity<NotificationRecord>());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite forgets the Kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        TypedIds.StoreAsGuids(configurationBuilder);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
