using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Epic.Fhir;
using EpicZoom.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using FhirModel = Hl7.Fhir.Model;

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
            FhirJson.Result(CapabilityStatement(urls)));
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

    /// <summary>R4 requires implementation for an instance statement (cpb-14), and SMART puts its endpoints under rest.security.</summary>
    private static FhirModel.CapabilityStatement CapabilityStatement(SandboxUrls urls) => new()
    {
        Status = FhirModel.PublicationStatus.Active,
        Date = "2026-01-01",
        Kind = FhirModel.CapabilityStatementKind.Instance,
        Implementation = new FhirModel.CapabilityStatement.ImplementationComponent
        {
            Description = "EpicZoom sandbox: Epic simulator",
            Url = urls.EpicFhirBase,
        },
        FhirVersion = FhirModel.FHIRVersion.N4_0_1,
        Format = ["json"],
        Rest =
        [
            new FhirModel.CapabilityStatement.RestComponent
            {
                Mode = FhirModel.CapabilityStatement.RestfulCapabilityMode.Server,
                Security = new FhirModel.CapabilityStatement.SecurityComponent
                {
                    Extension =
                    [
                        new FhirModel.Extension
                        {
                            Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                            Extension =
                            [
                                new FhirModel.Extension("authorize", new FhirModel.FhirUri(urls.EpicAuthorizeEndpoint)),
                                new FhirModel.Extension("token", new FhirModel.FhirUri(urls.EpicTokenEndpoint)),
                            ],
                        },
                    ],
                    Service = [new FhirModel.CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")],
                },
                Resource = [Read("Patient"), Read("Practitioner"), Read("Encounter")],
            },
        ],
    };

    private static FhirModel.CapabilityStatement.ResourceComponent Read(string type) => new()
    {
        Type = type,
        Interaction =
        [
            new FhirModel.CapabilityStatement.ResourceInteractionComponent { Code = FhirModel.CapabilityStatement.TypeRestfulInteraction.Read },
        ],
    };
}
