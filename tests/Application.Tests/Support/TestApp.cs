using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.CreateTenant;
using EpicZoom.Domain.Audit;
using EpicZoom.Domain.Tenants;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace EpicZoom.Application.Tests.Support;

/// <summary>
/// The Application layer as the host composes it: the real MediatR pipeline, validators and handlers over a real
/// SQLite database, with the outside world (secret protection, the signed-in user, org_id generation, URLs) substituted.
/// Each <see cref="Send{T}"/> runs in its own scope, like one HTTP request.
/// </summary>
internal sealed class TestApp : IDisposable
{
    public const string PublicBaseUrl = "https://ez.example.org";

    private readonly ServiceProvider provider;

    public TestApp(ISigningKeyService? keys = null, Application.Common.Interfaces.External.IEpicTelehealthApi? telehealth = null,
        Application.Notifications.Common.NotificationSettings? notificationSettings = null,
        Application.Visits.GetWaitingStatus.WaitingRoomSettings? waitingRoom = null)
    {
        User.UserName.Returns("alice");
        User.IsInRole(Arg.Any<string>()).Returns(call => call.Arg<string>() == EpicZoom.Application.Common.Security.AppRoles.Administrator);
        Protector.Protect(Arg.Any<string>()).Returns(call => Protected(call.Arg<string>()));
        OrgIds.NewOrgId().Returns("generated-org");
        Urls.PublicBaseUrl.Returns(PublicBaseUrl);

        var services = new ServiceCollection();
        services.AddApplication();
        if (notificationSettings is not null) services.AddSingleton(notificationSettings);
        if (waitingRoom is not null) services.AddSingleton(waitingRoom);
        // As the host does: commits that mark a visit's host joined or end it wake its waiting pages.
        services.AddSingleton<VisitChangeInterceptor>();
        services.AddDbContext<SqliteAppDbContext>((sp, o) => o.UseSqlite(Db.ConnectionString).AddInterceptors(sp.GetRequiredService<VisitChangeInterceptor>()));
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Protector);
        services.AddSingleton(User);
        services.AddSingleton(Substitute.For<IAccessAudit>());
        services.AddSingleton(Substitute.For<ILocalAccounts>());
        services.AddSingleton(OrgIds);
        services.AddSingleton(Urls);
        services.AddSingleton(Zoom);
        services.AddSingleton(Smart);
        services.AddSingleton(Fhir);
        services.AddSingleton(Passes);
        services.AddSingleton(Tokens);
        services.AddSingleton(Links);
        services.AddSingleton(Sms);
        services.AddSingleton(Email);
        services.AddSingleton(EmailServer);
        services.AddSingleton(telehealth ?? Substitute.For<Application.Common.Interfaces.External.IEpicTelehealthApi>());
        services.AddSingleton(Substitute.For<Application.Common.Interfaces.External.IConnectionFailureClassifier>());
        services.AddSingleton(Substitute.For<IWorkSignal>());
        services.AddSingleton(Substitute.For<IWebhookBodyCipher>());
        services.AddSingleton(Substitute.For<IWebhookInbox>());
        services.AddSingleton(AlertWebhook);
        services.AddSingleton(keys ?? SigningKeys.CreateReal(Clock));
        services.AddLogging(b => b.AddProvider(Logs));
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public SqliteDb Db { get; } = new();
    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero));
    public ISecretProtector Protector { get; } = Substitute.For<ISecretProtector>();
    public ICurrentUser User { get; } = Substitute.For<ICurrentUser>();
    public IOrgIdGenerator OrgIds { get; } = Substitute.For<IOrgIdGenerator>();
    public IAppUrls Urls { get; } = Substitute.For<IAppUrls>();
    public Application.Common.Interfaces.External.IZoomApi Zoom { get; } = Substitute.For<Application.Common.Interfaces.External.IZoomApi>();
    public Application.Common.Interfaces.External.IEpicSmartClient Smart { get; } = Substitute.For<Application.Common.Interfaces.External.IEpicSmartClient>();
    public Application.Common.Interfaces.External.IEpicFhirApi Fhir { get; } = Substitute.For<Application.Common.Interfaces.External.IEpicFhirApi>();
    public IVisitPasses Passes { get; } = Substitute.For<IVisitPasses>();
    public IRandomTokens Tokens { get; } = Substitute.For<IRandomTokens>();
    public ILinkSigner Links { get; } = Substitute.For<ILinkSigner>();
    public Application.Common.Interfaces.External.ISmsGateway Sms { get; } = Substitute.For<Application.Common.Interfaces.External.ISmsGateway>();
    public Application.Common.Interfaces.External.IEmailGateway Email { get; } = Substitute.For<Application.Common.Interfaces.External.IEmailGateway>();

    /// <summary>The installation's SMTP server: none, unless a test says otherwise.</summary>
    public Application.Common.Interfaces.External.IEmailServerSettings EmailServer { get; } = Substitute.For<Application.Common.Interfaces.External.IEmailServerSettings>();
    public CapturingLoggerProvider Logs { get; } = new();
    public Application.Common.Interfaces.External.IAlertWebhook AlertWebhook { get; } = Substitute.For<Application.Common.Interfaces.External.IAlertWebhook>();

    /// <summary>What the substitute protector stores for a plaintext: recognisable, but never the plaintext itself.</summary>
    public static string Protected(string plaintext) => "enc:" + new string(plaintext.Reverse().ToArray());

    public async Task<T> Send<T>(IRequest<T> request)
    {
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Runs <paramref name="work"/> with services of a fresh scope (for calling a handler directly).</summary>
    public async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = provider.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<CreatedTenantDto> CreateTenant(TenantInput? input = null) =>
        await Send(new CreateTenantCommand(input ?? Inputs.Valid()));

    public Tenant StoredTenant(Guid id)
    {
        var tenantId = new TenantId(id);
        using var db = Db.NewContext();
        return db.Tenants.AsNoTracking().Single(t => t.Id == tenantId);
    }

    public List<Tenant> StoredTenants()
    {
        using var db = Db.NewContext();
        return db.Tenants.AsNoTracking().ToList();
    }

    public List<AuditEntry> StoredAudit()
    {
        using var db = Db.NewContext();
        return db.AuditEntries.AsNoTracking().ToList();
    }

    public void Dispose()
    {
        provider.Dispose();
        Db.Dispose();
    }
}
