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

    private static async ValueTask<object?> RequireAccessToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var grants = http.RequestServices.GetRequiredService<SmartGrantStore>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (AuthorizationHeader.TryGetBearer(http.Request.Headers.Authorization, out var token)
            && grants.FindAccessToken(token, now) is not null)
        {
            return await next(context);
        }

        http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Results.Json(
            FhirOperationOutcome.Error("security", "A valid Bearer access token from the sandbox's token endpoint is required."),
            FhirJsonContext.Default.FhirOperationOutcome,
            ContentType,
            StatusCodes.Status401Unauthorized);
    }
}
