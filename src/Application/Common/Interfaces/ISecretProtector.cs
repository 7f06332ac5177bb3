namespace EpicZoom.Application.Common.Interfaces;

/// <summary>Encrypts secrets for storage; only this application instance's key ring can read them back.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);
    string Unprotect(string protectedValue);
}
