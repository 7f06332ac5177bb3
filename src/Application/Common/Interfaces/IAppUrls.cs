namespace EpicZoom.Application.Common.Interfaces;

/// <summary>Where EpicZoom is reachable from Epic and from browsers (App:PublicBaseUrl).</summary>
public interface IAppUrls
{
    /// <summary>Absolute, without a trailing slash.</summary>
    string PublicBaseUrl { get; }
}
