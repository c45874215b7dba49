using System.Runtime.InteropServices;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>The POSIX calls the file tests need that .NET does not offer: hard links and named pipes.</summary>
internal static partial class Posix
{
    public static void HardLink(string existing, string link) => Check(LinkFile(existing, link), "link");

    public static void Fifo(string path) => Check(MakeFifo(path, 0x1A4), "mkfifo");

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new IOException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkFile(string existing, string link);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);
}
