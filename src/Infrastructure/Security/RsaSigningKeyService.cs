using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Tenants;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Infrastructure.Security;

/// <summary>RSA keys for private_key_jwt (RS384, as Epic requires); kid is the RFC 7638 thumbprint of the public key.</summary>
internal sealed class RsaSigningKeyService(TimeProvider clock) : ISigningKeyService
{
    public const int KeySizeBits = 2048;
    public const string Algorithm = "RS384";

    public SigningKeyPair Generate()
    {
        using var rsa = RSA.Create(KeySizeBits);
        return ToPair(rsa, imported: false);
    }

    public bool TryImport(string pem, out SigningKeyPair? pair, out string problem)
    {
        pair = null;
        problem = "";
        var text = pem.Trim();
        if (!PemEncoding.TryFind(text, out var fields))
        {
            problem = "This is not a PEM file: paste the whole key including the -----BEGIN ... PRIVATE KEY----- line.";
            return false;
        }
        var label = text[fields.Label];
        if (label == "ENCRYPTED PRIVATE KEY")
        {
            problem = "The key is password-protected: export it without a password (openssl pkcs8 -nocrypt) and paste that.";
            return false;
        }
        if (label is not ("RSA PRIVATE KEY" or "PRIVATE KEY"))
        {
            problem = $"Expected an RSA private key (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY), found '{label}'.";
            return false;
        }
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(text);
            if (rsa.KeySize < KeySizeBits)
            {
                problem = $"The key has {rsa.KeySize} bits; Epic needs at least {KeySizeBits}.";
                return false;
            }
            pair = ToPair(rsa, imported: true);
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            problem = "The PEM does not hold an RSA private key (an EC key or a damaged file?).";
            return false;
        }
    }

    private SigningKeyPair ToPair(RSA rsa, bool imported)
    {
        var p = rsa.ExportParameters(includePrivateParameters: false);
        var n = Base64UrlEncoder.Encode(p.Modulus);
        var e = Base64UrlEncoder.Encode(p.Exponent);
        // RFC 7638: members in lexicographic order, no whitespace.
        var thumbprintInput = $"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}";
        var kid = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprintInput)));
        var jwk = new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = Algorithm, ["kid"] = kid, ["n"] = n, ["e"] = e };
        var publicPart = new SigningKey(kid, jwk.ToJsonString(), clock.GetUtcNow().UtcDateTime, imported);
        return new SigningKeyPair(publicPart, rsa.ExportPkcs8PrivateKeyPem());
    }
}
