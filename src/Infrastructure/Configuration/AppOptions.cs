using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Configuration;

/// <summary>Section "App" (docs/configuration.md).</summary>
public sealed class AppOptions
{
    public const string SectionName = "App";

    public const string DefaultDataPath = "App_Data";

    /// <summary>The data folder (SQLite file, key ring, first-run password), relative to the content root unless absolute.</summary>
    public string? DataPath { get; set; }

    /// <summary><see cref="DataPath"/>, or <see cref="DefaultDataPath"/> when unset or blank.</summary>
    public string EffectiveDataPath => string.IsNullOrWhiteSpace(DataPath) ? DefaultDataPath : DataPath.Trim();

    /// <summary>
    /// The address Epic, Zoom and browsers use to reach EpicZoom (e.g. https://epiczoom.example.org); behind a proxy it
    /// must be set. Unset: the first address Kestrel listens on.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// This instance's name in logs, metrics and the leases it takes (e.g. "epiczoom-a"); with several instances each
    /// has its own. Unset: the machine name and the port of the first URL it listens on.
    /// </summary>
    public string? InstanceName { get; set; }

    public const int MaxInstanceNameLength = 60;

    /// <summary><see cref="InstanceName"/>, or "{machine}:{port}" from the listening URLs (ASPNETCORE_URLS / urls).</summary>
    public string EffectiveInstanceName(string? urls)
    {
        if (!string.IsNullOrWhiteSpace(InstanceName)) return InstanceName.Trim();
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var port = first is not null && Uri.TryCreate(first.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri)
            ? uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = $"{Environment.MachineName}:{port}";
        return name.Length <= MaxInstanceNameLength ? name : name[^MaxInstanceNameLength..];
    }

    /// <summary><see cref="PublicBaseUrl"/> without surrounding spaces or a trailing '/'; null when unset.</summary>
    public string? NormalizedPublicBaseUrl => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.Trim().TrimEnd('/');
}

public sealed class AppOptionsValidator : IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, AppOptions options)
    {
        var failures = new List<string>();
        if (options.DataPath is { } path && path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            failures.Add("App:DataPath must be a folder path (absolute, or relative to the content root; default App_Data).");
        if (options.NormalizedPublicBaseUrl is { } url && !ValidatedOptions.IsHttpUrl(url))
            failures.Add("App:PublicBaseUrl must be an absolute http:// or https:// URL such as https://epiczoom.example.org, or unset.");
        if (options.InstanceName is { } instance && !string.IsNullOrWhiteSpace(instance) &&
            (instance.Trim().Length > AppOptions.MaxInstanceNameLength || instance.Any(char.IsControl)))
            failures.Add($"App:InstanceName must be at most {AppOptions.MaxInstanceNameLength} printable characters (e.g. epiczoom-a), or unset for the machine name and port.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
