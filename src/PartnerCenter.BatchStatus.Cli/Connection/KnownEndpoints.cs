namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>The hosts of the Partner Center clouds, to recognise them in a pasted URL.</summary>
internal static class KnownEndpoints
{
    public const string GlobalHost = "api.partnercenter.microsoft.com";

    public const string ChinaHost = "partner.partnercenterapi.microsoftonline.cn";
}
