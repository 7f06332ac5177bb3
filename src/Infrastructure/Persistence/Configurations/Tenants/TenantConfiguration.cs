using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpicZoom.Infrastructure.Persistence.Configurations.Tenants;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    private const int UrlLength = 2048;
    private const int IdLength = 200;
    private const int CipherLength = 32768;

    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(Tenant.MaxNameLength).IsRequired();
        builder.Property(t => t.OrgId).HasMaxLength(OrgId.MaxLength).IsRequired();
        builder.HasIndex(t => t.OrgId).IsUnique();
        builder.Property(t => t.Environment).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.AdmittancePolicy).HasConversion<string>().HasMaxLength(40);

        builder.ComplexProperty(t => t.Zoom, zoom =>
        {
            zoom.Property(z => z.AccountId).HasMaxLength(IdLength).HasColumnName("ZoomAccountId");
            zoom.Property(z => z.ClientId).HasMaxLength(IdLength).HasColumnName("ZoomClientId");
            zoom.Property(z => z.UserEmailDomain).HasMaxLength(253).HasColumnName("ZoomUserEmailDomain");
            zoom.Property(z => z.ProviderUserType).HasConversion<string>().HasMaxLength(20).HasColumnName("ZoomProviderUserType");
            zoom.Property(z => z.OAuthBaseUrl).HasMaxLength(UrlLength).HasColumnName("ZoomOAuthBaseUrl");
            zoom.Property(z => z.ApiBaseUrl).HasMaxLength(UrlLength).HasColumnName("ZoomApiBaseUrl");
        });
        builder.ComplexProperty(t => t.Epic, epic =>
        {
            epic.Property(e => e.FhirBaseUrl).HasMaxLength(UrlLength).HasColumnName("EpicFhirBaseUrl");
            epic.Property(e => e.TelehealthBaseUrl).HasMaxLength(UrlLength).HasColumnName("EpicTelehealthBaseUrl");
            epic.Property(e => e.OAuthBaseUrl).HasMaxLength(UrlLength).HasColumnName("EpicOAuthBaseUrl");
            epic.Property(e => e.ClientId).HasMaxLength(IdLength).HasColumnName("EpicClientId");
            epic.Property(e => e.VendorName).HasMaxLength(100).HasColumnName("EpicVendorName");
            epic.Property(e => e.TelehealthAuthMode).HasConversion<string>().HasMaxLength(40).HasColumnName("EpicTelehealthAuthMode");
            epic.Property(e => e.TelehealthBasicUser).HasMaxLength(IdLength).HasColumnName("EpicTelehealthBasicUser");
            epic.Property(e => e.DeviceTestReportPath).HasMaxLength(500).HasColumnName("EpicDeviceTestReportPath");
            epic.ComplexProperty(e => e.StatusCodes, codes =>
            {
                codes.Property(c => c.Connected).HasMaxLength(10).HasColumnName("EpicConnectedCode");
                codes.Property(c => c.Disconnected).HasMaxLength(10).HasColumnName("EpicDisconnectedCode");
                codes.Property(c => c.PatientIdType).HasMaxLength(10).HasColumnName("EpicPatientIdTypeCode");
                codes.Property(c => c.ProviderIdType).HasMaxLength(10).HasColumnName("EpicProviderIdTypeCode");
            });
        });
        builder.ComplexProperty(t => t.DeviceTest, device =>
        {
            device.Property(d => d.EndpointUrl).HasMaxLength(UrlLength).HasColumnName("DeviceTestEndpointUrl");
            device.Property(d => d.ProviderHelpUrl).HasMaxLength(UrlLength).HasColumnName("DeviceTestProviderHelpUrl");
        });
        // Defaults so tenants saved before SMS existed read as "SMS off" (the migration fills them in).
        builder.ComplexProperty(t => t.Sms, sms =>
        {
            sms.Property(m => m.Enabled).HasColumnName("SmsEnabled").HasDefaultValue(false);
            sms.Property(m => m.ApiBaseUrl).HasMaxLength(UrlLength).HasColumnName("SmsApiBaseUrl").HasDefaultValue(SmsSettings.DefaultApiBaseUrl);
            sms.Property(m => m.AccountSid).HasMaxLength(IdLength).HasColumnName("SmsAccountSid").HasDefaultValue("");
            sms.Property(m => m.FromNumber).HasMaxLength(20).HasColumnName("SmsFromNumber").HasDefaultValue("");
            sms.Property(m => m.MessageTemplate).HasMaxLength(SmsSettings.MaxTemplateLength).HasColumnName("SmsMessageTemplate")
                .HasDefaultValue(SmsSettings.DefaultTemplate);
        });
        // Defaults so tenants saved before these settings existed ask for the default scopes and may not be framed.
        builder.ComplexProperty(t => t.Smart, smart =>
        {
            smart.Property(m => m.LaunchScopes).HasMaxLength(SmartSettings.MaxScopesLength).HasColumnName("SmartLaunchScopes")
                .HasDefaultValue(SmartSettings.DefaultLaunchScopes);
            smart.Property(m => m.BackendScopes).HasMaxLength(SmartSettings.MaxScopesLength).HasColumnName("SmartBackendScopes")
                .HasDefaultValue(SmartSettings.DefaultBackendScopes);
            smart.Property(m => m.FrameAncestors).HasMaxLength(SmartSettings.MaxFrameAncestorsLength).HasColumnName("FrameAncestors")
                .HasDefaultValue("");
        });
        // Defaults so tenants saved before guests existed read as "guests off, installation e-mail".
        builder.ComplexProperty(t => t.Guests, guests =>
        {
            guests.Property(g => g.Enabled).HasColumnName("GuestsEnabled").HasDefaultValue(false);
            guests.Property(g => g.AllowedRoles).HasColumnName("GuestRoles").HasDefaultValue(GuestRoles.All);
            guests.Property(g => g.MaxGuestsPerVisit).HasColumnName("GuestsPerVisit").HasDefaultValue(GuestSettings.DefaultMaxGuests);
            guests.Property(g => g.SmsTemplate).HasMaxLength(GuestSettings.MaxSmsTemplateLength).HasColumnName("GuestSmsTemplate")
                .HasDefaultValue(GuestSettings.DefaultSmsTemplate);
            guests.Property(g => g.EmailSubject).HasMaxLength(GuestSettings.MaxEmailSubjectLength).HasColumnName("GuestEmailSubject")
                .HasDefaultValue(GuestSettings.DefaultEmailSubject);
            // The column default is empty: SQLite takes only a constant there, and the template has line breaks. The
            // migration fills in the default template; new tenants always carry theirs.
            guests.Property(g => g.EmailTemplate).HasMaxLength(GuestSettings.MaxEmailTemplateLength).HasColumnName("GuestEmailTemplate").HasDefaultValue("");
        });
        builder.ComplexProperty(t => t.Email, email =>
        {
            email.Property(e => e.UseOwnServer).HasColumnName("EmailOwnServer").HasDefaultValue(false);
            email.Property(e => e.Host).HasMaxLength(TenantEmailSettings.MaxHostLength).HasColumnName("EmailHost").HasDefaultValue("");
            email.Property(e => e.Port).HasColumnName("EmailPort").HasDefaultValue(587);
            email.Property(e => e.Tls).HasColumnName("EmailTls").HasDefaultValue(EmailTlsMode.StartTls);
            email.Property(e => e.UserName).HasMaxLength(TenantEmailSettings.MaxUserNameLength).HasColumnName("EmailUserName").HasDefaultValue("");
            email.Property(e => e.FromAddress).HasMaxLength(TenantEmailSettings.MaxAddressLength).HasColumnName("EmailFromAddress").HasDefaultValue("");
            email.Property(e => e.FromName).HasMaxLength(TenantEmailSettings.MaxFromNameLength).HasColumnName("EmailFromName").HasDefaultValue("");
        });
        builder.ComplexProperty(t => t.SigningKey, key =>
        {
            key.Property(k => k.KeyId).HasMaxLength(100).HasColumnName("SigningKeyId");
            key.Property(k => k.PublicJwkJson).HasMaxLength(8192).HasColumnName("SigningPublicJwk");
            key.Property(k => k.CreatedAtUtc).HasColumnName("SigningKeyCreatedAtUtc");
            key.Property(k => k.Imported).HasColumnName("SigningKeyImported");
        });

        builder.Property(t => t.ZoomSettingsWarning).HasMaxLength(Tenant.MaxWarningLength);
        builder.Property(t => t.ZoomClientSecretProtected).HasMaxLength(CipherLength);
        builder.Property(t => t.ZoomWebhookSecretTokenProtected).HasMaxLength(CipherLength);
        builder.Property(t => t.EpicClientSecretProtected).HasMaxLength(CipherLength);
        builder.Property(t => t.EpicPrivateKeyProtected).HasMaxLength(CipherLength);
        builder.Property(t => t.TelehealthBasicPasswordProtected).HasMaxLength(CipherLength);
        builder.Property(t => t.SmsAuthTokenProtected).HasMaxLength(CipherLength);
        builder.Property(t => t.SmtpPasswordProtected).HasMaxLength(CipherLength);
    }
}
