using System.Text.Json;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using FhirModel = Hl7.Fhir.Model;

namespace EpicZoom.Infrastructure.External.Epic.Fhir;

/// <summary>A body Epic sent, as a Firely resource, or why it is not one (without any of the body's values).</summary>
internal readonly record struct ParsedFhir(FhirModel.Resource? Resource, string? Problem);

/// <summary>
/// Firely's System.Text.Json converters for FHIR R4. Building them inspects the whole R4 model (about 0.7 s), so the
/// process has one instance, made on the first read.
/// </summary>
internal static class FhirJson
{
    // NoOverflow: a missing element EpicZoom does not read (an Encounter without class) or a badly formed literal
    // does not fail a launch, but data that does not fit the R4 model (an unknown element or code, a string where an
    // array belongs) does, and after a successful parse no property read can throw.
    private static readonly Lazy<JsonSerializerOptions> LazyOptions = new(() =>
        new JsonSerializerOptions().ForFhir().UsingMode(DeserializationMode.NoOverflow));

    public static JsonSerializerOptions Options => LazyOptions.Value;

    /// <summary>
    /// Never throws on what Epic sends. Firely's messages quote the offending values (names, phone numbers), so only
    /// the element's path goes into <see cref="ParsedFhir.Problem"/>.
    /// </summary>
    public static ParsedFhir Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ParsedFhir(null, "an empty body");
        }

        try
        {
            return new ParsedFhir(JsonSerializer.Deserialize<FhirModel.Resource>(body, Options), null);
        }
        catch (DeserializationFailedException ex)
        {
            var path = ex.Exceptions.OfType<ExtendedCodedException>().Select(e => e.InstancePath).FirstOrDefault(p => !string.IsNullOrEmpty(p));
            return new ParsedFhir(null, "JSON that is not valid FHIR R4" + (path is null ? "" : $" (at {path})"));
        }

        // Firely reports an array or a bare value at the root as InvalidOperationException, not as a JsonException.
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return new ParsedFhir(null, "a body that is not a JSON object");
        }
    }
}
