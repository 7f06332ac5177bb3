namespace EpicZoom.Domain.Tenants;

/// <summary>How the connection to an SMTP server is secured.</summary>
public enum EmailTlsMode
{
    /// <summary>STARTTLS after connecting, required (port 587): the usual submission port.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465, "SMTPS").</summary>
    SslOnConnect,

    /// <summary>No TLS: only for a relay on a trusted network or the sandbox. The password would cross the network in clear.</summary>
    None,
}
