using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.Smart;
using EpicZoom.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Sandbox.Epic.Fhir;

/// <summary>FHIR R4 reads of Patient, Practitioner and Encounter, behind a token from the simulator.</summary>
internal static class FhirEndpoints
{
    /// <summary>Epic's OID for the CSN identifier differs per organisation; this one is the sandbox's.</summary>
    public const string CsnSystem = "urn:oid:1.2.840.114350.1.13.0.1.7.3.698084.8";

    public const string ContentType = "application/fhir+json; charset=utf-8";

    public static void MapFhirEndpoints(this IEndpointRouteBuilder simulated)
    {
        var fhir = simulated.MapGroup("/api/FHIR/R4").WithFaultName("fhir");
        fhir.AddEndpointFilter(RequireAccessToken);
        fhir.MapGet("/Patient/{id}", (string id, FhirStore store) =>
            store.Patient(id) is { } patient
                ? Resource(FhirMapping.ToResource(patient), FhirJsonContext.Default.FhirPatientResource)
                : NotFound("Patient", id));
        fhir.MapGet("/Practitioner/{id}", (string id, FhirStore store) =>
            store.Practitioner(id) is { } practitioner
                ? Resource(FhirMapping.ToResource(practitioner), FhirJsonContext.Default.FhirPractitionerResource)
                : NotFound("Practitioner", id));
        fhir.MapGet("/Encounter/{id}", (string id, FhirStore store) =>
            store.Encounter(id) is { } encounter
                ? Resource(FhirMapping.ToResource(encounter, store), FhirJsonContext.Default.FhirEncounterResource)
                : NotFound("Encounter", id));
    }

    public static IResult Resource<T>(T resource, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        Results.Json(resource, type, ContentType);

    private static IResult NotFound(string type, string id) =>
        Results.Json(
            FhirOperationOutcome.Error("not-found", $"{type}/{id} is not known to the sandbox."),
            FhirJsonContext.Default.FhirOperationOutcome,
            ContentType,
            StatusCodes.Status404NotFound);

    /// <summary>A strict server's answer to a read the token's scopes do not cover.</summary>
    private static IResult ScopeDenied(HttpContext http, int status, string resourceType)
    {
        if (status == StatusCodes.Status404NotFound)
        {
            return NotFound(resourceType, "(hidden)");
        }

        var error = status == StatusCodes.Status401Unauthorized ? "invalid_token" : "insufficient_scope";
        http.Response.Headers.WWWAuthenticate = $"Bearer error=\"{error}\"";
        return Results.Json(
            FhirOperationOutcome.Error("forbidden", $"The access token's scopes do not allow reading {resourceType}."),
            FhirJsonContext.Default.FhirOperationOutcome,
            ContentType,
            status == StatusCodes.Status401Unauthorized ? status : StatusCodes.Status403Forbidden);
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
        return Results.Json(
            FhirOperationOutcome.Error("security", "A valid Bearer access token from the sandbox's token endpoint is required."),
            FhirJsonContext.Default.FhirOperationOutcome,
            ContentType,
            StatusCodes.Status401Unauthorized);
    }
}
