using EpicZoom.Domain.Tenants;

namespace EpicZoom.Web.Common;

public sealed record EnumOption<T>(T Value, string Text);

/// <summary>Words an admin reads in drop-downs instead of enum identifiers.</summary>
public static class EnumOptions
{
    public static IReadOnlyList<EnumOption<EpicEnvironment>> Environments { get; } =
    [
        new(EpicEnvironment.Test, "Test"),
        new(EpicEnvironment.Production, "Production"),
    ];

    public static IReadOnlyList<EnumOption<PatientAdmittancePolicy>> AdmittancePolicies { get; } =
    [
        new(PatientAdmittancePolicy.AutoAdmitWhenHostJoins, "Admit automatically once the host has joined"),
        new(PatientAdmittancePolicy.HostAdmitsFromWaitingRoom, "Host admits each patient from Zoom's waiting room"),
    ];

    public static IReadOnlyList<EnumOption<ProviderUserType>> ProviderUserTypes { get; } =
    [
        new(ProviderUserType.Licensed, "Licensed (type 2)"),
        new(ProviderUserType.Basic, "Basic (type 1)"),
    ];

    public static IReadOnlyList<EnumOption<TelehealthAuthMode>> TelehealthAuthModes { get; } =
    [
        new(TelehealthAuthMode.BackendOAuthToken, "Backend OAuth token (SMART backend services, needs the signing key)"),
        new(TelehealthAuthMode.BasicEmpUser, "Basic authentication with an Epic user (emp$user)"),
    ];

    public static IReadOnlyList<EnumOption<EmailTlsMode>> EmailTlsModes { get; } =
    [
        new(EmailTlsMode.StartTls, "STARTTLS, required (usually port 587)"),
        new(EmailTlsMode.SslOnConnect, "TLS from the first byte (usually port 465)"),
        new(EmailTlsMode.None, "No TLS: a relay without sign-in, or one on this machine"),
    ];
}
