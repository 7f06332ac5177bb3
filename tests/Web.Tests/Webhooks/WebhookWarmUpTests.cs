using EpicZoom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// The webhook path's first loads happen at start, not under the first burst of webhooks: after a restart Zoom's
/// retries and live traffic come together, and each would otherwise wait on the same first load.
/// </summary>
public sealed class WebhookWarmUpTests
{
    [Fact]
    public async Task AtStart_TheBodyKeyExists_BeforeAnyWebhookArrives()
    {
        using var app = new EpicZoomApp();
        _ = app.Services;

        // DataKeys is Infrastructure's own table (no entity outside it): counted in SQL.
        var keys = await app.DbAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"DataKeys\" WHERE \"Purpose\" = 'webhook-bodies'").SingleAsync());

        Assert.Equal(1, keys);
        Assert.Empty(await app.DbAsync(db => db.WebhookEvents.ToListAsync()));
    }
}
