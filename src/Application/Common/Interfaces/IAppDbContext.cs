using EpicZoom.Domain.Guests;
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
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Common.Interfaces;

public interface IAppDbContext
{
    DbSet<Tenant> Tenants { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<LaunchSession> LaunchSessions { get; }
    DbSet<LaunchRecord> LaunchRecords { get; }
    DbSet<VideoVisit> VideoVisits { get; }
    DbSet<ZoomAccount> ZoomAccounts { get; }
    DbSet<DeviceTestResult> DeviceTestResults { get; }
    DbSet<ZoomWebhookEvent> WebhookEvents { get; }
    DbSet<NotificationRecord> NotificationRecords { get; }
    DbSet<SmsMessage> SmsMessages { get; }
    DbSet<SmsOptOut> SmsOptOuts { get; }
    DbSet<PatientLink> PatientLinks { get; }
    DbSet<GuestInvite> GuestInvites { get; }
    DbSet<AlertSettings> AlertSettings { get; }
    DbSet<SentAlert> SentAlerts { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets tracked entities, e.g. after losing an insert race, so the winner's row can be read.</summary>
    void DiscardChanges();
}
