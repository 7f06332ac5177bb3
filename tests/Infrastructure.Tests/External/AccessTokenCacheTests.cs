using EpicZoom.Infrastructure.External.Http;
using EpicZoom.TestSupport;

namespace EpicZoom.Infrastructure.Tests.External;

public sealed class AccessTokenCacheTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly FakeClock time = new(new DateTimeOffset(2027, 1, 1, 8, 0, 0, TimeSpan.Zero));
    private int requests;

    [Fact]
    public async Task AToken_IsReusedUntilItsRefreshTimeAndThenRequestedAgain()
    {
        var cache = new AccessTokenCache<string>(time);

        var first = await cache.GetAsync("tenant", Issue, default);
        time.Advance(TimeSpan.FromMinutes(54));
        var stillFirst = await cache.GetAsync("tenant", Issue, default);
        time.Advance(TimeSpan.FromMinutes(1));
        var second = await cache.GetAsync("tenant", Issue, default);

        Assert.Equal(("token-1", "token-1", "token-2"), (first, stillFirst, second));
    }

    [Fact]
    public async Task AFailedRequest_IsNotCached()
    {
        var cache = new AccessTokenCache<string>(time);

        await Assert.ThrowsAsync<HttpRequestException>(() => cache.GetAsync("tenant", () => throw new HttpRequestException("down"), default));
        var token = await cache.GetAsync("tenant", Issue, default);

        Assert.Equal("token-1", token);
    }

    [Fact]
    public async Task OneCallerGivingUp_DoesNotFailTheOthersWaitingForTheSameToken()
    {
        var cache = new AccessTokenCache<string>(time);
        var release = new TaskCompletionSource();
        using var impatient = new CancellationTokenSource();
        Task<CachedAccessToken> Slow() => release.Task.ContinueWith(_ => Token(), TaskScheduler.Default);

        var first = cache.GetAsync("tenant", Slow, impatient.Token);
        var second = cache.GetAsync("tenant", Slow, default);
        await impatient.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("token-1", await second);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task InvalidatingAnOlderToken_KeepsTheOneThatReplacedIt()
    {
        var cache = new AccessTokenCache<string>(time);
        var old = await cache.GetAsync("tenant", Issue, default);
        cache.Invalidate("tenant", old);
        var replacement = await cache.GetAsync("tenant", Issue, default);

        cache.Invalidate("tenant", old);

        Assert.Equal(replacement, await cache.GetAsync("tenant", Issue, default));
        Assert.Equal(2, requests);
    }

    [Fact]
    public void AShortLivedToken_IsKeptForHalfItsLife()
    {
        var token = CachedAccessToken.Create("t", expiresInSeconds: 120, Margin, time.Now);

        Assert.Equal(time.Now.AddMinutes(1), token.RefreshAt);
        Assert.DoesNotContain("t", token.ToString().Split(' '));
    }

    private Task<CachedAccessToken> Issue() => Task.FromResult(Token());

    private CachedAccessToken Token() => CachedAccessToken.Create($"token-{Interlocked.Increment(ref requests)}", 3600, Margin, time.Now);
}
