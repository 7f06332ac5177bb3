using EpicZoom.Application.Common.Behaviours;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Tenants.CreateTenant;
using EpicZoom.Application.Tenants.GetJwks;
using EpicZoom.Application.Tests.Support;
using MediatR;
using NSubstitute;

namespace EpicZoom.Application.Tests.Common;

[Authorize(Roles = "Auditor, Administrator")]
public sealed record AuditorOrAdminProbeQuery : IRequest<int>;

[Authorize]
public sealed record SignedInProbeQuery : IRequest<int>;

public class AuthorizationBehaviourTests
{
    private int nextCalls;
    private readonly IAccessAudit audit = Substitute.For<IAccessAudit>();

    private static ICurrentUser UserWith(string? name, params string[] roles)
    {
        var user = Substitute.For<ICurrentUser>();
        user.UserName.Returns(name);
        user.IsInRole(Arg.Any<string>()).Returns(call => roles.Contains(call.Arg<string>()));
        return user;
    }

    private Task<int> Run<TRequest>(TRequest request, ICurrentUser user) =>
        new AuthorizationBehaviour<TRequest, int>(user, audit).Handle(request, CancellationToken.None, () =>
        {
            nextCalls++;
            return Task.FromResult(42);
        });

    private static CreateTenantCommand AdminCommand => new(Inputs.Valid());

    [Fact]
    public async Task Handle_WhenAnonymousCallerSendsAnAdminRequest_IsForbiddenAndGoesNoFurther()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Run(AdminCommand, UserWith(null)));

        Assert.Equal(0, nextCalls);
    }

    [Fact]
    public async Task Handle_WhenSignedInUserLacksTheRole_IsForbidden()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Run(AdminCommand, UserWith("mallory", "Auditor")));

        Assert.Equal(0, nextCalls);
        await audit.Received(1).RecordDeniedAsync("mallory", nameof(CreateTenantCommand), "needs Administrator", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenAnonymousCallerIsRefused_WritesNoAuditEntry()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Run(AdminCommand, UserWith(null)));

        await audit.DidNotReceiveWithAnyArgs().RecordDeniedAsync(default!, default!, default!, default);
    }

    [Theory]
    [InlineData(AppRoles.HelpDesk)]
    [InlineData(AppRoles.Auditor)]
    [InlineData(AppRoles.LegacyAdmin)]
    public async Task Handle_WhenATenantIsCreatedByAnyoneButAnAdministrator_IsForbidden(string role)
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Run(AdminCommand, UserWith("someone", role)));
        Assert.Equal(0, nextCalls);
    }

    [Theory]
    [InlineData(AppRoles.Administrator, true)]
    [InlineData(AppRoles.HelpDesk, true)]
    [InlineData(AppRoles.Auditor, false)]
    public async Task Handle_ReplayingAReport_IsForAdministratorsAndHelpDeskOnly(string role, bool allowed)
    {
        var replay = new Application.Notifications.ReplayNotification.ReplayNotificationCommand(Guid.NewGuid());
        if (allowed) Assert.Equal(42, await Run(replay, UserWith("someone", role)));
        else await Assert.ThrowsAsync<ForbiddenAccessException>(() => Run(replay, UserWith("someone", role)));
    }

    [Fact]
    public async Task Handle_WhenUserIsAdmin_PassesTheRequestOn()
    {
        Assert.Equal(42, await Run(AdminCommand, UserWith("alice", AppRoles.Administrator)));
        Assert.Equal(1, nextCalls);
    }

    [Fact]
    public async Task Handle_WhenRequestHasNoAuthorizeAttribute_LetsAnonymousCallersThrough()
    {
        Assert.Equal(42, await Run(new GetJwksQuery("acme-health"), UserWith(null)));
        Assert.Equal(1, nextCalls);
    }

    [Theory]
    [InlineData("Auditor")]
    [InlineData("Administrator")]
    public async Task Handle_WhenAttributeListsSeveralRoles_AcceptsAnyOfThem(string role)
    {
        Assert.Equal(42, await Run(new AuditorOrAdminProbeQuery(), UserWith("dave", role)));
    }

    [Fact]
    public async Task Handle_WhenAttributeHasNoRoles_AcceptsAnySignedInUserButNoAnonymousOne()
    {
        Assert.Equal(42, await Run(new SignedInProbeQuery(), UserWith("erin")));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Run(new SignedInProbeQuery(), UserWith(null)));
    }

    [Fact]
    public void EveryApplicationRequestNamesItsPortalRoles_ExceptWhatEpicZoomAndPatientsReachWithoutSigningIn()
    {
        // Public on purpose: the JWKS Epic fetches, the launch steps Epic drives, the signed patient links;
        // and background jobs, which no endpoint maps.
        var expected = new[]
        {
            typeof(GetJwksQuery), typeof(Application.Launch.BeginLaunch.BeginLaunchCommand), typeof(Application.Launch.CompleteLaunch.CompleteLaunchCommand),
            typeof(Application.Visits.GetWaitingStatus.GetWaitingStatusQuery), typeof(Application.Visits.GetVisitPage.GetVisitPageQuery),
            typeof(Application.DeviceTests.SubmitDeviceTestResult.SubmitDeviceTestResultCommand),
            typeof(Application.ZoomAccounts.RemoveExpiredPatientAccounts.RemoveExpiredPatientAccountsCommand),
            typeof(Application.Webhooks.ReceiveZoomWebhook.ReceiveZoomWebhookCommand), // Zoom calls it; the signature is its authentication
            typeof(Application.Webhooks.ProcessWebhookEvents.ProcessWebhookEventsCommand),
            typeof(Application.Notifications.DispatchNotifications.DispatchNotificationsCommand),
            // The monitoring worker's rounds: queue figures for the gauges, and the tenants' reachability probe.
            typeof(Application.Monitoring.RefreshQueueFigures.RefreshQueueFiguresCommand),
            typeof(Application.Monitoring.CheckTenantReachability.CheckTenantReachabilityCommand),
            // The clinician's texting form (its signed pass is the authorisation), the texted link, the SMS provider's signed callbacks.
            typeof(Application.Sms.SendVisitLink.SendVisitLinkBySmsCommand), typeof(Application.Sms.GetTextPatientPanel.GetTextPatientPanelQuery),
            typeof(Application.Sms.OpenPatientLink.OpenPatientLinkCommand), typeof(Application.Sms.ReceiveSmsWebhook.ReceiveSmsWebhookCommand),
            // The clinician's guest panel: its signed pass is the authorisation, as for texting.
            typeof(Application.Guests.GetGuestPanel.GetGuestPanelQuery), typeof(Application.Guests.InviteGuest.InviteGuestCommand),
            typeof(Application.Guests.ResendGuestInvite.ResendGuestInviteCommand), typeof(Application.Guests.RevokeGuestInvite.RevokeGuestInviteCommand),
            // Sign-in is audited before anyone is signed in (the sign-in endpoints send it; no endpoint maps it).
            typeof(Application.Audit.RecordAccountEvent.RecordAccountEventCommand),
        };
        var requests = typeof(CreateTenantCommand).Assembly.GetTypes().Where(t => typeof(IBaseRequest).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        // Each role set a request may name, and nothing else (not the bare "signed in", not the old "Admin").
        string[] sets = [AppRoles.Administrator, AppRoles.Operators, AppRoles.Overseers, AppRoles.Everyone];
        var open = requests.Where(t => !t.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true)
            .Cast<AuthorizeAttribute>().Any(a => sets.Contains(a.Roles)));

        Assert.True(requests.Count >= 8, $"found only {requests.Count} requests");
        Assert.Equal(expected.Select(t => t.FullName).Order(), open.Select(t => t.FullName).Order());
    }
}
