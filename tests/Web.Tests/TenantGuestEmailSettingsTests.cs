using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests;

/// <summary>
/// The guest and e-mail settings through the admin API over real HTTP: saved, read back with the SMTP password only as
/// "set", kept when a later save leaves it empty, stored only as ciphertext; hostile or wrong values refused with a 400
/// that names the field in words, and nothing written. On SQLite and PostgreSQL (which refuses NUL outright).
/// </summary>
public abstract class TenantGuestEmailSettingsTests(AdminApp fixture)
{
    private const string SmtpPassword = "smtp-password-k4j5h6";

    private static string NewOrgId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static Dictionary<string, object?> Body(string orgId)
    {
        var body = AdminTenantApi.ValidBody(orgId);
        body["guestsEnabled"] = true;
        body["guestsAllowClinician"] = false;
        body["maxGuestsPerVisit"] = 4;
        body["guestSmsTemplate"] = "{organization} invites you as {role}: {link}";
        body["guestEmailSubject"] = "Video visit with {organization}";
        body["guestEmailTemplate"] = "Hello,\n\nJoin as {role}: {link}";
        body["emailUseOwnServer"] = true;
        body["emailHost"] = "smtp.mercy.example";
        body["emailPort"] = 465;
        body["emailTls"] = "SslOnConnect";
        body["emailUserName"] = "telehealth";
        body["smtpPassword"] = SmtpPassword;
        body["emailFromAddress"] = "telehealth@mercy.example";
        body["emailFromName"] = "Mercy Telehealth";
        return body;
    }

    private async Task<Tenant> StoredAsync(Guid id)
    {
        var tenantId = new TenantId(id);
        return await fixture.Server.DbAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId));
    }

    private string Unprotect(string cipher) => fixture.Server.Services.GetRequiredService<ISecretProtector>().Unprotect(cipher);

    [Fact]
    public async Task SavedGuestAndEmailSettings_ReadBack_WithThePasswordOnlyAsSet()
    {
        var admin = await fixture.AdminAsync();
        var (id, _) = await AdminTenantApi.CreateAsync(admin, Body(NewOrgId("ge")));

        var json = await admin.GetStringAsync($"/api/admin/tenants/{id}");

        Assert.DoesNotContain(SmtpPassword, json);
        using var dto = JsonDocument.Parse(json);
        var form = dto.RootElement.GetProperty("form");
        Assert.True(form.GetProperty("guestsEnabled").GetBoolean());
        Assert.True(form.GetProperty("guestsAllowInterpreter").GetBoolean());
        Assert.False(form.GetProperty("guestsAllowClinician").GetBoolean());
        Assert.Equal(4, form.GetProperty("maxGuestsPerVisit").GetInt32());
        Assert.Equal("{organization} invites you as {role}: {link}", form.GetProperty("guestSmsTemplate").GetString());
        Assert.Equal("Video visit with {organization}", form.GetProperty("guestEmailSubject").GetString());
        Assert.Equal("Hello,\n\nJoin as {role}: {link}", form.GetProperty("guestEmailTemplate").GetString());
        Assert.True(form.GetProperty("emailUseOwnServer").GetBoolean());
        Assert.Equal("smtp.mercy.example", form.GetProperty("emailHost").GetString());
        Assert.Equal(465, form.GetProperty("emailPort").GetInt32());
        Assert.Equal("SslOnConnect", form.GetProperty("emailTls").GetString());
        Assert.Equal("telehealth", form.GetProperty("emailUserName").GetString());
        Assert.Equal("telehealth@mercy.example", form.GetProperty("emailFromAddress").GetString());
        Assert.Equal("Mercy Telehealth", form.GetProperty("emailFromName").GetString());
        Assert.True(dto.RootElement.GetProperty("secretIsSet").GetProperty("SmtpPassword").GetBoolean());
        Assert.Equal(JsonValueKind.Null, form.GetProperty("smtpPassword").ValueKind);
    }

    [Fact]
    public async Task TheSmtpPassword_IsOnlyCiphertextInTheDatabase_KeptWhenAnUpdateLeavesItEmpty_AndReplacedWhenTyped()
    {
        var admin = await fixture.AdminAsync();
        var orgId = NewOrgId("gk");
        var (id, _) = await AdminTenantApi.CreateAsync(admin, Body(orgId));
        var first = (await StoredAsync(id)).SmtpPasswordProtected!;
        Assert.DoesNotContain(SmtpPassword, first);
        Assert.Equal(SmtpPassword, Unprotect(first));

        // A later save (the port changed) with the password field empty: the stored password stays as it was.
        var update = Body(orgId);
        update["smtpPassword"] = null;
        update["emailPort"] = 587;
        update["emailTls"] = "StartTls";
        update["signingKeyAction"] = "Keep";
        (await admin.PutAsJsonAsync($"/api/admin/tenants/{id}", update, AdminTenantApi.Json)).EnsureSuccessStatusCode();

        var kept = await StoredAsync(id);
        Assert.Equal((587, EmailTlsMode.StartTls), (kept.Email.Port, kept.Email.Tls));
        Assert.Equal(first, kept.SmtpPasswordProtected);
        using (var dto = JsonDocument.Parse(await admin.GetStringAsync($"/api/admin/tenants/{id}")))
            Assert.True(dto.RootElement.GetProperty("secretIsSet").GetProperty("SmtpPassword").GetBoolean());

        update["smtpPassword"] = "rotated-smtp-password-8d7c";
        (await admin.PutAsJsonAsync($"/api/admin/tenants/{id}", update, AdminTenantApi.Json)).EnsureSuccessStatusCode();

        var replaced = (await StoredAsync(id)).SmtpPasswordProtected!;
        Assert.DoesNotContain("rotated-smtp-password-8d7c", replaced);
        Assert.Equal("rotated-smtp-password-8d7c", Unprotect(replaced));
        Assert.DoesNotContain("rotated-smtp-password-8d7c", await admin.GetStringAsync($"/api/admin/tenants/{id}"));
    }

    // (JSON field, its raw JSON value, the error key, words the message must contain)
    public static TheoryData<string, string, string, string> HostileValues => new()
    {
        { "emailHost", "\"smtp.mer\\u0000cy.example\"", "EmailHost", "control character" },
        { "emailHost", "\"smtp.mercy.example\\r\\nRCPT TO:<all@evil.example>\"", "EmailHost", "one line" },
        { "emailHost", "\"smtp://smtp.mercy.example:25\"", "EmailHost", "no scheme, port or path" },
        { "emailPort", "0", "EmailPort", "between 1 and 65535" },
        { "emailPort", "70000", "EmailPort", "between 1 and 65535" },
        { "emailTls", "\"None\"", "EmailTls", "in clear" },
        { "emailFromName", "\"Mercy\\r\\nBcc: all@evil.example\"", "EmailFromName", "one line" },
        { "emailFromAddress", "\"telehealth\\u0000@mercy.example\"", "EmailFromAddress", "control character" },
        { "emailFromAddress", "\"telehealth\"", "EmailFromAddress", "sender address" },
        { "guestEmailSubject", "\"Visit\\r\\nBcc: all@evil.example\"", "GuestEmailSubject", "line breaks" },
        { "guestSmsTemplate", "\"Dear {patientName}: {link}\"", "GuestSmsTemplate", "'{patientName}' is not allowed" },
        { "guestEmailTemplate", "\"Join us, {organization}\"", "GuestEmailTemplate", "{link} exactly once" },
        { "maxGuestsPerVisit", "50", "MaxGuestsPerVisit", "between 1 and 20" },
    };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Create_WithAHostileOrWrongGuestOrEmailValue_Is400OnThatFieldInWords_AndSavesNothing(string field, string rawJson, string key, string words)
    {
        var admin = await fixture.AdminAsync();
        var body = Body(NewOrgId("gh"));
        body[field] = "@@HOSTILE@@";
        var json = JsonSerializer.Serialize(body, AdminTenantApi.Json).Replace("\"@@HOSTILE@@\"", rawJson, StringComparison.Ordinal);
        var before = await admin.GetStringAsync("/api/admin/tenants");

        var response = await admin.PostAsync("/api/admin/tenants", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(SmtpPassword, text);
        using var problem = JsonDocument.Parse(text);
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty($"Input.{key}", out var messages), errors.ToString());
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(words, StringComparison.Ordinal));
        Assert.Equal(before, await admin.GetStringAsync("/api/admin/tenants"));
    }

    [Fact]
    public async Task Update_ThatWouldSendTheStoredPasswordWithoutTls_Is400OnTheTlsMode_AndChangesNothing()
    {
        var admin = await fixture.AdminAsync();
        var orgId = NewOrgId("gt");
        var (id, _) = await AdminTenantApi.CreateAsync(admin, Body(orgId));
        var update = Body(orgId);
        update["smtpPassword"] = null; // the stored password would be used
        update["emailTls"] = "None";
        update["emailPort"] = 25;
        update["signingKeyAction"] = "Keep";

        var response = await admin.PutAsJsonAsync($"/api/admin/tenants/{id}", update, AdminTenantApi.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Input.EmailTls"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var stored = await StoredAsync(id);
        Assert.Equal((465, EmailTlsMode.SslOnConnect), (stored.Email.Port, stored.Email.Tls));
    }

    [Theory]
    [InlineData("emailPort", "99999999999", "emailPort")]
    [InlineData("emailPort", "\"port 465\"", "emailPort")]
    [InlineData("emailTls", "\"Ssl3\"", "emailTls")]
    [InlineData("maxGuestsPerVisit", "2.5", "maxGuestsPerVisit")]
    public async Task Create_WithAValueOfTheWrongType_Is400NamingTheField_NotAServerError(string field, string rawJson, string key)
    {
        var admin = await fixture.AdminAsync();
        var body = Body(NewOrgId("gp"));
        body[field] = "@@WRONG@@";
        var json = JsonSerializer.Serialize(body, AdminTenantApi.Json).Replace("\"@@WRONG@@\"", rawJson, StringComparison.Ordinal);

        var response = await admin.PostAsync("/api/admin/tenants", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(key, out var messages), errors.ToString());
        Assert.DoesNotContain("Exception", messages.ToString(), StringComparison.Ordinal);
    }
}

public sealed class TenantGuestEmailSettingsSqliteTests(AdminApp fixture) : TenantGuestEmailSettingsTests(fixture), IClassFixture<AdminApp>;

public sealed class TenantGuestEmailSettingsPostgresTests(PostgresAdminApp fixture) : TenantGuestEmailSettingsTests(fixture), IClassFixture<PostgresAdminApp>;
