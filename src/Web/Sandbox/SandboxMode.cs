using EpicZoom.Infrastructure.Configuration;
using EpicZoom.Sandbox;

namespace EpicZoom.Web.Sandbox;

/// <summary>
/// Whether the Epic and Zoom simulators are mounted (Sandbox:Enabled; on by default in Development only).
/// When off they are not mapped at all, so /sandbox/... answers 404 like any unknown path.
/// </summary>
public sealed record SandboxMode(bool Enabled)
{
    /// <summary>Decided before the container exists, as it chooses what is registered: "Sandbox" read once, with its validator.</summary>
    public static SandboxMode From(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ValidatedOptions.ReadNow(configuration.GetSection(SandboxOptions.SectionName), new SandboxOptionsValidator());
        return new SandboxMode(options.Enabled ?? environment.IsDevelopment());
    }
}
