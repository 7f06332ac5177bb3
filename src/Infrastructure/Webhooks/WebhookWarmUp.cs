using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Webhooks.Common;
using EpicZoom.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Infrastructure.Webhooks;

/// <summary>
/// What the first webhooks after a start would otherwise load while they wait, loaded before the server listens: the
/// key ring, the body cipher's data key and the tenants' webhook secrets. After a restart Zoom's retries and the
/// live traffic arrive together; without this they all block on the first load at once (threads the pool has not
/// got yet on two cores), and acknowledgements wait seconds.
/// </summary>
public static class WebhookWarmUp
{
    public static async Task WarmAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (services.GetRequiredService<IWebhookBodyCipher>() is WebhookBodyCipher cipher) cipher.Warm();
        await using var scope = services.CreateAsyncScope();
        await services.GetRequiredService<WebhookSecrets>().SignersAsync(
            scope.ServiceProvider.GetRequiredService<IAppDbContext>(), services.GetRequiredService<ISecretProtector>(), cancellationToken);
    }
}
