using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.Smart;
using EpicZoom.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace EpicZoom.Sandbox.Epic.Fhir;

/// <summary>FHIR R4 reads of Patient, Practitioner and Encounter, behind a token from the simulator.</summary>
internal static class FhirEndpoints
{
    /// <summary>Epic's OID for the CSN identifier differs per organisation; this one is the sandbox's.</summary>
    public const string CsnSystem = "urn:oid:1.2.840.114350.1.13.0.1.7.3.698084.8";

    private const string ReadsFaultName = "fhir";

    public static void MapFhirEndpoints(this IEndpointRouteBuilder simulated)
    {
        var fhir = simulated.MapGroup("/api/FHIR/R4").WithFaultName(ReadsFaultName);
        fhir.AddEndpointFilter(RequireAccessToken);
        fhir.MapGet("/Patient/{id}", (string id, FhirStore store) =>
            store.Patient(id) is { } patient
                ? FhirJson.Result(FhirMapping.ToResource(patient))
                : NotFound("Patient", id));
        fhir.MapGet("/Practitioner/{id}", (string id, FhirStore store) =>
            store.Practitioner(id) is { } practitioner
                ? FhirJson.Result(FhirMapping.ToResource(practitioner))
                : NotFound("Practitioner", id));
        fhir.MapGet("/Encounter/{id}", (string id, FhirStore store) =>
            store.Encounter(id) is { } encounter
                ? FhirJson.Result(FhirMapping.ToResource(encounter, store))
                : NotFound("Encounter", id));
    }

    /// <summary>The FHIR server answers an injected fault as Epic's would: with an OperationOutcome.</summary>
    public static bool IsResourceRead(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<FaultName>()?.Name == ReadsFaultName;

    public static IResult Fault(int status) =>
        FhirJson.Error(
            status,
            status switch
            {
                StatusCodes.Status401Unauthorized => IssueType.Security,
                StatusCodes.Status403Forbidden => IssueType.Forbidden,
                StatusCodes.Status404NotFound => IssueType.NotFound,
                StatusCodes.Status429TooManyRequests => IssueType.Throttled,
                _ => IssueType.Exception,
            },
            $"Injected fault: HTTP {status}.");

    private static IResult NotFound(string type, string id) =>
        FhirJson.Error(StatusCodes.Status404NotFound, IssueType.NotFound, $"{type}/{id} is not known to the sandbox.");

    /// <summary>A strict server's answer to a read the token's scopes do not cover.</summary>
    private static IResult ScopeDenied(HttpContext http, int status, string resourceType)
    {
        if (status == StatusCodes.Status404NotFound)
        {
            return NotFound(resourceType, "(hidden)");
        }

        var error = status == StatusCodes.Status401Unauthorized ? "invalid_token" : "insufficient_scope";
        http.Response.Headers.WWWAuthenticate = $"Bearer error=\"{error}\"";
        return FhirJson.Error(
            status == StatusCodes.Status401Unauthorized ? status : StatusCodes.Status403Forbidden,
            IssueType.Forbidden,
            $"The access token's scopes do not allow reading {resourceType}.");
    }

    private static async ValueTask<object?> RequireAccessToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var grants = http.RequestServices.GetRequiredService<SmartGrantStore>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (AuthorizationHeader.TryGetBearer(http.Request.Headers.Authorization, out var token)
            && grants.FindAccessToken(token, now) is { } grant)
        {
            var client = http.RequestServices.GetRequiredService<EpicClientRegistry>().Find(grant.ClientId, SandboxUrls.From(http));
            var resourceType = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).LastOrDefault() ?? "";
            if (client is not { EnforceScopes: true } || ScopeRules.AllowsRead(grant.Scope, resourceType))
            {
                return await next(context);
            }

            return ScopeDenied(http, client.ScopeDeniedStatus, resourceType);
        }

        http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return FhirJson.Error(
            StatusCodes.Status401Unauthorized, IssueType.Security, "A valid Bearer access token from the sandbox's token endpoint is required.");
    }
}
