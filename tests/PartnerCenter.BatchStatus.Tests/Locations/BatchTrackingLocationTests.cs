namespace PartnerCenter.BatchStatus.Tests.Locations;

public sealed class BatchTrackingLocationTests
{
    /// <summary>The Location value Partner Center documents for a device batch upload.</summary>
    private const string DocumentedLocation = "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf";

    private static readonly Guid Customer = Guid.Parse("c7f3c849-129f-4b85-a96d-4f8e88b315a3");
    private static readonly Guid Tracking = Guid.Parse("beba2053-5401-46ff-9223-7e841ed78fbf");

    public static TheoryData<string> Accepted => new()
    {
        DocumentedLocation,
        "/v1/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "v1/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchjobstatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "/CUSTOMERS/C7F3C849-129F-4B85-A96D-4F8E88B315A3/BATCHJOBSTATUS/BEBA2053-5401-46FF-9223-7E841ED78FBF",
        "/V1/Customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/BatchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "  /customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf \r\n",
        "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf/",
        "Location: /customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "location:/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "https://api.partnercenter.microsoft.com/v1/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "https://api.partnercenter.microsoft.com/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "https://partner.partnercenterapi.microsoftonline.cn/v1/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchjobstatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "HTTPS://API.PARTNERCENTER.MICROSOFT.COM/V1/CUSTOMERS/C7F3C849-129F-4B85-A96D-4F8E88B315A3/BATCHJOBSTATUS/BEBA2053-5401-46FF-9223-7E841ED78FBF",
        "https://api.partnercenter.microsoft.com:443/v1/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf/",
        "http://127.0.0.1:5000/v1/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf",
        "https://api.partnercenter.microsoft.com/v1/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf?api-version=1#top",
        "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf?x=1",
    };

    public static TheoryData<string, string> Rejected => new()
    {
        { string.Empty, "empty value" },
        { "   \t ", "empty value" },
        { "beba2053-5401-46ff-9223-7e841ed78fbf", "1 segments" },
        { "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3", "2 segments" },
        { "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus", "3 segments" },
        { "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/", "3 segments" },
        { "/customers//batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "customer id is not a GUID" },
        { "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf/devices", "5 segments" },
        { "/v2/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "5 segments" },
        { "/v1/v1/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "5 segments" },
        { "https://proxy.example/partnercenter/v1/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "6 segments" },
        { "/customer/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "segments are not" },
        { "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/deviceBatches/beba2053-5401-46ff-9223-7e841ed78fbf", "segments are not" },
        { "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batch-job-status/beba2053-5401-46ff-9223-7e841ed78fbf", "segments are not" },
        { "/customers/contoso.onmicrosoft.com/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "customer id is not a GUID" },
        { "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/12345", "batch tracking id is not a GUID" },
        { "/customers/c7f3c849129f4b85a96d4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "customer id is not a GUID" },
        { "/customers/{c7f3c849-129f-4b85-a96d-4f8e88b315a3}/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "customer id is not a GUID" },
        { "/customers/00000000-0000-0000-0000-000000000000/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "customer id is Guid.Empty" },
        { "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/00000000-0000-0000-0000-000000000000", "batch tracking id is Guid.Empty" },
        { "ftp://api.partnercenter.microsoft.com/v1/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "not an http or https URL" },
        { "https://", "not an http or https URL" },
        { "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3 /batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", "customer id is not a GUID" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Parse_AcceptedForm_ReturnsBothIds(string input)
    {
        var location = BatchTrackingLocation.Parse(input);

        Assert.Equal(Customer, location.CustomerId);
        Assert.Equal(Tracking, location.BatchTrackingId);
        Assert.True(BatchTrackingLocation.TryParse(input, out var tried));
        Assert.Equal(location, tried);
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Parse_RejectedForm_ThrowsFormatExceptionSayingWhatWasExpected(string input, string reason)
    {
        var error = Assert.Throws<FormatException>(() => BatchTrackingLocation.Parse(input));

        Assert.StartsWith("Expected the Location of a device batch upload: '/customers/{customer-id}/batchJobStatus/{batchtracking-id}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(BatchTrackingLocation.TryParse(input, out var tried));
        Assert.Equal(default, tried);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>("location", () => BatchTrackingLocation.Parse(null!));
        Assert.False(BatchTrackingLocation.TryParse(null, out _));
    }

    [Fact]
    public void Parse_LongInput_QuotesOnlyItsStart()
    {
        var input = "/customers/" + new string('x', 500) + "/batchJobStatus/" + Tracking;

        var error = Assert.Throws<FormatException>(() => BatchTrackingLocation.Parse(input));

        Assert.Contains("'/customers/xxxxx", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Tracking.ToString(), error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public void Parse_HugeInput_IsRejectedWithoutQuotingIt()
    {
        var input = DocumentedLocation + new string(' ', 10) + new string('/', 5000);

        var error = Assert.Throws<FormatException>(() => BatchTrackingLocation.Parse(input));

        Assert.Contains("more than any such value has", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DocumentedLocation, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectedUrlWithQuery_NeverQuotesTheQuery()
    {
        const string Input = "https://api.partnercenter.microsoft.com/v1/customers/not-a-guid/batchJobStatus/x?sig=secret-signature";

        var error = Assert.Throws<FormatException>(() => BatchTrackingLocation.Parse(Input));

        Assert.DoesNotContain("secret-signature", error.Message, StringComparison.Ordinal);
        Assert.Contains("customers/not-a-guid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:pa55w0rd@api.partnercenter.microsoft.com/v1/customers/not-a-guid/batchJobStatus/x")]
    [InlineData("https://user:pa55w0rd@odd@api.partnercenter.microsoft.com/v1/customers/not-a-guid/batchJobStatus/x")]
    [InlineData("Location: https://pa55w0rd@api.partnercenter.microsoft.com/customers/not-a-guid/batchJobStatus/x")]
    public void Parse_RejectedUrlWithUserInformation_NeverQuotesIt(string input)
    {
        var error = Assert.Throws<FormatException>(() => BatchTrackingLocation.Parse(input));

        Assert.DoesNotContain("pa55w0rd", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://…@api.partnercenter.microsoft.com/", error.Message, StringComparison.Ordinal);
        Assert.Contains("customers/not-a-guid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_IsTheRelativeLocationAndParsesBack()
    {
        var location = new BatchTrackingLocation(Customer, Tracking);

        Assert.Equal(DocumentedLocation, location.ToString());
        Assert.Equal(location, BatchTrackingLocation.Parse(location.ToString()));
    }

    [Fact]
    public void Constructor_EmptyId_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>("customerId", () => new BatchTrackingLocation(Guid.Empty, Tracking));
        Assert.Throws<ArgumentException>("batchTrackingId", () => new BatchTrackingLocation(Customer, Guid.Empty));
    }

    [Fact]
    public void Parse_AsIParsable_ReadsTheDocumentedValue()
    {
        Assert.Equal(new BatchTrackingLocation(Customer, Tracking), ParseWith<BatchTrackingLocation>(DocumentedLocation));
    }

    private static T ParseWith<T>(string value)
        where T : IParsable<T> => T.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
