using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Epic;

/// <summary>
/// The SMART clients Epic knows: those registered over the test API (which may replace a
/// configured one), then the configured ones, then, when none is configured, the built-in client.
/// </summary>
internal sealed class EpicClientRegistry(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<string, SandboxEpicClient> registered = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Epic;

    public SandboxEpicClient? Find(string? clientId, SandboxUrls urls)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        if (registered.TryGet(clientId, out var client))
        {
            return client;
        }

        var configured = options.Value.EpicClients;
        if (configured.Count == 0)
        {
            return clientId == SandboxDefaults.EpicClientId ? SandboxDefaults.EpicClient(urls.EpicZoomBaseUrl) : null;
        }

        return configured.FirstOrDefault(c => c.ClientId == clientId);
    }

    public void Register(SandboxEpicClient client) => registered.Set(client.ClientId, client);

    public void Reset() => registered.Clear();
}
