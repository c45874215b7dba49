using System.Text;
using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.OutOfProcess;

/// <summary>
/// <c>pcbatch watch</c> reads its list from a file or from standard input the same way: a byte order mark of UTF-8 or
/// UTF-16 (little or big endian) is honoured on both, as editors and PowerShell write them.
/// </summary>
[Trait("Category", "OutOfProcess")]
public sealed class StandardInputTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    public static TheoryData<string> Encodings => new() { "utf-8", "utf-8 with BOM", "utf-16le with BOM", "utf-16be with BOM" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task ListWithOrWithoutByteOrderMark_StandardInputReadAsTheFileIs(string encoding)
    {
        var list = $"# the documented sample\r\n/customers/{TestIds.Customer}/batchJobStatus/{TestIds.DocumentedBatch}\r\n";
        var bytes = Encode(list, encoding);
        File.WriteAllBytes(_scratch["list.txt"], bytes);

        var fromFile = await ToolProcess.RunAsync(new Dictionary<string, string>(), input: null, _scratch.Root, "watch", "--demo", "list.txt");
        var fromInput = await ToolProcess.RunAsync(new Dictionary<string, string>(), bytes, _scratch.Root, "watch", "--demo", "-");

        Assert.True(fromFile.ExitCode == ExitCodes.DevicesFailed, fromFile.ToString());
        Assert.True(fromInput.ExitCode == ExitCodes.DevicesFailed, fromInput.ToString());
        Assert.Equal(fromFile.Output, fromInput.Output);
        Assert.Contains(TestIds.DocumentedBatch, fromInput.Output, StringComparison.Ordinal);
    }

    private static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8" => Encoding.UTF8.GetBytes(text),
        "utf-8 with BOM" => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)],
        "utf-16le with BOM" => [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(text)],
        _ => [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(text)],
    };
}
