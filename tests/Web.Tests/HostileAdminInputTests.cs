using System.Net;
using System.Text;
using System.Text.Json;
using EpicZoom.TestSupport;

namespace EpicZoom.Web.Tests;

/// <summary>
/// Hostile input to the admin API and the CSV export answers 400 with the field named, and writes nothing — on
/// SQLite and on PostgreSQL, which refuses NUL and half surrogates outright (a 500 before the validators refused them).
/// </summary>
public abstract class HostileAdminInputTests(AdminApp fixture)
{
    protected AdminApp Fixture => fixture;

    // Each as the JSON escape that puts it in a string: xUnit and System.Text.Json would mangle a lone surrogate otherwise.
    public static TheoryData<string, string, string> HostileFields()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (field, key) in new[]
                 {
                     ("name", "Name"), ("zoomAccountId", "ZoomAccountId"), ("epicClientId", "EpicClientId"), ("zoomClientId", "ZoomClientId"),
                     ("telehealthBasicUser", "TelehealthBasicUser"), ("epicTelehealthBaseUrl", "EpicTelehealthBaseUrl"), ("smsAccountSid", "SmsAccountSid"),
                 })
        {
            foreach (var escape in new[] { "\\u0000", "\\r\\nX-Injected: 1", "\\u202e", "\\ud800" }) data.Add(field, escape, key);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileFields))]
    public async Task Create_WithAHostileCharacterInAField_Is400OnThatField_AndSavesNothing(string field, string escape, string key)
    {
        var admin = await fixture.AdminAsync();
        var body = AdminTenantApi.ValidBody();
        var valid = (string)body[field]!;
        body[field] = "@@HOSTILE@@";
        var json = JsonSerializer.Serialize(body, AdminTenantApi.Json).Replace("@@HOSTILE@@", valid[..4] + escape + valid[4..], StringComparison.Ordinal);
        var before = await admin.GetStringAsync("/api/admin/tenants");

        var response = await admin.PostAsync("/api/admin/tenants", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // A lone surrogate escape cannot even become a .NET string: the JSON reader refuses it, keyed by the JSON field.
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty($"Input.{key}", out _) || (escape == "\\ud800" && errors.TryGetProperty(field, out _)), errors.ToString());
        Assert.Equal(before, await admin.GetStringAsync("/api/admin/tenants"));
    }

    [Theory]
    [InlineData("/api/admin/notifications.csv?term=12%0034")]
    [InlineData("/api/admin/notifications.csv?participant=E%E2%80%AE1")]
    [InlineData("/api/admin/tenants?search=mercy%00")]
    public async Task Search_WithAControlCharacter_Is400NotAServerError(string url)
    {
        var admin = await fixture.AdminAsync();

        var response = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("to=9999-12-31", "ToUtc")]
    [InlineData("from=0001-01-01", "FromUtc")]
    [InlineData("from=1900-01-01", "FromUtc")]
    [InlineData("status=Lost", "status")]
    [InlineData("status=7", "status")]
    [InlineData("respCode=abc", "respCode")]
    public async Task CsvExport_WithABadFilter_Is400NamingIt(string query, string field)
    {
        var admin = await fixture.AdminAsync();

        var response = await admin.GetAsync("/api/admin/notifications.csv?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
        Assert.NotEmpty(messages[0].GetString()!);
    }

    [Fact]
    public async Task CsvExport_WithAGoodRange_IsACsvFile()
    {
        var admin = await fixture.AdminAsync();

        var response = await admin.GetAsync("/api/admin/notifications.csv?from=2026-11-01&to=2099-12-31&status=failed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
    }
}

public sealed class HostileAdminInputSqliteTests(AdminApp fixture) : HostileAdminInputTests(fixture), IClassFixture<AdminApp>
{
    [Theory]
    [InlineData("environment", "\"Staging\"", "Test, Production")]
    [InlineData("telehealthAuthMode", "\"Kerberos\"", "BackendOAuthToken")]
    [InlineData("providerUserType", "true", "Licensed")]
    public async Task Create_WithAnUnknownEnumValue_Is400NamingTheFieldAndTheAllowedValues(string field, string value, string allowed)
    {
        var admin = await Fixture.AdminAsync();
        var body = AdminTenantApi.ValidBody();
        body[field] = "@@VALUE@@";
        var json = JsonSerializer.Serialize(body, AdminTenantApi.Json).Replace("\"@@VALUE@@\"", value, StringComparison.Ordinal);

        var response = await admin.PostAsync("/api/admin/tenants", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Contains(allowed, message);
        Assert.Contains(value.Trim('"'), message);
    }

    [Fact]
    public async Task Create_WithAnUnknownSecretToRemove_Is400NamingTheListEntry()
    {
        var admin = await Fixture.AdminAsync();
        var body = AdminTenantApi.ValidBody();
        body["secretsToRemove"] = new[] { "EpicClientSecret", "AllOfThem" };

        var response = await admin.PostAsync("/api/admin/tenants",
            new StringContent(JsonSerializer.Serialize(body, AdminTenantApi.Json), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("ZoomClientSecret", problem.RootElement.GetProperty("errors").GetProperty("secretsToRemove[1]")[0].GetString());
    }

    [Theory]
    [InlineData("{\"name\": ", "not valid JSON")]
    [InlineData("{\"name\": \"x\",,}", "not valid JSON")]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("null", "not a JSON object")]
    [InlineData("", "empty")]
    public async Task Create_WithABodyThatIsNotATenantObject_Is400SayingWhatIsWrong(string json, string title)
    {
        var admin = await Fixture.AdminAsync();

        var response = await admin.PostAsync("/api/admin/tenants", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(title, problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Create_WithBytesThatAreNotUtf8_Is400()
    {
        var admin = await Fixture.AdminAsync();
        var content = new ByteArrayContent([.. "{\"name\": \""u8, 0xC0, 0xAF, .. "\"}"u8]);
        content.Headers.ContentType = new("application/json");

        var response = await admin.PostAsync("/api/admin/tenants", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CreateOrUpdate_PostedAsAForm_Is415()
    {
        var admin = await Fixture.AdminAsync();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Mercy" });

        var create = await admin.PostAsync("/api/admin/tenants", form);
        var update = await admin.PutAsync($"/api/admin/tenants/{Guid.NewGuid()}", form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, create.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, update.StatusCode);
    }
}

public sealed class HostileAdminInputPostgresTests(PostgresAdminApp fixture) : HostileAdminInputTests(fixture), IClassFixture<PostgresAdminApp>;

/// <summary>One EpicZoom app (SQLite) with a signed-in admin, shared by a test class.</summary>
public class AdminApp : IAsyncLifetime
{
    private HttpClient? admin;

    protected EpicZoomApp? App { get; set; }

    public async Task<HttpClient> AdminAsync() => admin ??= await App!.SignedInAdminAsync();

    /// <summary>The app itself, for reading what a request stored.</summary>
    public EpicZoomApp Server => App!;

    public virtual Task InitializeAsync()
    {
        App = new EpicZoomApp();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        admin?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

/// <summary>The same app on a throwaway PostgreSQL server.</summary>
public sealed class PostgresAdminApp : AdminApp
{
    public override async Task InitializeAsync() => App = await EpicZoomApp.StartAsync(new EpicZoomAppOptions { Postgres = true });
}
