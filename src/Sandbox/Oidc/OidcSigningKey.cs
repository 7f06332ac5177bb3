using EpicZoom.Sandbox.Common;

namespace EpicZoom.Sandbox.Oidc;

/// <summary>The sandbox IdP's key, published at its JWKS endpoint; it also checks the id_token_hint of a sign-out.</summary>
internal sealed class OidcSigningKey() : SandboxSigningKey("oidc-");
