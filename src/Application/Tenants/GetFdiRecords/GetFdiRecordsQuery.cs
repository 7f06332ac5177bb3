using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Launch;
using EpicZoom.Domain.Tenants;
using EpicZoom.Application.Common.Validation;
using EpicZoom.Application.Launch.BeginLaunch;
using EpicZoom.Application.Sms.Common;
using EpicZoom.Application.Tenants.GetJwks;
using EpicZoom.Application.Webhooks.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tenants.GetFdiRecords;

/// <summary>
/// The FDI record values to paste into Epic, one per launch type. Site-specific values the admin chooses on the
/// page (Zoom account use, redirect, id type, LPP id, room) are filled in; left empty they stay as &lt;placeholders&gt;.
/// </summary>
[Authorize(Roles = AppRoles.Everyone)]
public sealed record GetFdiRecordsQuery(Guid TenantId, FdiOptions? Options = null) : IRequest<FdiRecordsDto>;

public sealed record FdiOptions(
    bool UseProviderZoomAccount = false,
    bool NoRedirect = false,
    string? ProviderIdTypeValue = null,
    string? EncounterProviderLppId = null,
    string? RoomName = null,
    string? RoomDisplay = null);

public sealed record FdiRecordsDto(
    string TenantName, string OrgId, EpicEnvironment Environment, string EpicClientId, IReadOnlyList<FdiRecordDto> Records,
    IReadOnlyList<RegistrationValueDto> Registration)
{
    /// <summary>
    /// The group-visit variants: the same records with <c>%CONFERENCEID%</c> (one id shared by every patient of the group
    /// visit) in place of <c>%CSN%</c> (each patient's own encounter), so all participants land in one meeting.
    /// </summary>
    public IReadOnlyList<FdiRecordDto> GroupRecords { get; init; } = [];
}

/// <summary>One value an admin copies into Epic's or Zoom's or the SMS provider's configuration (<see cref="Where"/> says where).</summary>
public sealed record RegistrationValueDto(string System, string Label, string Value, string Where);

public sealed record FdiRecordDto(LaunchType LaunchType, string Label, string Url, string Context, bool HasPlaceholders);

public sealed class GetFdiRecordsQueryValidator : AbstractValidator<GetFdiRecordsQuery>
{
    public GetFdiRecordsQueryValidator()
    {
        // These values end up inside an Epic CONTEXT string: no separators that would split it.
        const string safe = "^[^&=%<>\"]*$";
        RuleFor(q => q.Options!.ProviderIdTypeValue).MaximumLength(50).Matches(safe).NoControlCharacters().When(q => q.Options is not null);
        RuleFor(q => q.Options!.EncounterProviderLppId).MaximumLength(50).Matches(safe).NoControlCharacters().When(q => q.Options is not null);
        RuleFor(q => q.Options!.RoomName).MaximumLength(200).Matches(safe).NoControlCharacters().When(q => q.Options is not null);
        RuleFor(q => q.Options!.RoomDisplay).MaximumLength(200).Matches(safe).NoControlCharacters().When(q => q.Options is not null);
    }
}

internal sealed class GetFdiRecordsQueryHandler(IAppDbContext db, IAppUrls urls) : IRequestHandler<GetFdiRecordsQuery, FdiRecordsDto>
{
    public async Task<FdiRecordsDto> Handle(GetFdiRecordsQuery request, CancellationToken cancellationToken)
    {
        var id = new TenantId(request.TenantId);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(Tenant), request.TenantId);
        var options = request.Options ?? new FdiOptions();

        var records = LaunchTypes.All.Select(type =>
        {
            var context = Context(type, options);
            return new FdiRecordDto(type, Label(type), $"{urls.PublicBaseUrl}/epicfhir/{type.PathSegment()}?org_id={tenant.OrgId}",
                context, context.Contains('<'));
        }).ToList();
        var groupRecords = records.Where(r => GroupVisitTypes.Contains(r.LaunchType))
            .Select(r => r with { Label = r.Label + ", group visit", Context = r.Context.Replace(IndividualSession, GroupSession, StringComparison.Ordinal) })
            .ToList();
        return new FdiRecordsDto(tenant.Name, tenant.OrgId, tenant.Environment, tenant.Epic.ClientId, records, Registration(urls, tenant.OrgId))
        {
            GroupRecords = groupRecords,
        };
    }

    private const string IndividualSession = "epicSessionId=%CSN%";
    private const string GroupSession = "epicSessionId=%CONFERENCEID%";

    /// <summary>The people of a group visit: its provider or nurse hosts, its patients join. Rooms and device tests have no group form.</summary>
    private static readonly LaunchType[] GroupVisitTypes = [LaunchType.Provider, LaunchType.Nurse, LaunchType.Patient];

    /// <summary>Zoom's events that move a light or end a visit; the subscription must list every one of them.</summary>
    public static readonly IReadOnlyList<string> ZoomEvents =
    [
        ZoomEventNames.MeetingStarted, ZoomEventNames.MeetingEnded, ZoomEventNames.ParticipantJoined, ZoomEventNames.ParticipantLeft,
        ZoomEventNames.BreakoutRoomJoined, ZoomEventNames.BreakoutRoomLeft,
    ];

    private static List<RegistrationValueDto> Registration(IAppUrls urls, string orgId) =>
    [
        new("Epic", "SMART redirect URI", BeginLaunchCommandHandler.RedirectUri(urls), "Epic on FHIR app registration: Redirect URI (the same for every launch type)."),
        new("Epic", "JWK Set URL", GetJwksQuery.UrlFor(urls, orgId), "Epic on FHIR app registration (backend services): Non-Production or Production JWK Set URL, matching this tenant's environment."),
        new("Zoom", "Event notification endpoint URL", $"{urls.PublicBaseUrl}/zoom/webhooks", "Zoom app (Server-to-Server OAuth) → Feature → Event Subscriptions; EpicZoom answers Zoom's URL validation itself."),
        new("Zoom", "Events to subscribe", string.Join(", ", ZoomEvents), "The same Event Subscription: add each of these Meeting events."),
        new("SMS", "Incoming message webhook URL", SmsUrls.Inbound(urls, orgId), "SMS provider: the sending number's incoming-message (\"A message comes in\") webhook, HTTP POST; STOP and START replies arrive here."),
        new("SMS", "Status callback URL", SmsUrls.Status(urls, orgId), "Set by EpicZoom on every text it sends; allow it if the provider's account restricts callback URLs."),
    ];

    private static string Label(LaunchType type) => type switch
    {
        LaunchType.Provider => "Provider (Hyperspace)",
        LaunchType.Nurse => "Nurse (Hyperspace)",
        LaunchType.Patient => "Patient (MyChart)",
        LaunchType.ZoomRoom => "Zoom Room (In-Patient)",
        LaunchType.DeviceTest => "Device Test",
        _ => type.ToString(),
    };

    // The CONTEXT strings of the seed document ("Configuring Epic FDI records"), token for token.
    private static string Context(LaunchType type, FdiOptions o)
    {
        var useZoom = o.UseProviderZoomAccount ? "true" : "false";
        var noRedirect = o.NoRedirect ? "true" : "false";
        var idType = Or(o.ProviderIdTypeValue, "<ID type value>");
        return type switch
        {
            LaunchType.Provider =>
                $"epicSessionId=%CSN%&firstName=%USERFNAME%&lastName=%USERLNAME%&epicUserId=%EPICUSERID;;; ; ;;NONE;%&useProviderZoomAccount={useZoom}&noRedirect={noRedirect}",
            LaunchType.Patient =>
                $"epicSessionId=%CSN%&epicUserId=%WPRID;;; ;;;NONE;%&firstName=%WPRFNAME%&lastName=%WPRLNAME%&encounterProviderId=%EXTENSION;{Or(o.EncounterProviderLppId, "<Provider LPP ID>")}%&useProviderZoomAccount=false&noRedirect={noRedirect}",
            LaunchType.ZoomRoom =>
                $"epicSessionId=%CSN%&epicProviderId=%USERPROVID;;;;;{idType}%&useProviderZoomAccount={useZoom}&roomName={Or(o.RoomName, "<Zoom Room Name>")}&roomDisplay={Or(o.RoomDisplay, "<Zoom Room Display Name>")}&noRedirect={noRedirect}",
            LaunchType.Nurse =>
                $"epicSessionId=%CSN%&firstName=%USERFNAME%&lastName=%USERLNAME%&epicProviderId=%USERPROVID;;;;;{idType}%&useProviderZoomAccount={useZoom}&noRedirect={noRedirect}",
            LaunchType.DeviceTest =>
                "epicSessionId=%CSN%&epicUserId=%WPRID;;; ;;;NONE;%&firstName=%WPRFNAME%&lastName=%WPRLNAME%",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    private static string Or(string? value, string placeholder) => string.IsNullOrWhiteSpace(value) ? placeholder : value.Trim();
}
