using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.GetTenant;
using EpicZoom.Application.Tenants.UpdateTenant;
using EpicZoom.Application.Tests.Support;
using EpicZoom.Domain.Tenants;
using NSubstitute;

namespace EpicZoom.Application.Tests.Tenants;

/// <summary>
/// The tenant form's "Guests and interpreters" and "E-mail (SMTP)" sections through the real pipeline: the domain's
/// rules as field errors with words an admin can act on, the settings saved and read back by GetTenant, and the SMTP
/// password write-only (only "set / not set" comes back, an empty field keeps it, the database holds only ciphertext).
/// </summary>
public sealed class TenantGuestAndEmailSettingsTests : IDisposable
{
    private const string Password = "smtp-password-PLAIN";
    private readonly TestApp app = new();
    private readonly TenantInputValidator validator = new(Substitute.For<ISigningKeyService>());

    private static TenantInput OwnServer(TenantInput input)
    {
        input.EmailUseOwnServer = true;
        input.EmailHost = " smtp.acme.org ";
        input.EmailPort = 465;
        input.EmailTls = EmailTlsMode.SslOnConnect;
        input.EmailUserName = "telehealth";
        input.EmailFromAddress = "telehealth@acme.org";
        input.EmailFromName = "Acme Telehealth";
        return input;
    }

    private static TenantInput GuestsOn(TenantInput input)
    {
        input.GuestsEnabled = true;
        input.GuestsAllowClinician = false;
        input.MaxGuestsPerVisit = 3;
        input.GuestSmsTemplate = "{organization}: join as {role} at {link}";
        input.GuestEmailSubject = "Join {organization}";
        input.GuestEmailTemplate = "Hello,\n\nJoin here: {link}\n\n{organization}";
        return input;
    }

    private static void AssertFailsOnlyOn(FluentValidation.Results.ValidationResult result, string property, string message)
    {
        Assert.Equal([property], result.Errors.Select(e => e.PropertyName).Distinct());
        Assert.Contains(message, result.Errors[0].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenGuestsAndOwnServerAreSetWell_Passes()
    {
        var result = validator.Validate(GuestsOn(OwnServer(Inputs.Valid())));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData(nameof(TenantInput.MaxGuestsPerVisit), 0, "between 1 and 20")]
    [InlineData(nameof(TenantInput.MaxGuestsPerVisit), 21, "between 1 and 20")]
    [InlineData(nameof(TenantInput.GuestSmsTemplate), "Join {organization}", "must contain {link} exactly once")]
    [InlineData(nameof(TenantInput.GuestSmsTemplate), "{link} and again {link}", "must contain {link} exactly once")]
    [InlineData(nameof(TenantInput.GuestSmsTemplate), "Hello {patientName}: {link}", "'{patientName}' is not allowed (it could carry patient data)")]
    [InlineData(nameof(TenantInput.GuestSmsTemplate), "Visit on {appointmentTime}: {link}", "may use only {link}, {organization} and {role}")]
    [InlineData(nameof(TenantInput.GuestEmailSubject), "Click {link}", "may not contain {link}")]
    [InlineData(nameof(TenantInput.GuestEmailSubject), "For {mrn}", "'{mrn}' is not allowed")]
    [InlineData(nameof(TenantInput.GuestEmailSubject), "Line\r\nBcc: x@evil.example", "control characters or line breaks")]
    [InlineData(nameof(TenantInput.GuestEmailSubject), "", "The E-mail subject is required")]
    [InlineData(nameof(TenantInput.GuestEmailTemplate), "No link here", "must contain {link} exactly once")]
    [InlineData(nameof(TenantInput.GuestEmailTemplate), "Dear {PatientName}, {link}", "'{PatientName}' is not allowed")]
    [InlineData(nameof(TenantInput.GuestEmailTemplate), "Bell\u0007 {link}", "control characters")]
    public void Validate_WhenAGuestFieldBreaksARule_FailsOnThatField_Saying_Why(string property, object value, string message)
    {
        var input = Inputs.Valid();
        input.Set(property, value);

        AssertFailsOnlyOn(validator.Validate(input), property, message);
    }

    [Fact]
    public void Validate_WhenGuestsAreOnWithNoRole_FailsOnTheRoles()
    {
        var input = GuestsOn(Inputs.Valid());
        input.GuestsAllowFamilyCaregiver = input.GuestsAllowInterpreter = input.GuestsAllowClinician = false;

        AssertFailsOnlyOn(validator.Validate(input), nameof(TenantInput.GuestsAllowFamilyCaregiver), "Allow at least one guest role, or switch guests off.");
    }

    [Theory]
    [InlineData(nameof(TenantInput.EmailHost), "", "Enter the SMTP host name")]
    [InlineData(nameof(TenantInput.EmailHost), "smtp://smtp.acme.org", "no scheme, port or path")]
    [InlineData(nameof(TenantInput.EmailHost), "smtp.acme.org:587", "no scheme, port or path")]
    [InlineData(nameof(TenantInput.EmailHost), "smtp.acme.org\r\nEHLO evil", "must be on one line")]
    [InlineData(nameof(TenantInput.EmailHost), "smtp.acme.org\u0000", "invisible control character")]
    [InlineData(nameof(TenantInput.EmailPort), 0, "between 1 and 65535")]
    [InlineData(nameof(TenantInput.EmailPort), -25, "between 1 and 65535")]
    [InlineData(nameof(TenantInput.EmailPort), 70000, "between 1 and 65535")]
    [InlineData(nameof(TenantInput.EmailTls), (EmailTlsMode)9, "Unknown TLS mode")]
    [InlineData(nameof(TenantInput.EmailFromAddress), "", "Enter the sender address")]
    [InlineData(nameof(TenantInput.EmailFromAddress), "telehealth", "Enter the sender address")]
    [InlineData(nameof(TenantInput.EmailFromAddress), "a@b@acme.org", "Enter the sender address")]
    [InlineData(nameof(TenantInput.EmailFromAddress), "tele health@acme.org", "Enter the sender address")]
    [InlineData(nameof(TenantInput.EmailFromAddress), "telehealth@acme.org\r\nBcc: x@evil.example", "must be on one line")]
    [InlineData(nameof(TenantInput.EmailUserName), "user\nname", "must be on one line")]
    [InlineData(nameof(TenantInput.EmailFromName), "Acme\r\nBcc: x@evil.example", "must be on one line")]
    [InlineData(nameof(TenantInput.SmtpPassword), "pass\u0000word", "invisible control character")]
    public void Validate_WhenAnOwnServerFieldBreaksARule_FailsOnThatField_SayingWhy(string property, object value, string message)
    {
        var input = OwnServer(Inputs.Valid());
        input.Set(property, value);

        var result = validator.Validate(input);

        Assert.Equal([property], result.Errors.Select(e => e.PropertyName).Distinct());
        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(message, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("smtp.acme.org", "telehealth", null)]
    [InlineData("smtp.acme.org", "", Password)]
    [InlineData("192.168.10.5", "telehealth", Password)]
    public void Validate_WhenNoTlsWouldSendTheSignInInClear_FailsOnTheTlsMode(string host, string userName, string? password)
    {
        var input = OwnServer(Inputs.Valid());
        (input.EmailHost, input.EmailPort, input.EmailTls, input.EmailUserName, input.SmtpPassword) = (host, 25, EmailTlsMode.None, userName, password);

        var result = validator.Validate(input);

        AssertFailsOnlyOn(result, nameof(TenantInput.EmailTls), "would cross the network in clear: choose STARTTLS or TLS on connect");
        Assert.DoesNotContain(result.Errors, e => e.ErrorMessage.Contains(Password, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("localhost", "telehealth", Password)]
    [InlineData("127.0.0.1", "telehealth", Password)]
    [InlineData("relay.acme.internal", "", null)] // a relay that needs no sign-in: nothing secret crosses
    public void Validate_NoTls_IsAllowedForARelayOnThisMachineOrWithoutASignIn(string host, string userName, string? password)
    {
        var input = OwnServer(Inputs.Valid());
        (input.EmailHost, input.EmailPort, input.EmailTls, input.EmailUserName, input.SmtpPassword) = (host, 25, EmailTlsMode.None, userName, password);

        var result = validator.Validate(input);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Validate_WhenTheInstallationServerIsUsed_DoesNotAskForAHostPortOrSender()
    {
        var input = Inputs.Valid();
        input.EmailUseOwnServer = false;
        input.EmailHost = "";
        input.EmailPort = 0;
        input.EmailTls = EmailTlsMode.None;
        input.EmailUserName = "left-over";

        Assert.True(validator.Validate(input).IsValid);
    }

    [Fact]
    public async Task Create_ThenGetTenant_ReturnsEveryGuestAndEmailSetting_TrimmedWithThePasswordOnlyAsSet()
    {
        var input = GuestsOn(OwnServer(Inputs.Valid()));
        input.SmtpPassword = Password;
        var id = (await app.CreateTenant(input)).Id;

        var dto = await app.Send(new GetTenantQuery(id));

        var form = dto.Form;
        Assert.Equal((true, true, true, false, 3), (form.GuestsEnabled, form.GuestsAllowFamilyCaregiver, form.GuestsAllowInterpreter, form.GuestsAllowClinician, form.MaxGuestsPerVisit));
        Assert.Equal(("{organization}: join as {role} at {link}", "Join {organization}", "Hello,\n\nJoin here: {link}\n\n{organization}"),
            (form.GuestSmsTemplate, form.GuestEmailSubject, form.GuestEmailTemplate));
        Assert.Equal((true, "smtp.acme.org", 465, EmailTlsMode.SslOnConnect, "telehealth", "telehealth@acme.org", "Acme Telehealth"),
            (form.EmailUseOwnServer, form.EmailHost, form.EmailPort, form.EmailTls, form.EmailUserName, form.EmailFromAddress, form.EmailFromName));
        Assert.Null(form.SmtpPassword);
        Assert.True(dto.SecretIsSet[TenantSecret.SmtpPassword]);
        Assert.Equal(new GuestSettings(true, GuestRoles.FamilyCaregiver | GuestRoles.Interpreter, 3,
            "{organization}: join as {role} at {link}", "Join {organization}", "Hello,\n\nJoin here: {link}\n\n{organization}"), app.StoredTenant(id).Guests);
    }

    [Fact]
    public async Task Update_StoresGuestAndEmailSettings_AndAuditsThemByNameOnly()
    {
        var id = (await app.CreateTenant()).Id;

        await app.Send(new UpdateTenantCommand(id, GuestsOn(OwnServer(Inputs.Valid()))));

        var tenant = app.StoredTenant(id);
        Assert.True(tenant.Guests.Allows(GuestRole.Interpreter));
        Assert.False(tenant.Guests.Allows(GuestRole.Clinician));
        Assert.Equal(new TenantEmailSettings(true, "smtp.acme.org", 465, EmailTlsMode.SslOnConnect, "telehealth", "telehealth@acme.org", "Acme Telehealth"), tenant.Email);
        var audit = app.StoredAudit().Last(a => a.Action == "TenantUpdated");
        Assert.Equal("Guests changed; Email changed", audit.Summary);
    }

    [Fact]
    public async Task SmtpPassword_IsStoredOnlyEncrypted_KeptWhenLeftEmpty_ReplacedWhenTyped_AndRemovedOnRequest()
    {
        var input = OwnServer(Inputs.Valid());
        input.SmtpPassword = Password;
        var id = (await app.CreateTenant(input)).Id;

        // In the database: the protector's output, and the plaintext nowhere in the row.
        Assert.Equal(TestApp.Protected(Password), app.StoredTenant(id).SmtpPasswordProtected);
        var row = app.Db.RawValues("Tenants");
        Assert.Contains(TestApp.Protected(Password), row);
        Assert.DoesNotContain(row, v => v.Contains(Password, StringComparison.Ordinal));

        // The form as GetTenant loaded it comes back with an empty password: the stored one stays.
        var loaded = (await app.Send(new GetTenantQuery(id))).Form;
        Assert.Null(loaded.SmtpPassword);
        loaded.EmailFromName = "Acme Video Visits";
        await app.Send(new UpdateTenantCommand(id, loaded));
        Assert.Equal(TestApp.Protected(Password), app.StoredTenant(id).SmtpPasswordProtected);
        Assert.Equal("Acme Video Visits", app.StoredTenant(id).Email.FromName);
        Assert.True((await app.Send(new GetTenantQuery(id))).SecretIsSet[TenantSecret.SmtpPassword]);

        var replace = (await app.Send(new GetTenantQuery(id))).Form;
        replace.SmtpPassword = "a-new-smtp-PLAIN";
        await app.Send(new UpdateTenantCommand(id, replace));
        Assert.Equal(TestApp.Protected("a-new-smtp-PLAIN"), app.StoredTenant(id).SmtpPasswordProtected);
        Assert.Equal("SmtpPassword replaced", app.StoredAudit().Last(a => a.Action == "TenantUpdated").Summary);

        var remove = (await app.Send(new GetTenantQuery(id))).Form;
        remove.SecretsToRemove = [TenantSecret.SmtpPassword];
        await app.Send(new UpdateTenantCommand(id, remove));
        Assert.False(app.StoredTenant(id).HasSecret(TenantSecret.SmtpPassword));
        Assert.False((await app.Send(new GetTenantQuery(id))).SecretIsSet[TenantSecret.SmtpPassword]);
        Assert.Equal("SmtpPassword removed", app.StoredAudit().Last(a => a.Action == "TenantUpdated").Summary);
        Assert.DoesNotContain(app.StoredAudit(), a => a.Summary.Contains("PLAIN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_WhenAnEmailRuleIsBroken_FailsOnTheFieldAndSavesNothing()
    {
        var id = (await app.CreateTenant()).Id;
        var input = OwnServer(Inputs.Valid());
        input.EmailFromAddress = "not-an-address";
        input.SmtpPassword = Password;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.Send(new UpdateTenantCommand(id, input)));

        Assert.Equal(["Input.EmailFromAddress"], ex.Errors.Keys);
        Assert.Equal(TenantEmailSettings.Installation, app.StoredTenant(id).Email);
        Assert.False(app.StoredTenant(id).HasSecret(TenantSecret.SmtpPassword));
    }

    [Fact]
    public async Task Update_WhenNoTlsWouldSendAStoredPasswordInClear_IsRefusedOnTheTlsMode()
    {
        var input = OwnServer(Inputs.Valid());
        input.SmtpPassword = Password;
        var id = (await app.CreateTenant(input)).Id;
        var downgrade = (await app.Send(new GetTenantQuery(id))).Form; // password field empty: the stored one would be used
        downgrade.EmailTls = EmailTlsMode.None;
        downgrade.EmailPort = 25;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.Send(new UpdateTenantCommand(id, downgrade)));

        Assert.Equal(["Input.EmailTls"], ex.Errors.Keys);
        Assert.Equal(EmailTlsMode.SslOnConnect, app.StoredTenant(id).Email.Tls);
    }

    public void Dispose() => app.Dispose();
}
