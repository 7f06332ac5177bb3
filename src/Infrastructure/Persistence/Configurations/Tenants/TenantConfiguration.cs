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
    }
}
