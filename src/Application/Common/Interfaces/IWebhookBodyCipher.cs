using EpicZoom.Domain.Tenants;

namespace EpicZoom.Application.Common.Interfaces;

/// <summary>
/// Encrypts stored webhook bodies (they name participants). Authenticated and bound to the tenant and the body hash:
/// a body moved to another row or altered does not decrypt. Reads every format ever written.
/// </summary>
public interface IWebhookBodyCipher
{
    string Protect(TenantId tenantId, string bodyHash, ReadOnlySpan<byte> body);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The value was altered or belongs to another row.</exception>
    byte[] Unprotect(TenantId tenantId, string bodyHash, string bodyProtected);
}
