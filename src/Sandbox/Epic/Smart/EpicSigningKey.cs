using EpicZoom.Sandbox.Common;

namespace EpicZoom.Sandbox.Epic.Smart;

/// <summary>The key the Epic simulator signs id_tokens with, published at its JWKS endpoint.</summary>
internal sealed class EpicSigningKey() : SandboxSigningKey("");
