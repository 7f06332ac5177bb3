using System.Net;
using System.Text;
using EpicZoom.Application.Tenants.DeleteTenant;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Tenants;
using EpicZoom.Web.Tests.Launch;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// One odd event, one misconfigured tenant or two tenants on one Zoom app must not stop or misroute everybody's
/// status reports. These tests bend shared state (a stored event, the sandbox tenant's secrets, a second tenant on
/// the sandbox's Zoom account), so they have an app of their own and undo what they did.
/// </summary>
public sealed class WebhookPipelineRobustnessTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    /// <summary>
    /// A validly signed event whose event_ts is beyond DateTimeOffset's range (and no other time) is stored; processing it
    /// must at worst mark it failed ("retry a few times, then leave it visible"), not stop the events behind it.
    /// </summary>
    [Fact]
    public async Task AnEventWhoseTimeIsOutOfRange_DoesNotStopTheEventsBehindIt()
    {
        var poison = Encoding.UTF8.GetBytes("""{"event":"meeting.started","event_ts":253402300800000,"payload":{"account_id":"sandbox-account","object":{"id":"1"}}}""");
        try
        {
            Assert.Equal(HttpStatusCode.NoContent, (await sandbox.PostSignedAsync(poison)).StatusCode);
            var visit = await sandbox.LaunchVisitAsync();
            var join = WebhookTestKit.MeetingEvent("meeting.participant_joined", visit.MeetingId, visit.HostZoomUserId);
            Assert.Equal(HttpStatusCode.NoContent, (await sandbox.PostSignedAsync(join)).StatusCode);

            await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
                r => r.Count == 1 && r[0].Status == NotificationStatus.Delivered, "the later join reported", TimeSpan.FromSeconds(20));
            var hash = WebhookTestKit.BodyHash(poison);
            var odd = await sandbox.DbAsync(db => db.WebhookEvents.AsNoTracking().SingleAsync(e => e.BodyHash == hash));
            Assert.True(odd.ProcessedAtUtc is not null || odd.ProcessingAttempts > 0, "the odd event is left visible, not silently retried forever");
        }
        finally
        {
            var hash = WebhookTestKit.BodyHash(poison);
            await sandbox.DbAsync(db => db.WebhookEvents.Where(e => e.BodyHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAtUtc, DateTime.UtcNow)));
        }
    }

    /// <summary>
    /// DispatchNotificationsCommandHandler.SafeEpicClient says of a tenant without Epic client auth: "each attempt fails visibly
    /// (status 0) until an admin fixes it". So a report for it gets an attempt with RespCode 0 and a reason, and is not left leased.
    /// </summary>
    [Fact]
    public async Task ATenantWithoutEpicClientAuth_GetsFailedAttemptsRecorded_NotAStuckBatch()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var (secret, key) = await sandbox.DbAsync(async db =>
        {
            var t = await db.Tenants.AsNoTracking().SingleAsync(t => t.OrgId == "sandbox");
            return (t.EpicClientSecretProtected, t.EpicPrivateKeyProtected);
        });
        await SetSandboxEpicAuthAsync(null, null);
        try
        {
            await sandbox.JoinAsync(visit.MeetingId, visit.HostZoomUserId, asHost: true);

            var records = await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
                r => r.Count == 1 && r[0].AttemptCount >= 1 && r[0].LeaseOwner is null, "a failed attempt recorded", TimeSpan.FromSeconds(10));
            var attempt = records[0].Attempts.OrderBy(a => a.Number).First();
            Assert.Equal(0, attempt.RespCode);
            Assert.False(string.IsNullOrWhiteSpace(attempt.ResponseExcerpt));
            Assert.Equal(NotificationStatus.Pending, records[0].Status);
        }
        finally
        {
            await SetSandboxEpicAuthAsync(secret, key);
            await sandbox.DbAsync(db => db.NotificationRecords.Where(r => r.Csn == visit.Csn)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseExpiresAtUtc, (DateTime?)null)));
        }
        await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
            r => r.Count == 1 && r[0].Status == NotificationStatus.Delivered, "delivered once the admin fixed the tenant",
            between: () => sandbox.MakeRetriesDueAsync(visit.Csn));
    }

    /// <summary>
    /// Two tenants (say an Epic test and a production environment) on one Zoom account and one Zoom app share the app's
    /// webhook secret: either tenant's signature check passes for every event. Each visit's joins must still reach its own tenant.
    /// </summary>
    [Fact]
    public async Task TwoTenantsSharingAZoomAccountAndSecret_EachGetTheirOwnVisitsReported()
    {
        var (otherId, otherOrg) = await sandbox.CreateTenantAsync(_ => { });
        try
        {
            var ours = await sandbox.LaunchVisitAsync();
            var theirs = await sandbox.LaunchVisitAsync($"&org_id={otherOrg}", $"&org_id={otherOrg}");
            Assert.Equal(otherId, (await sandbox.DbAsync(db => db.VideoVisits.AsNoTracking().SingleAsync(v => v.Csn == theirs.Csn))).TenantId.Value);

            await sandbox.JoinAsync(ours.MeetingId, ours.HostZoomUserId, asHost: true);
            await sandbox.JoinAsync(theirs.MeetingId, theirs.HostZoomUserId, asHost: true);

            foreach (var visit in new[] { ours, theirs })
            {
                await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn),
                    r => r.Count == 1 && r[0].Status == NotificationStatus.Delivered, $"the join in visit {visit.Csn} reported", TimeSpan.FromSeconds(15));
            }
        }
        finally
        {
            await sandbox.SendAsAdminAsync(new DeleteTenantCommand(otherId));
        }
    }

    private Task<int> SetSandboxEpicAuthAsync(string? secret, string? key) =>
        sandbox.DbAsync(db => db.Tenants.Where(t => t.OrgId == "sandbox")
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.EpicClientSecretProtected, secret).SetProperty(t => t.EpicPrivateKeyProtected, key)));
}
