using EpicZoom.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Configuration;

/// <summary>Section "Database" and ConnectionStrings:Default (docs/configuration.md).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Sqlite (default), Postgres or SqlServer, in any letter case.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>ConnectionStrings:Default; SQLite without one uses epiczoom.db in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><see cref="Provider"/> once validated.</summary>
    public DatabaseProvider ProviderKind => Parse(Provider) ?? throw new InvalidOperationException("Database:Provider was not validated.");

    /// <summary>Provider comes from "Database", the connection string from "ConnectionStrings:Default", as it always has.</summary>
    public static void Bind(IConfiguration configuration, DatabaseOptions options)
    {
        configuration.GetSection(SectionName).Bind(options);
        options.ConnectionString = configuration.GetConnectionString("Default");
    }

    internal static DatabaseProvider? Parse(string? provider) =>
        Enum.TryParse<DatabaseProvider>(provider?.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(provider, out _) ? kind : null;
}

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (DatabaseOptions.Parse(options.Provider) is not { } provider)
            return ValidateOptionsResult.Fail("Database:Provider must be Sqlite, Postgres or SqlServer (default Sqlite).");
        if (provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail($"Database:Provider is {provider}, which needs ConnectionStrings:Default: it is empty.");
        return ValidateOptionsResult.Success;
    }
}
