using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EpicZoom.Web.Common;

/// <summary>
/// Reads a JSON request body for the admin API so that every way it can be wrong is a 4xx a person can act on:
/// not JSON → 415; empty, malformed, not an object → 400 saying so; a value of the wrong type (an unknown enum name)
/// → 400 ValidationProblem keyed by the JSON field, naming the allowed values. Model binding would say only "could not be read".
/// </summary>
internal static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http) where T : class
    {
        if (!http.Request.HasJsonContentType())
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the body as JSON.",
                detail: "This endpoint takes Content-Type: application/json (forms are not accepted)."));
        if (http.Request.ContentLength > MaxBytes) return (null, TooLarge());

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) return (null, Bad("The request body is empty.", "Send the fields as a JSON object."));
        // The JSON reader would throw InvalidOperationException (a 500) on the first string with bad bytes.
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) return (null, Bad("The request body is not valid UTF-8.", "Send the JSON encoded as UTF-8."));

        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, options) is { } value
                ? (value, null)
                : (null, Bad("The request body is not a JSON object.", "Send the fields as a JSON object."));
        }
        catch (JsonException ex)
        {
            return (null, Explain<T>(ex, bytes));
        }
    }

    private static IResult Explain<T>(JsonException ex, byte[] bytes)
    {
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return Bad("The request body is not valid JSON.", $"Check the JSON syntax{where}.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || string.IsNullOrEmpty(ex.Path) || ex.Path == "$")
                return Bad("The request body is not a JSON object.", "Send the fields as a JSON object.");
            var field = ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
            return Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [FieldProblem(typeof(T), field, document.RootElement)] });
        }
    }

    /// <summary>What was wrong with the value at <paramref name="path"/> ("environment", "secretsToRemove[1]").</summary>
    private static string FieldProblem(Type root, string path, JsonElement document)
    {
        var name = path.Split('[')[0];
        var property = root.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        var type = property?.PropertyType;
        if (type is not null && path.Contains('[') && type.IsGenericType) type = type.GetGenericArguments()[0];
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        var raw = Value(document, path);
        return type switch
        {
            { IsEnum: true } => $"{raw} is not a valid {name}; use one of {string.Join(", ", Enum.GetNames(type))}.",
            not null when type == typeof(string) && raw.StartsWith('"') =>
                $"{name} contains a broken character (an escaped half of a surrogate pair, such as \\ud800); type the text again.",
            not null when type == typeof(string) => $"{name} must be text (a JSON string), not {raw}.",
            not null when type == typeof(bool) => $"{name} must be true or false, not {raw}.",
            not null when type == typeof(int) || type == typeof(long) => $"{name} must be a whole number, not {raw}.",
            not null when typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => $"{name} must be a JSON array.",
            _ => $"{name} has a value of the wrong type ({raw}).",
        };
    }

    /// <summary>The offending value as sent, shortened; "that value" when the path cannot be followed.</summary>
    private static string Value(JsonElement root, string path)
    {
        var current = root;
        foreach (var segment in path.Replace("]", "", StringComparison.Ordinal).Split('.', '['))
        {
            if (current.ValueKind == JsonValueKind.Object)
            {
                var match = current.EnumerateObject().FirstOrDefault(p => p.Name.Equals(segment, StringComparison.OrdinalIgnoreCase));
                if (match.Value.ValueKind == JsonValueKind.Undefined) return "that value";
                current = match.Value;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return "that value";
            }
        }
        var text = current.GetRawText();
        return Domain.Common.SafeText.Clip(text, 60) + (text.Length > 60 ? "…" : "");
    }

    private static IResult Bad(string title, string detail) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    private static IResult TooLarge() => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
        detail: $"The admin API takes at most {MaxBytes / 1024} KB per request.");
}
