using EpicZoom.Application;
using EpicZoom.Infrastructure;
using EpicZoom.Web;

var builder = WebApplication.CreateBuilder(args);
// Serves package assets (Radzen) from their NuGet folders when not published, in every environment.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddWeb(builder.Configuration);

var app = builder.Build();
await app.InitialiseAsync();
app.UseWeb();
await app.RunAsync();

public partial class Program;
