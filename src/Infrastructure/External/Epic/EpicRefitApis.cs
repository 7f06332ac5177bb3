using System.Text.Json;
using EpicZoom.Infrastructure.External.Http;
using Refit;

namespace EpicZoom.Infrastructure.External.Epic;

/// <summary>
/// A tenant's Epic as a SMART server (shared/spec/epic.md §2): discovery under the FHIR base and the token endpoint
/// (whose full URL discovery names, so its route is empty). Every request carries Epic-Client-ID.
/// </summary>
internal interface ISmartApi
{
    [Get("/.well-known/smart-configuration")]
    [Headers("Accept: application/json")]
    Task<IApiResponse<SmartConfigurationJson>> GetSmartConfigurationAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Header(EpicHttp.ClientIdHeader)] string clientId, CancellationToken cancellationToken);

    /// <summary>The CapabilityStatement, for an older server without .well-known/smart-configuration.</summary>
    [Get("/metadata")]
    [Headers("Accept: application/fhir+json")]
    Task<IApiResponse<CapabilityStatementJson>> GetCapabilityStatementAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Header(EpicHttp.ClientIdHeader)] string clientId, CancellationToken cancellationToken);

    /// <summary>Read as a plain JSON object: every field but the standard ones is launch context (Epic's FDI CONTEXT pairs).</summary>
    [Post("")]
    [Headers("Accept: application/json")]
    Task<IApiResponse<JsonElement>> RequestTokenAsync(
        [Property(ExternalCall.Key)] ExternalCall call,
        [Header(EpicHttp.ClientIdHeader)] string clientId,
        [Header("Authorization")] string? authorization,
        [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form,
        CancellationToken cancellationToken);
}

/// <summary>
/// Epic's telehealth API under the tenant's telehealth base (shared/spec/epic.md §3). Answers are kept raw: the outbox
/// records Epic's status and the start of its body, whatever it is.
/// </summary>
internal interface ITelehealthApi
{
    public const string StatusPath = "/api/epic/2018/Telehealth/ContextLinking/SetExternalConnectionStatus";

    [Get(StatusPath)]
    Task<HttpResponseMessage> SetExternalConnectionStatusAsync(
        [Property(ExternalCall.Key)] ExternalCall call,
        [Header(EpicHttp.ClientIdHeader)] string clientId,
        [Header("Authorization")] string authorization,
        [AliasAs("ConferenceID")] string conferenceId,
        [AliasAs("ExternalID")] string externalId,
        [AliasAs("ExternalIDType")] string externalIdType,
        [AliasAs("VendorName")] string vendorName,
        [AliasAs("ConnectionStatus")] string connectionStatus,
        CancellationToken cancellationToken);

    /// <summary>The status endpoint without a report: no light changes, any answer but 404 means the base URL is right.</summary>
    [Get(StatusPath)]
    Task<HttpResponseMessage> ProbeAsync(
        [Property(ExternalCall.Key)] ExternalCall call, [Header(EpicHttp.ClientIdHeader)] string clientId, CancellationToken cancellationToken);

    /// <summary>Epic's device-test API name is not public: the call's base URL is the tenant's full endpoint, so the route is empty.</summary>
    [Post("")]
    Task<HttpResponseMessage> SetDeviceTestResultAsync(
        [Property(ExternalCall.Key)] ExternalCall call,
        [Header(EpicHttp.ClientIdHeader)] string clientId,
        [Header("Authorization")] string authorization,
        [Body(buffered: true)] JsonElement result,
        CancellationToken cancellationToken);
}
