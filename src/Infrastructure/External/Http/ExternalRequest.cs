namespace EpicZoom.Infrastructure.External.Http;

/// <summary>What the shared handlers need to know about one outgoing request, carried in <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class ExternalRequest
{
    /// <summary>The kind of call ("users.get", "smart.token"): what logs show instead of the URL, which may hold e-mails or ids.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("EpicZoom.External.Operation");

    /// <summary>Which system the call goes to ("epic", "zoom", "sms", "alerts"), for traces.</summary>
    public static readonly HttpRequestOptionsKey<string> System = new("EpicZoom.External.System");

    /// <summary>Marks a POST as harmless to send twice (a token request), so server errors may be retried.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRepeat = new("EpicZoom.External.SafeToRepeat");

    /// <summary>Overall budget for one call, retries included.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static HttpRequestMessage Create(HttpMethod method, string url, string operation, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Options.Set(Operation, operation);
        return request;
    }

    public static string OperationOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Operation, out var operation) ? operation : request.Method.Method;

    public static bool IsSafeToRepeat(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get
        || request.Method == HttpMethod.Head
        || request.Method == HttpMethod.Options
        || request.Method == HttpMethod.Put
        || request.Method == HttpMethod.Delete
        || request.Method == HttpMethod.Patch
        || (request.Options.TryGetValue(SafeToRepeat, out var safe) && safe);
}
