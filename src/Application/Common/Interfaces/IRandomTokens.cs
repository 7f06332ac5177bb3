namespace EpicZoom.Application.Common.Interfaces;

/// <summary>Cryptographically random, URL-safe tokens (OAuth state, PKCE verifiers, claims, passcodes).</summary>
public interface IRandomTokens
{
    /// <summary>base64url of <paramref name="bytes"/> random bytes.</summary>
    string NewToken(int bytes = 32);

    /// <summary>A Zoom meeting passcode: <paramref name="length"/> characters of [A-Za-z0-9].</summary>
    string NewPasscode(int length = 10);
}
