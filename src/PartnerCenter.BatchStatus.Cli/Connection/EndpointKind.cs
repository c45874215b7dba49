namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>Which Partner Center endpoint <c>--endpoint</c> names.</summary>
internal enum EndpointKind
{
    /// <summary>The global cloud, which also serves US Government tenants (the default).</summary>
    Global = 0,

    /// <summary>The China cloud, operated by 21Vianet: its own endpoint, token scope and sign-in authority.</summary>
    China = 1,

    /// <summary>Any other https URL (such as a proxy in front of the global cloud), or http on this machine.</summary>
    Custom = 2,
}
