using EpicZoom.Application.Common.Interfaces;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EpicZoom.Web.Common;

/// <summary>App:PublicBaseUrl when configured (behind a proxy it must be); otherwise the first address Kestrel listens on.</summary>
internal sealed class AppUrls(IConfiguration configuration, IServer server) : IAppUrls
{
    public string PublicBaseUrl
    {
        get
        {
            var configured = configuration["App:PublicBaseUrl"];
            if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim().TrimEnd('/');

            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
            var address = addresses?.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                ?? addresses?.FirstOrDefault()
                ?? "http://localhost";
            return address.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost").TrimEnd('/');
        }
    }
}
