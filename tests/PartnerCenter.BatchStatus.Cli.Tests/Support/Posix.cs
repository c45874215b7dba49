using System.Runtime.InteropServices;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>The few POSIX calls the out-of-process tests need that .NET does not offer: signals, hard links and pipes.</summary>
internal static partial class Posix
{
    public const int SigInt = 2;

    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkFile(string existing, string link);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);

    /// <summary>Makes <paramref name="link"/> a hard link to <paramref name="existing"/>.</summary>
    public static void HardLink(string existing, string link)
    {
        if (LinkFile(existing, link) != 0)
        {
            throw new IOException($"link failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Makes a named pipe.</summary>
    public static void Fifo(string path)
    {
        if (MakeFifo(path, 0x1A4) != 0)
        {
            throw new IOException($"mkfifo failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
