namespace PartnerCenter.BatchStatus;

/// <summary>
/// A Partner Center cloud: its endpoint, the token scope its API accepts, and the Microsoft Entra ID
/// authority that issues those tokens.
/// </summary>
/// <remarks>
/// Apply one to the options with <see cref="BatchStatusClientOptions.UseCloud(PartnerCenterCloud)"/>, and give the
/// credential the same <see cref="AuthorityHost"/> (for example <c>ClientSecretCredentialOptions.AuthorityHost</c>).
/// </remarks>
public sealed class PartnerCenterCloud
{
    private PartnerCenterCloud(string name, Uri endpoint, string scope, Uri authorityHost)
    {
        Name = name;
        Endpoint = endpoint;
        Scope = scope;
        AuthorityHost = authorityHost;
    }

    /// <summary>Gets the global cloud, which also serves US Government tenants.</summary>
    public static PartnerCenterCloud Global { get; } = new(
        "Global",
        new Uri("https://api.partnercenter.microsoft.com/"),
        "https://api.partnercenter.microsoft.com/.default",
        new Uri("https://login.microsoftonline.com/"));

    /// <summary>Gets the China cloud, operated by 21Vianet.</summary>
    public static PartnerCenterCloud China { get; } = new(
        "China",
        new Uri("https://partner.partnercenterapi.microsoftonline.cn/"),
        "https://partner.partnercenterapi.microsoftonline.cn/.default",
        new Uri("https://login.chinacloudapi.cn/"));

    /// <summary>Gets the cloud's name.</summary>
    public string Name { get; }

    /// <summary>Gets the base address of the cloud's Partner Center API.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Gets the token scope of the cloud's Partner Center API (<c>…/.default</c>), for app-only and app+user tokens alike.
    /// </summary>
    public string Scope { get; }

    /// <summary>Gets the Microsoft Entra ID authority that issues tokens for this cloud.</summary>
    public Uri AuthorityHost { get; }

    /// <summary>Gets the cloud's name.</summary>
    /// <returns>The cloud's name.</returns>
    public override string ToString() => Name;

    internal static PartnerCenterCloud? ForHost(string host)
    {
        if (string.Equals(host, Global.Endpoint.Host, StringComparison.OrdinalIgnoreCase))
        {
            return Global;
        }

        return string.Equals(host, China.Endpoint.Host, StringComparison.OrdinalIgnoreCase) ? China : null;
    }
}
