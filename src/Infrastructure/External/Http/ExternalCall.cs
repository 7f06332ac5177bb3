namespace EpicZoom.Infrastructure.External.Http;

/// <summary>
/// Where one Refit call goes and what the shared handlers call it. Every tenant has its own base URLs, so the Refit
/// clients share a placeholder base address and <see cref="ExternalCallHandler"/> puts the tenant's URL in its place.
/// </summary>
/// <param name="BaseUrl">The tenant's base URL; a method whose route is empty calls this URL itself (a token endpoint).</param>
/// <param name="Operation">What logs show instead of the URL ("users.get", "smart.token").</param>
/// <param name="SafeToRepeat">A POST that may be sent twice (a token request), so server errors may be retried.</param>
internal sealed record ExternalCall(string BaseUrl, string Operation, bool SafeToRepeat = false)
{
    /// <summary>The Refit <c>[Property]</c> key every interface method passes its call under.</summary>
    public const string Key = "EpicZoom.External.Call";

    /// <summary>The base address Refit builds against; <see cref="ExternalCallHandler"/> never lets it reach the wire.</summary>
    public static readonly Uri Placeholder = new("http://tenant.invalid/");

    public override string ToString() => $"ExternalCall {{ Operation = {Operation} }}";
}
