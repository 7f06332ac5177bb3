using System.Net;
using EpicZoom.Infrastructure.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace EpicZoom.Web.Common;

/// <summary>Section "ReverseProxy" (docs/configuration.md, docs/deployment.md).</summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>
    /// The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: IP addresses ("10.0.0.5") or networks
    /// ("10.0.0.0/24"). Unset or empty: loopback only (nginx on the same host). Anyone else's headers are ignored.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>The networks <see cref="KnownProxies"/> name; loopback when none.</summary>
    public IReadOnlyList<IPNetwork> Networks()
    {
        var named = KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Parse(p)!.Value).ToList();
        return named.Count > 0 ? named : [new IPNetwork(IPAddress.Loopback, 8), new IPNetwork(IPAddress.IPv6Loopback, 128)];
    }

    internal static IPNetwork? Parse(string value)
    {
        var text = value.Trim();
        if (IPNetwork.TryParse(text, out var network)) return network;
        if (IPAddress.TryParse(text, out var address))
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32);
        return null;
    }
}

public sealed class ReverseProxyOptionsValidator : IValidateOptions<ReverseProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        var bad = options.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p) && ReverseProxyOptions.Parse(p) is null).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"ReverseProxy:KnownProxies must list IP addresses (10.0.0.5) or networks (10.0.0.0/24); not {string.Join(", ", bad.Select(b => $"'{SafeText(b)}'"))}.");
    }

    private static string SafeText(string value) => value.Length <= 60 ? value : value[..60] + "…";
}

internal static class ReverseProxy
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ReverseProxyOptions, ReverseProxyOptionsValidator>(configuration.GetSection(ReverseProxyOptions.SectionName));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((o, proxy) =>
        {
            // The client's address (logs, lockout) and the scheme it used (cookies' Secure flag, redirects, HSTS) as
            // the proxy saw them. Not the Host: App:PublicBaseUrl names the public address, and nginx passes Host.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in proxy.Value.Networks()) o.KnownIPNetworks.Add(network);
            o.ForwardLimit = 1;
        });
        return services;
    }
}
