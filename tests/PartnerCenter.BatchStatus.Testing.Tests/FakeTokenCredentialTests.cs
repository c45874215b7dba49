using Azure.Core;

namespace PartnerCenter.BatchStatus.Testing.Tests;

public sealed class FakeTokenCredentialTests
{
    private const string Scope = "https://api.partnercenter.microsoft.com/.default";

    [Fact]
    public async Task GetToken_SyncAndAsync_HandOutTheFakeTokenAndRecordScopes()
    {
        var credential = new FakeTokenCredential();

        var first = credential.GetToken(new TokenRequestContext([Scope]), CancellationToken.None);
        var second = await credential.GetTokenAsync(new TokenRequestContext(["scope-a", "scope-b"]), CancellationToken.None);

        Assert.Equal(FakeTokenCredential.DefaultToken, first.Token);
        Assert.Equal(FakeTokenCredential.DefaultToken, second.Token);
        Assert.True(first.ExpiresOn > DateTimeOffset.UtcNow);
        Assert.Equal(2, credential.RequestCount);
        Assert.Equal([Scope, "scope-a", "scope-b"], credential.RequestedScopes);
    }

    [Fact]
    public void GetToken_ChosenToken_IsHandedOut()
    {
        var credential = new FakeTokenCredential("token-for-this-test");

        Assert.Equal("token-for-this-test", credential.GetToken(new TokenRequestContext([Scope]), CancellationToken.None).Token);
        Assert.Equal("token-for-this-test", credential.Token);
    }

    [Fact]
    public void GetToken_Cancelled_ThrowsAndRecordsNothing()
    {
        var credential = new FakeTokenCredential();

        Assert.Throws<OperationCanceledException>(() => credential.GetToken(new TokenRequestContext([Scope]), new CancellationToken(canceled: true)));
        Assert.Equal(0, credential.RequestCount);
        Assert.Empty(credential.RequestedScopes);
    }

    [Fact]
    public void Constructor_EmptyToken_Throws() => Assert.Throws<ArgumentException>(() => new FakeTokenCredential(""));
}
