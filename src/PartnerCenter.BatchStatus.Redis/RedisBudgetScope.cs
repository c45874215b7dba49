namespace PartnerCenter.BatchStatus.Redis;

/// <summary>What one shared budget covers: Partner Center throttles per partner tenant, or per partner and customer.</summary>
public enum RedisBudgetScope
{
    /// <summary>One rate and one pause for every request of the partner tenant, whatever the customer.</summary>
    Partner,

    /// <summary>One rate and one pause per customer of the partner tenant: a throttled answer pauses only that customer's requests.</summary>
    PartnerAndCustomer,
}
