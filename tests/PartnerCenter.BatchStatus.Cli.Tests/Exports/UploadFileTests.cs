using System.Text;
using PartnerCenter.BatchStatus.Cli.Exports;
using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Exports;

/// <summary>The partner's upload file: read tolerantly, written back byte for byte.</summary>
public sealed class UploadFileTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Parse_BomCrlfQuotedCellsAndHeaderInAnyCase_ReadsTheIdentifiers()
    {
        var text = "DEVICE SERIAL NUMBER , \"windows product id\",Hardware Hash,Manufacturer name,Device model\r\n"
            + "\"SN,1\",\"12345-67890-09876-54321-13579\",\"SGFz\"\"aA==\",Contoso,\"Laptop\r\n5\"\r\n"
            + "\r\n"
            + " SN2 ,,,Contoso,Laptop 5\r\n";

        var file = UploadFile.Parse("devices.csv", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)]);

        Assert.Equal("DEVICE SERIAL NUMBER , \"windows product id\",Hardware Hash,Manufacturer name,Device model", file.Header);
        Assert.Equal("\r\n", file.NewLine);
        Assert.Collection(
            file.Rows,
            row => Assert.Equal((2, "\"SN,1\",\"12345-67890-09876-54321-13579\",\"SGFz\"\"aA==\",Contoso,\"Laptop\r\n5\"", "SN,1", "12345-67890-09876-54321-13579", "SGFz\"aA=="), (row.LineNumber, row.Raw, row.SerialNumber, row.ProductKey, row.HardwareHash)),
            row => Assert.Equal((5, " SN2 ,,,Contoso,Laptop 5", "SN2", string.Empty), (row.LineNumber, row.Raw, row.SerialNumber, row.ProductKey)));
    }

    [Fact]
    public void WriteRows_Utf8WithBom_HeaderAndRowsByteForByte()
    {
        var original = Encoding.UTF8.GetBytes("Device Serial Number,Windows Product ID,Hardware Hash\r\nA,\"1\",x\r\nB,2,\r\nC,3,\"z\"\r\n");
        var file = UploadFile.Parse("devices.csv", [.. Encoding.UTF8.Preamble, .. original]);

        using (var stream = File.Create(_folder["again.csv"]))
        {
            file.WriteRows(stream, [file.Rows[0], file.Rows[2]]);
        }

        Assert.Equal(
            [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("Device Serial Number,Windows Product ID,Hardware Hash\r\nA,\"1\",x\r\nC,3,\"z\"\r\n")],
            File.ReadAllBytes(_folder["again.csv"]));
    }

    [Fact]
    public void WriteRows_AnsiFileWithoutBom_KeepsEveryByte()
    {
        // "Müller" in Windows-1252 / Latin-1: not UTF-8, and it must come back as the same bytes.
        byte[] original = [.. Encoding.ASCII.GetBytes("Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name\nSN1,,,M"), 0xFC, .. Encoding.ASCII.GetBytes("ller\nSN2,,,X\n")];
        var file = UploadFile.Parse("devices.csv", original);

        using (var stream = File.Create(_folder["again.csv"]))
        {
            file.WriteRows(stream, [file.Rows[0]]);
        }

        Assert.Equal("\n", file.NewLine);
        Assert.Equal(original[..^"SN2,,,X\n".Length], File.ReadAllBytes(_folder["again.csv"]));
    }

    [Fact]
    public void Parse_IntuneVariantWithRepeatedEmptyHeaderNames_IsRead()
    {
        var file = UploadFile.Parse("intune.csv", Encoding.UTF8.GetBytes("Device Serial Number,Windows Product ID,Hardware Hash,,\nSN1,PK1,HASH,,\n"));

        var row = Assert.Single(file.Rows);
        Assert.Equal(("SN1", "PK1", "HASH"), (row.SerialNumber, row.ProductKey, row.HardwareHash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\nDevice Serial Number\r\n")]
    [InlineData("Serial,Key\r\nSN1,PK1\r\n")]
    public void Parse_NotAnUploadFile_SaysWhy(string text)
    {
        var error = Assert.Throws<FormatException>(() => UploadFile.Parse("x.csv", Encoding.UTF8.GetBytes(text)));

        Assert.Contains("header", error.Message, StringComparison.Ordinal);
    }
}
