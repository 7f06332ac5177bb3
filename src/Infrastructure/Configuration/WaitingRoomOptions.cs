using System.Globalization;
using EpicZoom.Application.Visits.GetWaitingStatus;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Configuration;

/// <summary>Section "WaitingRoom" (docs/configuration.md).</summary>
public sealed class WaitingRoomOptions
{
    public const string SectionName = "WaitingRoom";

    /// <summary>GET meeting calls a second that one tenant's waiting-room checks may make on this instance; unset: 5.</summary>
    public double? ZoomChecksPerSecond { get; set; }
}

public sealed class WaitingRoomOptionsValidator : IValidateOptions<WaitingRoomOptions>
{
    public ValidateOptionsResult Validate(string? name, WaitingRoomOptions options) =>
        options.ZoomChecksPerSecond is { } rate && (double.IsNaN(rate) || rate < 0.1 || rate > WaitingRoomSettings.MaxZoomChecksPerSecond)
            ? ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"WaitingRoom:ZoomChecksPerSecond must be from 0.1 to {WaitingRoomSettings.MaxZoomChecksPerSecond} (e.g. 5), or unset for {WaitingRoomSettings.DefaultZoomChecksPerSecond}."))
            : ValidateOptionsResult.Success;
}
