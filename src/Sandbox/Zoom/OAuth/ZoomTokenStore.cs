using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.OAuth;

internal sealed record ZoomAccessToken(string AccountId, DateTimeOffset ExpiresAt);

/// <summary>Issued S2S tokens. Several may be valid at once, as with Zoom.</summary>
internal sealed class ZoomTokenStore(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<string, ZoomAccessToken> tokens = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Zoom;

    public string Issue(string accountId, DateTimeOffset expiresAt)
    {
        var token = RandomIds.Token();
        tokens.Set(token, new ZoomAccessToken(accountId, expiresAt));
        return token;
    }

    public ZoomAccessToken? Find(string token, DateTimeOffset now) =>
        tokens.TryGet(token, out var value) && value.ExpiresAt > now ? value : null;

    public void Reset() => tokens.Clear();
}
