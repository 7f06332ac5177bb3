using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.Fhir;
using EpicZoom.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Epic.Smart;

internal sealed record SmartConfiguration(
    string Issuer,
    string JwksUri,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    IReadOnlyList<string> TokenEndpointAuthSigningAlgValuesSupported,
    IReadOnlyList<string> GrantTypesSupported,
    IReadOnlyList<string> ScopesSupported,
    IReadOnlyList<string> ResponseTypesSupported,
    IReadOnlyList<string> CodeChallengeMethodsSupported,
    IReadOnlyList<string> Capabilities);

/// <summary>SMART discovery: smart-configuration, the CapabilityStatement, and the id_token JWKS.</summary>
internal static class SmartDiscoveryEndpoints
{
    public static void MapSmartEndpoints(this IEndpointRouteBuilder simulated)
    {
        // Epic may answer per client (Epic-Client-ID header); the sandbox has one answer for all,
        // but says the header matters so caches keep answers apart.
        var discovery = simulated.MapGroup("/api/FHIR/R4").WithFaultName("discovery");
        discovery.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.Vary = "Epic-Client-ID";
            return await next(context);
        });
        discovery.MapGet("/.well-known/smart-configuration", (SandboxUrls urls) =>
            Results.Json(Configuration(urls), EpicJsonContext.Default.SmartConfiguration));
        discovery.MapGet("/metadata", (SandboxUrls urls) =>
            FhirEndpoints.Resource(CapabilityStatement(urls), FhirJsonContext.Default.FhirCapabilityStatement));
        discovery.MapGet("/.well-known/jwks.json", (EpicSigningKey key) =>
            Results.Json(key.PublicJwks(), EpicJsonContext.Default.JwksDocument));

        var oauth = simulated.MapGroup("/oauth2");
        oauth.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.HandleAsync).WithFaultName("authorize");
        oauth.MapPost("/token", TokenEndpoint.HandleAsync).WithFaultName("token");
    }

    private static SmartConfiguration Configuration(SandboxUrls urls) => new(
        urls.EpicFhirBase,
        urls.EpicJwksUri,
        urls.EpicAuthorizeEndpoint,
        urls.EpicTokenEndpoint,
        ["client_secret_basic", "private_key_jwt"],
        ["RS384", "ES384"],
        ["authorization_code", "client_credentials"],
        ["openid", "fhirUser", "launch", "patient/*.read", "user/*.read", "system/*.read"],
        ["code"],
        ["S256"],
        ["launch-ehr", "client-confidential-symmetric", "client-confidential-asymmetric", "context-ehr-patient",
         "context-ehr-encounter", "sso-openid-connect", "permission-patient", "permission-user"]);

    private static FhirCapabilityStatement CapabilityStatement(SandboxUrls urls) => new(
        "active",
        "2026-01-01",
        "instance",
        "4.0.1",
        ["json"],
        [
            new FhirRest(
                "server",
                new FhirSecurity(
                    [
                        new FhirExtension(
                            "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                            Extension:
                            [
                                new FhirExtension("authorize", urls.EpicAuthorizeEndpoint),
                                new FhirExtension("token", urls.EpicTokenEndpoint),
                            ]),
                    ],
                    [new FhirCodeableConcept([new FhirCoding("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")])]),
                [Read("Patient"), Read("Practitioner"), Read("Encounter")]),
        ]);

    private static FhirRestResource Read(string type) => new(type, [new FhirInteraction("read")]);
}
