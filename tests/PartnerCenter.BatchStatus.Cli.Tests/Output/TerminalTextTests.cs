using System.Globalization;
using PartnerCenter.BatchStatus.Cli.Output;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Output;

/// <summary>The one sanitiser of service text: what it removes, what it keeps, and the live progress line that uses it.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("7\u001b[2J\u001b]0;TITLE\u0007", "7")]
    [InlineData("a\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\b", "alinkb")]
    [InlineData("red\u009b31mtext\u009b0m", "redtext")]
    [InlineData("\u001b7saved\u001b8", "saved")]
    [InlineData("bell\u0007 and\u0008 backspace", "bell and backspace")]
    [InlineData("invoice\u202Egnp.exe\u202C", "invoicegnp.exe")]
    [InlineData("\u2066isolated\u2069 \u200fmark\u200e \u061c", "isolated mark")]
    [InlineData("zero\u200bwidth\u2060joiner\ufeffbom\u00adsoft", "zerowidthjoinerbomsoft")]
    [InlineData("  two\r\n\tlines\u2028and\u0085more  ", "two lines and more")]
    [InlineData("Ünïcödé 😀 stays", "Ünïcödé 😀 stays")]
    [InlineData("cut\u001b[", "cut")]
    public void OneLine_RemovesWhatATerminalWouldActOn_KeepsText(string text, string expected) =>
        Assert.Equal(expected, TerminalText.OneLine(text));

    [Theory]
    [InlineData("=1+2", "'=1+2", true)]
    [InlineData("+SUM(A1)", "'+SUM(A1)", true)]
    [InlineData("-2", "'-2", true)]
    [InlineData("@cmd", "'@cmd", true)]
    [InlineData("＝1", "'＝1", true)]
    [InlineData("\t=1", "'=1", true)]
    [InlineData("\u001b[2J=1", "'=1", true)]
    [InlineData("SN-1", "SN-1", false)]
    [InlineData("12345-67890", "12345-67890", false)]
    public void CsvCell_FormulasNeutralised(string text, string expected, bool neutralised) =>
        Assert.Equal((expected, neutralised), TerminalText.CsvCell(text));

    [Fact]
    public void OneLine_LoneSurrogate_BecomesASpace() =>
        Assert.Equal("lone surrogate", TerminalText.OneLine("lone " + (char)0xD800 + " surrogate"));

    [Fact]
    public void Shorten_NeverSplitsASurrogatePair() =>
        Assert.Equal("ab…", TerminalText.Shorten("ab😀cd", 4));

    [Fact]
    public void WaitProgress_LiveLine_HostileStatusAndCodes_OnlyItsOwnCarriageReturn()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var progress = new WaitProgress(writer, live: true, width: 200, TimeProvider.System);
        var details = BatchStatusModelFactory.BatchUploadDetails(
            status: "processing\u001b]0;TITLE\u0007",
            devicesStatus: [BatchStatusModelFactory.DeviceUploadDetails(serialNumber: "SN", status: DeviceUploadStatus.FinishedWithErrors, errorCode: "7\u001b[2J", errorDescription: "x")]);

        progress.Report(details);
        progress.Finish();

        var text = writer.ToString();
        Assert.StartsWith("\rpoll 1 after ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text[1..].TrimEnd('\r', '\n'), c => char.IsControl(c));
        Assert.Contains(": processing; 1 device: 0 succeeded, 1 failed (7 x ×1)", text, StringComparison.Ordinal);
    }
}
