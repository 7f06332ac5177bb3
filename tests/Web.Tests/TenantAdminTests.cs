using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Infrastructure.Persistence;
using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests;

public sealed class TenantAdminTests : IDisposable
{
    private static readonly string[] Secrets = [AdminTenantApi.ZoomSecret, AdminTenantApi.WebhookToken, AdminTenantApi.EpicSecret, AdminTenantApi.BasicPassword, AdminTenantApi.SmsToken];
    private readonly EpicZoomApp app = new(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://ez.mercy.example" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task SavedTenant_ReadsBackWithSecretFlagsButNeverASecretValue()
    {
        var admin = await app.SignedInAdminAsync();
        var (id, orgId) = await AdminTenantApi.CreateAsync(admin);

        var json = await admin.GetStringAsync($"/api/admin/tenants/{id}");
        using var dto = JsonDocument.Parse(json);

        Assert.All(Secrets, s => Assert.DoesNotContain(s, json));
        var flags = dto.RootElement.GetProperty("secretIsSet");
        Assert.True(flags.GetProperty("ZoomClientSecret").GetBoolean());
        Assert.True(flags.GetProperty("EpicPrivateKey").GetBoolean());
        Assert.Equal($"https://ez.mercy.example/jwks/{orgId}", dto.RootElement.GetProperty("jwksUrl").GetString());
    }

    [Fact]
    public async Task EveryAdminPage_AfterSavingSecrets_ContainsNoSecretValue()
    {
        var admin = await app.SignedInAdminAsync();
        var (id, _) = await AdminTenantApi.CreateAsync(admin);

        foreach (var path in new[] { "/tenants", $"/tenants/{id}", $"/tenants/{id}/fdi", "/audit", "/api/admin/tenants", $"/api/admin/tenants/{id}/fdi-records" })
        {
            var response = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.All(Secrets, s => Assert.DoesNotContain(s, html));
            Assert.DoesNotContain("PRIVATE KEY", html);
        }
    }

    [Fact]
    public async Task SavedSecrets_AreOnlyCiphertextInTheDatabaseFile_AndOnlyTheAppCanDecryptThem()
    {
        var admin = await app.SignedInAdminAsync();
        var (id, _) = await AdminTenantApi.CreateAsync(admin);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var tenant = await db.Tenants.AsNoTracking().SingleAsync();
            var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
            Assert.Equal(AdminTenantApi.ZoomSecret, protector.Unprotect(tenant.ZoomClientSecretProtected!));
            Assert.Equal(AdminTenantApi.SmsToken, protector.Unprotect(tenant.SmsAuthTokenProtected!));
            Assert.Contains("PRIVATE KEY", protector.Unprotect(tenant.EpicPrivateKeyProtected!));
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var bytes = Directory.GetFiles(app.Data.Path, "epiczoom.db*").SelectMany(File.ReadAllBytes).ToArray();
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("Mercy Health", text); // the file is readable as text: the check below means something
        Assert.All(Secrets, s => Assert.DoesNotContain(s, text));
        Assert.DoesNotContain("BEGIN PRIVATE KEY", text);
    }

    [Fact]
    public async Task CreatingAndUpdatingATenant_LogsNoSecretValue_AndAuditsWhoChangedWhat()
    {
        var admin = await app.SignedInAdminAsync();
        var (id, _) = await AdminTenantApi.CreateAsync(admin);
        var update = AdminTenantApi.ValidBody("mercy-renamed");
        update["zoomClientSecret"] = "a-rotated-zoom-secret-555";
        update["signingKeyAction"] = "Keep";
        (await admin.PutAsJsonAsync($"/api/admin/tenants/{id}", update, AdminTenantApi.Json)).EnsureSuccessStatusCode();

        Assert.All(Secrets.Append("a-rotated-zoom-secret-555"), s => Assert.DoesNotContain(app.LogLines, line => line.Contains(s)));
        await using var scope = app.Services.CreateAsyncScope();
        var all = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.OrderBy(a => a.AtUtc).ToListAsync();
        // The sign-in before the changes is audited too (as the admin's own account events).
        Assert.Equal(["SignedIn", "PasswordChanged"], all.Where(a => a.EntityType == "AdminUser").Select(a => a.Action));
        var audit = all.Where(a => a.EntityType == "Tenant").ToList();
        Assert.Equal(["TenantCreated", "TenantUpdated"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("admin", a.Actor));
        Assert.Contains("OrgId changed", audit[1].Summary);
        Assert.Contains("ZoomClientSecret replaced", audit[1].Summary);
        Assert.DoesNotContain("a-rotated-zoom-secret-555", audit[1].Summary);
    }

    [Fact]
    public async Task Update_WithEmptySecretFields_KeepsTheStoredSecrets()
    {
        var admin = await app.SignedInAdminAsync();
        var (id, orgId) = await AdminTenantApi.CreateAsync(admin);
        var update = AdminTenantApi.ValidBody(orgId);
        foreach (var secret in new[] { "zoomClientSecret", "zoomWebhookSecretToken", "epicClientSecret", "telehealthBasicPassword" }) update[secret] = null;
        update["signingKeyAction"] = "Keep";
        update["secretsToRemove"] = new[] { "EpicClientSecret" };

        (await admin.PutAsJsonAsync($"/api/admin/tenants/{id}", update, AdminTenantApi.Json)).EnsureSuccessStatusCode();

        using var dto = JsonDocument.Parse(await admin.GetStringAsync($"/api/admin/tenants/{id}"));
        var flags = dto.RootElement.GetProperty("secretIsSet");
        Assert.True(flags.GetProperty("ZoomClientSecret").GetBoolean());
        Assert.True(flags.GetProperty("ZoomWebhookSecretToken").GetBoolean());
        Assert.False(flags.GetProperty("EpicClientSecret").GetBoolean());
        Assert.True(flags.GetProperty("EpicPrivateKey").GetBoolean());
    }

    public static TheoryData<string, object?, string> BadFields => new()
    {
        { "epicFhirBaseUrl", "/api/FHIR/R4", "EpicFhirBaseUrl" },
        { "epicFhirBaseUrl", "http://fhir.mercy.example/api/FHIR/R4", "EpicFhirBaseUrl" },
        { "epicFhirBaseUrl", "not a url", "EpicFhirBaseUrl" },
        { "epicTelehealthBaseUrl", "", "EpicTelehealthBaseUrl" },
        { "epicOAuthBaseUrl", "ftp://oauth.mercy.example", "EpicOAuthBaseUrl" },
        { "name", "", "Name" },
        { "name", new string('x', 201), "Name" },
        { "zoomAccountId", null, "ZoomAccountId" },
        { "zoomUserEmailDomain", "user@mercy.example", "ZoomUserEmailDomain" },
        { "zoomClientSecret", new string('s', 5000), "ZoomClientSecret" },
        { "orgId", "has spaces/and slashes", "OrgId" },
        { "connectedStatusCode", "one", "ConnectedStatusCode" },
        { "deviceTestEndpointUrl", "javascript:alert(1)", "DeviceTestEndpointUrl" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Create_WithABadField_Is400WithTheMessageOnThatField_AndSavesNothing(string field, object? value, string expectedKey)
    {
        var admin = await app.SignedInAdminAsync();
        var body = AdminTenantApi.ValidBody();
        body[field] = value;

        var response = await admin.PostAsJsonAsync("/api/admin/tenants", body, AdminTenantApi.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty($"Input.{expectedKey}", out var messages), $"errors: {errors}");
        Assert.NotEmpty(messages[0].GetString()!);
        Assert.Equal("[]", await admin.GetStringAsync("/api/admin/tenants"));
    }

    [Theory]
    [InlineData("not a pem")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----")]
    public async Task Create_ImportingSomethingThatIsNotAnRsaPrivateKey_IsRefusedOnTheKeyField(string pem)
    {
        var admin = await app.SignedInAdminAsync();
        var body = AdminTenantApi.ValidBody();
        body["signingKeyAction"] = "Import";
        body["privateKeyPem"] = pem;

        var response = await admin.PostAsJsonAsync("/api/admin/tenants", body, AdminTenantApi.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Input.PrivateKeyPem", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_WithAnOrgIdAlreadyInUse_IsRefusedOnTheOrgIdField()
    {
        var admin = await app.SignedInAdminAsync();
        await AdminTenantApi.CreateAsync(admin, AdminTenantApi.ValidBody("mercy"));

        var response = await admin.PostAsJsonAsync("/api/admin/tenants", AdminTenantApi.ValidBody("mercy"), AdminTenantApi.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already uses this org_id", await response.Content.ReadAsStringAsync());
        using var list = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/tenants"));
        Assert.Equal(1, list.RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"environment\": \"Staging\"}")]
    public async Task Create_WithMalformedJson_Is400WithoutAStackTrace(string json)
    {
        var admin = await app.SignedInAdminAsync();

        var response = await admin.PostAsync("/api/admin/tenants", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Jwks_IsPublic_AndHoldsOnlyThePublicKey()
    {
        var admin = await app.SignedInAdminAsync();
        var (_, orgId) = await AdminTenantApi.CreateAsync(admin);

        var response = await app.CreateBrowserlessClient().GetAsync($"/jwks/{orgId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var jwks = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("RS384", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync("/jwks/no-such-org")).StatusCode);
    }

    [Fact]
    public async Task FdiRecords_ForATenant_GiveTheFiveLaunchUrlsOnThePublicBaseUrl()
    {
        var admin = await app.SignedInAdminAsync();
        var (id, orgId) = await AdminTenantApi.CreateAsync(admin);

        using var fdi = JsonDocument.Parse(await admin.GetStringAsync($"/api/admin/tenants/{id}/fdi-records"));

        var urls = fdi.RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("url").GetString()).ToList();
        Assert.Equal(
            new[] { "providerlaunch", "nurselaunch", "patientlaunch", "zoomroomlaunch", "devicetest" }.Select(p => $"https://ez.mercy.example/epicfhir/{p}?org_id={orgId}"),
            urls);
    }

    [Fact]
    public async Task TenantPage_ForAUrlWithANonAsciiHost_ShowsTheHostInPunycode()
    {
        var admin = await app.SignedInAdminAsync();
        var body = AdminTenantApi.ValidBody();
        body["epicTelehealthBaseUrl"] = "https://fhir.m\u0435rcy.example/interconnect"; // Cyrillic е
        var (id, _) = await AdminTenantApi.CreateAsync(admin, body);

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync($"/tenants/{id}"));

        Assert.Contains("data-testid=\"punycode-host\"", html);
        Assert.Contains("https://" + new System.Globalization.IdnMapping().GetAscii("fhir.m\u0435rcy.example") + "/interconnect", html);
    }

    [Theory]
    [InlineData(EpicZoom.Application.Common.Security.AppRoles.HelpDesk, "hal.helpdesk")]
    [InlineData(EpicZoom.Application.Common.Security.AppRoles.Auditor, "audrey.auditor")]
    public async Task TenantPage_ForHelpDeskAndAuditor_IsReadOnly_SecretsOnlyAsSetAndNoSaveOrDelete(string role, string userName)
    {
        var admin = await app.SignedInAdminAsync();
        var (id, orgId) = await AdminTenantApi.CreateAsync(admin);
        var reader = await app.SignedInLocalUserAsync(userName, role);

        var response = await reader.GetAsync($"/tenants/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"tenant-read-only\"", html);
        Assert.Contains(orgId, html);
        Assert.Contains("data-testid=\"secret-state-ZoomClientSecret\"", html);
        Assert.All(Secrets, s => Assert.DoesNotContain(s, html));
        Assert.DoesNotContain("PRIVATE KEY", html);
        Assert.DoesNotContain("type=\"password\"", html); // no secret field at all, not even an empty masked one
        Assert.DoesNotContain("Save changes", html);
        Assert.DoesNotContain("Delete tenant", html);
        // The form's fields are there to read, not to type into.
        Assert.Matches("<input[^>]*readonly[^>]*name=\"OrgId\"|<input[^>]*name=\"OrgId\"[^>]*readonly", html);
        // And the new-tenant form stays the Administrator's.
        var create = await reader.GetAsync("/tenants/new");
        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        Assert.StartsWith("/account/access-denied", create.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task TenantPage_ForAnAdministrator_IsTheEditForm()
    {
        var admin = await app.SignedInAdminAsync();
        var (id, _) = await AdminTenantApi.CreateAsync(admin);

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync($"/tenants/{id}"));

        Assert.DoesNotContain("data-testid=\"tenant-read-only\"", html);
        Assert.Contains("Save changes", html);
        Assert.Contains("Delete tenant", html);
        Assert.Contains("type=\"password\"", html);
        Assert.DoesNotMatch("<input[^>]*readonly[^>]*name=\"OrgId\"|<input[^>]*name=\"OrgId\"[^>]*readonly", html);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/tenants/new")).StatusCode);
    }

    [Fact]
    public async Task DeletedTenant_IsGoneWithItsSecretsAndItsJwks()
    {
        var admin = await app.SignedInAdminAsync();
        var (id, orgId) = await AdminTenantApi.CreateAsync(admin);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/tenants/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/tenants/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync($"/jwks/{orgId}")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.CountAsync());
    }
}
