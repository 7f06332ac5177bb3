using System.Text.RegularExpressions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Validation;
using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using FluentValidation;

namespace EpicZoom.Application.Tenants.Common;

/// <summary>The field rules shared by create and update; messages are written for the admin filling the form.</summary>
public sealed partial class TenantInputValidator : AbstractValidator<TenantInput>
{
    public const int MaxIdLength = 200;
    public const int MaxSecretLength = 4096;
    public const int MaxPemLength = 16384;

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\z", RegexOptions.IgnoreCase)]
    private static partial Regex DomainName();

    [GeneratedRegex(@"^[0-9]{1,10}\z")]
    private static partial Regex NumericCode();

    [GeneratedRegex(@"^[A-Za-z0-9._~/-]*\z")]
    private static partial Regex RelativePath();

    public TenantInputValidator(ISigningKeyService keys)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the organisation's name.")
            .MaximumLength(Tenant.MaxNameLength).NoControlCharacters();
        RuleFor(x => x.OrgId!)
            .Must(OrgId.IsValid).When(x => !string.IsNullOrEmpty(x.OrgId))
            .WithMessage($"The org_id must be {OrgId.MinLength} to {OrgId.MaxLength} letters, digits, '-' or '_' (leave it empty to generate one).");

        RuleFor(x => x.ZoomAccountId).NotEmpty().WithMessage("Enter the Zoom account ID of the Server-to-Server OAuth app.").MaximumLength(MaxIdLength).NoControlCharacters();
        RuleFor(x => x.ZoomClientId).NotEmpty().WithMessage("Enter the Zoom client ID of the Server-to-Server OAuth app.").MaximumLength(MaxIdLength).NoControlCharacters();
        RuleFor(x => x.ZoomUserEmailDomain).NotEmpty().WithMessage("Enter the e-mail domain for auto-created Zoom users, e.g. telehealth.example.org.")
            .Must(d => DomainName().IsMatch(d.Trim())).When(x => !string.IsNullOrWhiteSpace(x.ZoomUserEmailDomain), ApplyConditionTo.CurrentValidator)
            .WithMessage("Enter a domain name such as telehealth.example.org (no @, no http://).");
        RuleFor(x => x.ProviderUserType).IsInEnum();
        Url(x => x.ZoomOAuthBaseUrl, required: true);
        Url(x => x.ZoomApiBaseUrl, required: true);

        Url(x => x.EpicFhirBaseUrl, required: true);
        Url(x => x.EpicTelehealthBaseUrl, required: true);
        Url(x => x.EpicOAuthBaseUrl, required: false);
        RuleFor(x => x.EpicClientId).NotEmpty().WithMessage("Enter the Epic client ID for this tenant's environment.").MaximumLength(MaxIdLength)
            .NoControlCharacters() // it travels in the Epic-Client-ID header: a line break would split the request
            .Must(id => id is null || id.All(char.IsAscii)).WithMessage("Epic client IDs are plain ASCII (letters, digits, '-'); this one has other characters.");
        RuleFor(x => x.VendorName).NotEmpty().WithMessage("Enter the vendor name Epic expects in status reports.").MaximumLength(100).NoControlCharacters();
        RuleFor(x => x.Environment).IsInEnum();
        RuleFor(x => x.AdmittancePolicy).IsInEnum();
        RuleFor(x => x.TelehealthAuthMode).IsInEnum();
        RuleFor(x => x.TelehealthBasicUser).MaximumLength(MaxIdLength).NoControlCharacters()
            .Must(u => u is null || !u.Contains(':', StringComparison.Ordinal)).WithMessage("The Basic user must not contain ':' (it separates user and password).");
        foreach (var code in new System.Linq.Expressions.Expression<Func<TenantInput, string>>[]
                 { x => x.ConnectedStatusCode, x => x.DisconnectedStatusCode, x => x.PatientIdTypeCode, x => x.ProviderIdTypeCode })
        {
            RuleFor(code).Must(v => v is not null && NumericCode().IsMatch(v.Trim())).WithMessage("Enter a numeric code (1 to 10 digits).");
        }
        RuleFor(x => x.DeviceTestReportPath).NotEmpty().MaximumLength(500)
            .Must(p => RelativePath().IsMatch(p.Trim()) && !p.Contains("..", StringComparison.Ordinal))
            .WithMessage("Enter a path relative to the telehealth base URL, e.g. api/epic/2020/Telehealth/DeviceTest/SetDeviceTestResult.");

        Url(x => x.DeviceTestEndpointUrl, required: false);
        Url(x => x.ProviderDeviceTestHelpUrl, required: false);

        RuleFor(x => x.SmsApiBaseUrl).MaximumLength(2048);
        Url(x => x.SmsApiBaseUrl, required: false);
        RuleFor(x => x.SmsAccountSid).NotEmpty().When(x => x.SmsEnabled)
            .WithMessage("Enter the SMS provider's account SID (Twilio: starts with AC).").MaximumLength(MaxIdLength).NoControlCharacters();
        RuleFor(x => x.SmsFromNumber).NotEmpty().When(x => x.SmsEnabled).WithMessage("Enter the number texts are sent from.");
        RuleFor(x => x.SmsFromNumber).NoControlCharacters();
        RuleFor(x => x.SmsFromNumber)
            .Must(n => Domain.Sms.PhoneNumber.TryParse(n, out _, out _))
            .When(x => !string.IsNullOrWhiteSpace(x.SmsFromNumber))
            .WithMessage("Enter the sending number in international format, e.g. +1 555 010 0200.");
        RuleFor(x => x.SmsMessageTemplate).NoControlCharacters(allowLineBreaks: true);
        RuleFor(x => x.SmsMessageTemplate).Custom((template, context) =>
        {
            if (SmsSettings.TemplateProblem(template?.Trim() ?? "") is { } problem) context.AddFailure(problem);
        });
        RuleFor(x => x.SmsAuthToken).MaximumLength(MaxSecretLength);

        GuestRules();
        EmailRules();

        RuleFor(x => x.ZoomClientSecret).MaximumLength(MaxSecretLength);
        RuleFor(x => x.ZoomWebhookSecretToken).MaximumLength(MaxSecretLength);
        RuleFor(x => x.EpicClientSecret).MaximumLength(MaxSecretLength);
        RuleFor(x => x.TelehealthBasicPassword).MaximumLength(MaxSecretLength);
        RuleForEach(x => x.SecretsToRemove).IsInEnum()
            .NotEqual(TenantSecret.EpicPrivateKey).WithMessage("The signing key is removed with the signing-key choice 'Remove', not as a secret.");

        RuleFor(x => x.SmartLaunchScopes).Custom((scopes, context) =>
        {
            if (SmartSettings.LaunchScopesProblem(scopes) is { } problem) context.AddFailure(problem);
        });
        RuleFor(x => x.SmartBackendScopes).Custom((scopes, context) =>
        {
            if (SmartSettings.BackendScopesProblem(scopes) is { } problem) context.AddFailure(problem);
        });
        RuleFor(x => x.FrameAncestors).Custom((origins, context) =>
        {
            if (SmartSettings.FrameAncestorsProblem(origins) is { } problem) context.AddFailure(problem);
        });

        RuleFor(x => x.SigningKeyAction).IsInEnum();
        RuleFor(x => x.PrivateKeyPem)
            .NotEmpty().WithMessage("Paste the PEM private key (the privatekey.pem file) to import.")
            .MaximumLength(MaxPemLength)
            .Custom((pem, context) =>
            {
                if (string.IsNullOrEmpty(pem) || pem.Length > MaxPemLength) return;
                if (!keys.TryImport(pem, out _, out var problem)) context.AddFailure(problem);
            })
            .When(x => x.SigningKeyAction == SigningKeyAction.Import);
    }

    /// <summary>The domain's guest rules (<see cref="GuestSettings.Problem"/>), each on its own field so the form can show it there.</summary>
    private void GuestRules()
    {
        RuleFor(x => x.MaxGuestsPerVisit).InclusiveBetween(1, GuestSettings.MaxGuestsLimit)
            .WithMessage($"Guests per visit must be between 1 and {GuestSettings.MaxGuestsLimit}.");
        RuleFor(x => x.GuestsAllowFamilyCaregiver).Must((x, _) => x.GuestRoles != GuestRoles.None).When(x => x.GuestsEnabled)
            .WithMessage("Allow at least one guest role, or switch guests off.");
        TemplateRule(x => x.GuestSmsTemplate, "SMS invitation", GuestSettings.MaxSmsTemplateLength, requireLink: true);
        TemplateRule(x => x.GuestEmailSubject, "E-mail subject", GuestSettings.MaxEmailSubjectLength, requireLink: false);
        TemplateRule(x => x.GuestEmailTemplate, "E-mail invitation", GuestSettings.MaxEmailTemplateLength, requireLink: true);
    }

    private void TemplateRule(System.Linq.Expressions.Expression<Func<TenantInput, string>> field, string what, int maxLength, bool requireLink) =>
        RuleFor(field).Custom((template, context) =>
        {
            if (GuestSettings.TemplateProblem(what, template?.Trim() ?? "", maxLength, requireLink) is { } problem) context.AddFailure(problem);
        });

    /// <summary>The domain's e-mail rules (<see cref="TenantEmailSettings.Problem"/>), on their fields; a server is required only when the tenant uses its own.</summary>
    private void EmailRules()
    {
        RuleFor(x => x.EmailHost).MaximumLength(TenantEmailSettings.MaxHostLength).NoControlCharacters();
        RuleFor(x => x.EmailHost)
            .Must(h => !string.IsNullOrWhiteSpace(h) && !h.Trim().Any(c => c is ' ' or '/' or ':' or '@' || char.IsControl(c)))
            .When(x => x.EmailUseOwnServer)
            .WithMessage("Enter the SMTP host name, such as smtp.example.org (no scheme, port or path).");
        RuleFor(x => x.EmailPort).InclusiveBetween(1, 65535).When(x => x.EmailUseOwnServer)
            .WithMessage("The SMTP port must be between 1 and 65535 (usually 587 with STARTTLS, 465 with TLS on connect).");
        RuleFor(x => x.EmailTls).IsInEnum().WithMessage("Unknown TLS mode.");
        RuleFor(x => x.EmailTls)
            .Must((x, tls) => tls != EmailTlsMode.None || HttpUrl.IsLoopbackHost(x.EmailHost ?? "")
                              || (string.IsNullOrWhiteSpace(x.EmailUserName) && string.IsNullOrEmpty(x.SmtpPassword)))
            .When(x => x.EmailUseOwnServer)
            .WithMessage(TenantEmailSettings.ClearTextSignIn);
        RuleFor(x => x.EmailUserName).MaximumLength(TenantEmailSettings.MaxUserNameLength).NoControlCharacters();
        RuleFor(x => x.EmailFromAddress).MaximumLength(TenantEmailSettings.MaxAddressLength).NoControlCharacters();
        RuleFor(x => x.EmailFromAddress)
            .Must(BeAnAddress).When(x => x.EmailUseOwnServer || !string.IsNullOrWhiteSpace(x.EmailFromAddress))
            .WithMessage("Enter the sender address, such as telehealth@example.org.");
        RuleFor(x => x.EmailFromName).MaximumLength(TenantEmailSettings.MaxFromNameLength).NoControlCharacters();
        RuleFor(x => x.SmtpPassword).MaximumLength(MaxSecretLength).NoControlCharacters();
    }

    private static bool BeAnAddress(string? address)
    {
        var from = address?.Trim() ?? "";
        var at = from.IndexOf('@');
        return at >= 1 && at == from.LastIndexOf('@') && at < from.Length - 1 && !from.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }

    private void Url(System.Linq.Expressions.Expression<Func<TenantInput, string?>> field, bool required)
    {
        RuleFor(field).Custom((value, context) =>
        {
            if (!required && string.IsNullOrWhiteSpace(value)) return;
            if (!HttpUrl.IsAcceptableBaseUrl(value?.Trim(), out var problem)) context.AddFailure($"The URL {problem}");
        });
    }
}
