namespace EpicZoom.Web.Sandbox;

/// <summary>
/// Whether the Epic and Zoom simulators are mounted (Sandbox:Enabled; on by default in Development only).
/// When off they are not mapped at all, so /sandbox/... answers 404 like any unknown path.
/// </summary>
public sealed record SandboxMode(bool Enabled)
{
    public static SandboxMode From(IConfiguration configuration, IHostEnvironment environment) =>
        new(configuration.GetValue<bool?>("Sandbox:Enabled") ?? environment.IsDevelopment());
}
