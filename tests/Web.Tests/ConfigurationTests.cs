using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Notifications.Common;
using EpicZoom.Sandbox;
using EpicZoom.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EpicZoom.Web.Tests;

/// <summary>
/// Validated options (docs/configuration.md): a bad value stops the host before it serves anything, with a message
/// that names the key and what it accepts; good values reach the services that use them.
/// </summary>
public sealed class ConfigurationTests
{
    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "App:PublicBaseUrl", "epiczoom.example.org", "App:PublicBaseUrl must be an absolute http:// or https:// URL" },
        { "App:PublicBaseUrl", "ftp://epiczoom.example.org", "App:PublicBaseUrl must be an absolute http:// or https:// URL" },
        { "App:PublicBaseUrl", "/relative", "App:PublicBaseUrl must be an absolute http:// or https:// URL" },
        { "Database:Provider", "Oracle", "Database:Provider must be Sqlite, Postgres or SqlServer" },
        { "Database:Provider", "1", "Database:Provider must be Sqlite, Postgres or SqlServer" },
        { "Database:Provider", "Postgres", "Database:Provider is Postgres, which needs ConnectionStrings:Default" },
        { "Database:Provider", "sqlserver", "Database:Provider is SqlServer, which needs ConnectionStrings:Default" },
        { "Notifications:RetryWindow", "-00:05:00", "Notifications:RetryWindow must be longer than zero and at most 30 days" },
        { "Notifications:RetryWindow", "00:00:00", "Notifications:RetryWindow must be longer than zero and at most 30 days" },
        { "Notifications:RetryWindow", "31.00:00:00", "Notifications:RetryWindow must be longer than zero and at most 30 days" },
        { "Notifications:DispatchLease", "00:00:01", "Notifications:DispatchLease must be from 5 seconds to 30 minutes" },
        { "Notifications:DispatchLease", "1.00:00:00", "Notifications:DispatchLease must be from 5 seconds to 30 minutes" },
        { "Email:Host", "smtp://mail.example.org", "Email:Host must be a host name or IP address" },
        { "Email:Host", "mail.example.org", "Email:FromAddress must be the sender's e-mail address" },
        { "Email:Port", "70000", "Email:Port must be from 1 to 65535" },
        { "Email:UserName", "relay-user", "Email:UserName and Email:Password go together" },
        { "Email:Tls", "None", "Email:Tls None would send Email:Password in clear" },
        { "Notifications:EpicConcurrencyPerTenant", "0", "Notifications:EpicConcurrencyPerTenant must be from 1 to 64" },
        { "Notifications:EpicConcurrencyPerTenant", "65", "Notifications:EpicConcurrencyPerTenant must be from 1 to 64" },
        { "Notifications:EpicConcurrencyPerTenant", "many", "EpicConcurrencyPerTenant" },
        { "WaitingRoom:ZoomChecksPerSecond", "0", "WaitingRoom:ZoomChecksPerSecond must be from 0.1 to 80" },
        { "WaitingRoom:ZoomChecksPerSecond", "81", "WaitingRoom:ZoomChecksPerSecond must be from 0.1 to 80" },
        { "DataProtection:KeyEncryptionCertificatePassword", "pw", "DataProtection:KeyEncryptionCertificatePassword is set but DataProtection:KeyEncryptionCertificate is not" },
        { "App:InstanceName", new string('a', 61), "App:InstanceName must be at most 60 printable characters" },
        { "ReverseProxy:KnownProxies:0", "nginx.example.org", "ReverseProxy:KnownProxies must list IP addresses (10.0.0.5) or networks (10.0.0.0/24)" },
        { "ReverseProxy:KnownProxies:0", "10.0.0.0/99", "ReverseProxy:KnownProxies must list IP addresses (10.0.0.5) or networks (10.0.0.0/24)" },
        { "Sandbox:MaxStoredItems", "0", "Sandbox:MaxStoredItems must be at least 1" },
        { "Sandbox:WebhookTimeout", "-00:00:01", "Sandbox:WebhookTimeout must be longer than zero" },
        { "Sandbox:BaseUrl", "localhost:5000", "Sandbox:BaseUrl must be an absolute http:// or https:// URL" },
        { "Sandbox:EpicClients:0:ClientId", "c", "Sandbox:EpicClients:0:ScopeDeniedStatus must be 401, 403 or 404" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void BadValue_StopsStartUp_WithAMessageNamingTheKeyAndWhatIsAllowed(string key, string? value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Sandbox:EpicClients", StringComparison.Ordinal)) settings["Sandbox:EpicClients:0:ScopeDeniedStatus"] = "500";
        if (key is "Email:Port" or "Email:UserName" or "Email:Tls")
        {
            settings["Email:Host"] = "mail.example.org";
            settings["Email:FromAddress"] = "telehealth@hospital.example.org";
            if (key == "Email:Tls") (settings["Email:UserName"], settings["Email:Password"]) = ("relay-user", "relay-password");
        }

        using var app = new EpicZoomApp(settings);

        var failure = Record.Exception(() => app.Services);

        Assert.NotNull(failure);
        Assert.Contains(message, Messages(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralBadValues_AreAllNamedAtOnce()
    {
        using var app = new EpicZoomApp(new Dictionary<string, string?> { ["Sandbox:MaxStoredItems"] = "0", ["Sandbox:WebhookMaxConcurrency"] = "0" });

        var messages = Messages(Assert.IsType<OptionsValidationException>(Unwrap(Record.Exception(() => app.Services)!)));

        Assert.Contains("Sandbox:MaxStoredItems", messages, StringComparison.Ordinal);
        Assert.Contains("Sandbox:WebhookMaxConcurrency", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void GoodValues_ReachTheServices()
    {
        using var app = new EpicZoomApp(new Dictionary<string, string?>
        {
            ["App:PublicBaseUrl"] = " https://epiczoom.example.org/ ",
            ["Database:Provider"] = "sqlite",
            ["Notifications:RetryWindow"] = "00:02:00",
            ["Notifications:EpicConcurrencyPerTenant"] = "3",
            ["WaitingRoom:ZoomChecksPerSecond"] = "2.5",
            ["Sandbox:Enabled"] = "true",
        });

        Assert.Equal("https://epiczoom.example.org", app.Services.GetRequiredService<IAppUrls>().PublicBaseUrl);
        Assert.Equal(TimeSpan.FromMinutes(2), app.Services.GetRequiredService<NotificationSettings>().RetryWindow);
        Assert.Equal(3, app.Services.GetRequiredService<NotificationSettings>().EpicConcurrencyPerTenant);
        Assert.Equal(2.5, app.Services.GetRequiredService<EpicZoom.Application.Visits.GetWaitingStatus.WaitingRoomSettings>().ZoomChecksPerSecond);
        // Behind a proxy the simulators hand out the public address too.
        Assert.Equal("https://epiczoom.example.org", app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.BaseUrl);
    }

    [Fact]
    public void UnsetValues_KeepTheirDefaults()
    {
        using var app = new EpicZoomApp(new Dictionary<string, string?> { ["Notifications:RetryWindow"] = "" });

        Assert.Equal(Domain.Notifications.NotificationRecord.DefaultRetryWindow, app.Services.GetRequiredService<NotificationSettings>().RetryWindow);
        Assert.Equal(5, app.Services.GetRequiredService<EpicZoom.Application.Visits.GetWaitingStatus.WaitingRoomSettings>().ZoomChecksPerSecond);
        Assert.True(File.Exists(app.SqliteFile), "SQLite in the data folder");
    }

    private static Exception Unwrap(Exception failure)
    {
        while (failure is AggregateException or System.Reflection.TargetInvocationException && failure.InnerException is { } inner) failure = inner;
        return failure;
    }

    private static string Messages(Exception failure)
    {
        var messages = new List<string>();
        for (Exception? e = failure; e is not null; e = e.InnerException) messages.Add(e.Message);
        return string.Join(" | ", messages);
    }
}
