using Azure.Core;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Http;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class TokenCacheTests
{
    private static readonly TokenRequestContext PartnerCenter = new(["https://api.partnercenter.microsoft.com/.default"]);

    [Fact]
    public async Task GetTokenAsync_TokenStillFresh_IsServedFromTheCache()
    {
        var time = new FakeTimeProvider();
        var credential = new TestTokenCredential(time, TimeSpan.FromHours(1));
        var cache = new CachingTokenCredential(credential, time);

        await cache.GetTokenAsync(PartnerCenter, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(54));
        var token = await cache.GetTokenAsync(PartnerCenter, CancellationToken.None);

        Assert.Equal(credential.Token, token.Token);
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_TokenAboutToExpire_IsRenewed()
    {
        var time = new FakeTimeProvider();
        var credential = new TestTokenCredential(time, TimeSpan.FromHours(1));
        var cache = new CachingTokenCredential(credential, time);

        await cache.GetTokenAsync(PartnerCenter, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(56));
        await cache.GetTokenAsync(PartnerCenter, CancellationToken.None);

        Assert.Equal(2, credential.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_OtherScopesOrAClaimsChallenge_AskTheCredentialAgain()
    {
        var credential = new TestTokenCredential();
        var cache = new CachingTokenCredential(credential, TimeProvider.System);

        await cache.GetTokenAsync(PartnerCenter, CancellationToken.None);
        await cache.GetTokenAsync(new TokenRequestContext(["https://partner.partnercenterapi.microsoftonline.cn/.default"]), CancellationToken.None);
        await cache.GetTokenAsync(new TokenRequestContext(PartnerCenter.Scopes, claims: """{"access_token":{"nbf":{"essential":true}}}"""), CancellationToken.None);

        Assert.Equal(3, credential.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_ConcurrentCalls_AskTheCredentialOnce()
    {
        var credential = new TestTokenCredential();
        var cache = new CachingTokenCredential(credential, TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () => await cache.GetTokenAsync(PartnerCenter, CancellationToken.None))));

        Assert.Equal(1, credential.Calls);
    }
}
