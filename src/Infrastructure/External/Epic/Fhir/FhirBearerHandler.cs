using System.Net.Http.Headers;

namespace EpicZoom.Infrastructure.External.Epic.Fhir;

/// <summary>Adds the launch's (or backend) access token that the caller put in the request's options.</summary>
internal sealed class FhirBearerHandler : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> AccessToken = new("EpicZoom.Fhir.AccessToken");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(AccessToken, out var token) || string.IsNullOrEmpty(token))
        {
            throw new InvalidOperationException("A FHIR request needs an access token in its options.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
