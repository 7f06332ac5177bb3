using System.Text.Json;
using EpicZoom.Application.Alerts.Common;
using EpicZoom.Application.Alerts.UpdateAlertSettings;
using EpicZoom.Application.Common.Diagnostics;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Web.Tests.Launch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using InstanceAlerts = EpicZoom.Application.Alerts.Common.Alerts;

namespace EpicZoom.Web.Tests.Observability;

/// <summary>
/// Several instances on one database post an alert to the alert webhook once per quiet period, not once each: a second
/// <see cref="InstanceAlerts"/> with its own memory (as another instance has) over the same database and the same sink.
/// </summary>
public abstract class SharedAlertDeliveryScenarios
{
    protected abstract SandboxedApp Sandbox { get; }

    [Fact]
    public async Task TwoInstancesRaisingTheSameAlert_PostItOnce_AndADifferentSubjectStillGoesOut()
    {
        await Sandbox.SendAsAdminAsync(new UpdateAlertSettingsCommand(Sandbox.BaseUrl + "/sandbox/alerts/shared-channel"));
        var services = Sandbox.App.Services;
        var first = services.GetRequiredService<InstanceAlerts>();
        var second = AnotherInstance(services);
        var tenant = Guid.NewGuid().ToString();
        var text = $"EpicZoom: test condition for tenant {tenant}";

        // Each instance raises it (its own log line and metric); both race to post it at once.
        Assert.True(first.Raise(AlertConditions.ReportFailed, tenant, text));
        Assert.True(second.Raise(AlertConditions.ReportFailed, tenant, text));
        await Task.WhenAll(first.DeliveriesAsync(), second.DeliveriesAsync());
        Assert.Equal(1, (await ReceivedAsync()).Count(t => t == text));

        // Raised again by the second one later in the quiet period: still not posted again.
        var again = AnotherInstance(services);
        Assert.True(again.Raise(AlertConditions.ReportFailed, tenant, text));
        await again.DeliveriesAsync();
        Assert.Equal(1, (await ReceivedAsync()).Count(t => t == text));
        Assert.Contains(Sandbox.App.LogLines, l => l.Contains("already sent to the alert webhook by another instance", StringComparison.Ordinal));

        // Another tenant's alert is its own.
        var other = Guid.NewGuid().ToString();
        Assert.True(second.Raise(AlertConditions.ReportFailed, other, text + " (other)"));
        await second.DeliveriesAsync();
        Assert.Equal(1, (await ReceivedAsync()).Count(t => t == text + " (other)"));
    }

    /// <summary>Alerts as another instance on the same database has them: the same database and sink, memory of its own.</summary>
    private static InstanceAlerts AnotherInstance(IServiceProvider services) =>
        new(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IAlertWebhook>(),
            services.GetRequiredService<EpicZoomMetrics>(), services.GetRequiredService<AlertThresholds>(), TimeProvider.System,
            services.GetRequiredService<ILogger<InstanceAlerts>>());

    private async Task<List<string>> ReceivedAsync()
    {
        using var doc = JsonDocument.Parse(await Sandbox.Http.GetStringAsync("/sandbox/alerts/_test/received"));
        return doc.RootElement.EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToList();
    }
}

public sealed class SharedAlertDeliveryTests(SandboxedApp sandbox) : SharedAlertDeliveryScenarios, IClassFixture<SandboxedApp>
{
    protected override SandboxedApp Sandbox => sandbox;
}

public sealed class SharedAlertDeliveryPostgresTests(PostgresSandboxedApp postgres) : SharedAlertDeliveryScenarios, IClassFixture<PostgresSandboxedApp>
{
    protected override SandboxedApp Sandbox => postgres.Sandbox;
}
