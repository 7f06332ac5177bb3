using EpicZoom.Application.Common.Exceptions;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.Common;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using MediatR;
using Microsoft.EntityFrameworkCore;
using System.Buffers.Text;

namespace EpicZoom.Application.Launch.BeginLaunch;

/// <summary>
/// Epic opened an FDI record: /epicfhir/{type}?org_id&amp;iss&amp;launch. Check the tenant and issuer, remember the
/// launch server-side under a single-use state, and send the browser to Epic's authorize endpoint (PKCE S256).
/// </summary>
public sealed record BeginLaunchCommand(
    string? OrgId, string LaunchTypeSegment, string? Iss, string? Launch, IReadOnlyDictionary<string, string> QueryContext) : IRequest<BeginLaunchResult>;

public sealed record BeginLaunchResult(string AuthorizeUrl, Guid TenantId);

internal sealed class BeginLaunchCommandHandler(
    IAppDbContext db, IEpicSmartClient smart, TenantConnections connections, ISecretProtector protector, IRandomTokens tokens,
    IAppUrls urls, TimeProvider clock, LaunchAudit audit) : IRequestHandler<BeginLaunchCommand, BeginLaunchResult>
{
    public const int MaxLaunchTokenLength = 4096;

    public Task<BeginLaunchResult> Handle(BeginLaunchCommand request, CancellationToken cancellationToken) =>
        audit.RunAsync("begin", null, null, progress => BeginAsync(request, progress, cancellationToken), cancellationToken);

    private async Task<BeginLaunchResult> BeginAsync(BeginLaunchCommand request, LaunchProgress progress, CancellationToken cancellationToken)
    {
        if (!LaunchTypes.TryParsePathSegment(request.LaunchTypeSegment, out var type))
            throw new AppException(LaunchErrors.InvalidRequest, "unknown launch type");
        progress.Type = type;
        if (string.IsNullOrWhiteSpace(request.OrgId) || !OrgId.IsValid(request.OrgId.Trim()))
            throw new AppException(LaunchErrors.UnknownOrganisation, "org_id missing or malformed");
        var orgId = OrgId.Normalize(request.OrgId);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.OrgId == orgId, cancellationToken)
            ?? throw new AppException(LaunchErrors.UnknownOrganisation, "no tenant with this org_id");
        progress.TenantId = tenant.Id;

        // Phishing guard: only the Epic instance the tenant registered may start a launch.
        if (string.IsNullOrWhiteSpace(request.Iss) || request.Iss.Length > HttpUrl.MaxLength ||
            !string.Equals(HttpUrl.Normalize(request.Iss), tenant.Epic.FhirBaseUrl, StringComparison.OrdinalIgnoreCase))
            throw new AppException(LaunchErrors.IssuerMismatch, "iss differs from the tenant's FHIR base URL");
        if (string.IsNullOrWhiteSpace(request.Launch)) throw new AppException(LaunchErrors.MissingLaunchToken);
        if (request.Launch.Length > MaxLaunchTokenLength) throw new AppException(LaunchErrors.InvalidRequest, "launch token too long");
        if (request.QueryContext.Values.Any(v => v.Length > LaunchContext.MaxValueLength))
            throw new AppException(LaunchErrors.InvalidRequest, "context value too long");

        var epic = connections.Epic(tenant);
        SmartEndpoints endpoints;
        try
        {
            endpoints = await smart.GetEndpointsAsync(epic, cancellationToken);
        }
        catch (EpicUnavailableException ex)
        {
            throw new AppException(LaunchErrors.EpicUnavailable, "SMART discovery failed", ex);
        }

        var state = tokens.NewToken(32);
        var verifier = tokens.NewToken(32);
        var now = clock.GetUtcNow().UtcDateTime;
        var context = request.QueryContext.Where(kv => LaunchContext.Keys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        db.LaunchSessions.Add(LaunchSession.Begin(StateHash(state), tenant.Id, type, protector.Protect(verifier),
            protector.Protect(JsonSerializer.Serialize(context)), now));
        // Nothing below can fail: the step's record goes into this commit.
        audit.RecordSuccessWithNextSave(progress);
        await db.SaveChangesAsync(cancellationToken);

        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = tenant.Epic.ClientId,
            ["redirect_uri"] = RedirectUri(urls),
            // launch openid fhirUser and the reads (tenant setting, SMART v2 by default); Epic may grant fewer.
            ["scope"] = tenant.Smart.LaunchScopes,
            ["launch"] = request.Launch,
            ["aud"] = tenant.Epic.FhirBaseUrl,
            ["state"] = state,
            ["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        var separator = endpoints.AuthorizeUrl.Contains('?') ? '&' : '?';
        var authorize = endpoints.AuthorizeUrl + separator + string.Join('&', query.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
        return new BeginLaunchResult(authorize, tenant.Id.Value);
    }

    public static string RedirectUri(IAppUrls urls) => $"{urls.PublicBaseUrl}/epicfhir/callback";

    /// <summary>The state itself is never stored: a database reader cannot complete someone else's launch.</summary>
    public static string StateHash(string state) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
}
