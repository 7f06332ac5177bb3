using Microsoft.Extensions.Hosting;

namespace EpicZoom.Infrastructure.External.Epic.Fhir;

/// <summary>Builds Firely's converters (about 0.7 s) while the app starts, so the first launch after a restart does not wait for them.</summary>
internal sealed class FhirJsonWarmup : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => FhirJson.Options, stoppingToken);
}
