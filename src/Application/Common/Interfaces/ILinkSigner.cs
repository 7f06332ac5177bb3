namespace EpicZoom.Application.Common.Interfaces;

/// <summary>
/// Short signed links: an id plus a truncated HMAC under an install-wide key, so a link can be checked before any
/// database read and cannot be guessed or altered. Also a keyed fingerprint for values that must be matched but not
/// kept readable (phone numbers for opt-outs and rate limits).
/// </summary>
public interface ILinkSigner
{
    /// <summary>URL-safe "id.signature".</summary>
    string Sign(string id);

    /// <summary>The id, or null when the token is malformed or its signature does not match.</summary>
    string? Verify(string token);

    /// <summary>Hex HMAC of the value (64 characters): equal values match, the value itself cannot be read back.</summary>
    string Fingerprint(string value);
}
