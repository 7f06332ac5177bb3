namespace EpicZoom.Domain.Tenants;

/// <summary>Which Epic environment the tenant's URLs and client id belong to; shown on every page of the tenant.</summary>
public enum EpicEnvironment
{
    Test = 0,
    Production = 1,
}

public enum PatientAdmittancePolicy
{
    /// <summary>The patient waits on EpicZoom's page and enters the meeting by themselves once the host is in.</summary>
    AutoAdmitWhenHostJoins = 0,

    /// <summary>The meeting has Zoom's waiting room on; the host admits each patient.</summary>
    HostAdmitsFromWaitingRoom = 1,
}

/// <summary>Zoom user type given to auto-created provider accounts (Zoom's own numeric values).</summary>
public enum ProviderUserType
{
    Basic = 1,
    Licensed = 2,
}

/// <summary>How EpicZoom authenticates to the tenant's telehealth status endpoint.</summary>
public enum TelehealthAuthMode
{
    /// <summary>A SMART backend-services token (client_credentials with a signed client assertion).</summary>
    BackendOAuthToken = 0,

    /// <summary>HTTP Basic with an "emp$"-prefixed Epic user and a password.</summary>
    BasicEmpUser = 1,
}
