using System.Text;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;
using FhirModel = Hl7.Fhir.Model;

namespace EpicZoom.Sandbox.Epic.Fhir;

/// <summary>Serializes the simulator's resources with Firely's R4 model, so what it serves is FHIR R4 as Firely writes it.</summary>
internal static class FhirJson
{
    public const string ContentType = "application/fhir+json; charset=utf-8";

    // Building the converters inspects the whole R4 model (about 0.7 s): once per process.
    private static readonly Lazy<JsonSerializerOptions> Options = new(() => new JsonSerializerOptions().ForFhir());

    public static IResult Result(FhirModel.Resource resource, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(JsonSerializer.Serialize(resource, resource.GetType(), Options.Value), ContentType, Encoding.UTF8, statusCode);

    public static IResult Error(int statusCode, FhirModel.OperationOutcome.IssueType code, string diagnostics) =>
        Result(
            new FhirModel.OperationOutcome
            {
                Issue =
                [
                    new FhirModel.OperationOutcome.IssueComponent
                    {
                        Severity = FhirModel.OperationOutcome.IssueSeverity.Error,
                        Code = code,
                        Diagnostics = diagnostics,
                    },
                ],
            },
            statusCode);
}
