using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Infrastructure.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace EpicZoom.Web.Common;

/// <summary>App:PublicBaseUrl when configured (behind a proxy it must be); otherwise the first address Kestrel listens on.</summary>
internal sealed class AppUrls(IOptions<AppOptions> options, IServer server) : IAppUrls
{
    public string PublicBaseUrl
    {
        get
        {
            if (options.Value.NormalizedPublicBaseUrl is { } configured) return configured;

            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
            var address = addresses?.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                ?? addresses?.FirstOrDefault()
                ?? "http://localhost";
            return address.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost").TrimEnd('/');
        }
    }
}
