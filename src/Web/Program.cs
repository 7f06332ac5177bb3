using EpicZoom.Application;
using EpicZoom.Infrastructure;
using EpicZoom.Web;
using EpicZoom.Web.Observability;

var builder = WebApplication.CreateBuilder(args);
// Serves package assets (MudBlazor) from their NuGet folders when not published, in every environment.
builder.WebHost.UseStaticWebAssets();
// Nothing EpicZoom accepts (admin forms, Epic and Zoom callbacks) is near this size; larger bodies are refused with 413.
// Every service must be constructible at start-up, in every environment: a missing registration fails fast, not mid-launch.
builder.Host.UseDefaultServiceProvider(o => o.ValidateOnBuild = true);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 1024 * 1024);
// Telemetry:Prometheus:Port: listen there too, for /metrics only.
builder.ListenOnMetricsPort();

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.InitialiseAsync();
app.UseWeb();
await app.RunAsync();

public partial class Program;
