using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// Which file a path names, whatever the path: the device and inode on Linux (<c>statx</c>, which follows every
/// symbolic link, so hard links, symbolic links and <c>/proc/self/cwd/…</c> paths to one file agree), the volume and
/// file index on Windows. Where neither can be read, <see cref="Of"/> gives <see langword="null"/> and callers compare
/// paths with every symbolic link resolved (<see cref="ResolvedPath"/>).
/// </summary>
/// <param name="Device">The device (Linux) or volume serial number (Windows).</param>
/// <param name="Node">The inode (Linux) or file index (Windows).</param>
/// <param name="IsRegularFile">Whether it is a regular file (not a folder, a device, a pipe or a socket); always true on Windows.</param>
internal readonly partial record struct FileIdentity(ulong Device, ulong Node, bool IsRegularFile)
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;
    private const ushort TypeMask = 0xF000;
    private const ushort RegularFile = 0x8000;

    private static readonly unsafe delegate* unmanaged<int, byte*, int, uint, byte*, int> Statx = FindStatx();

    /// <summary>Reads the identity of the file (or folder) at <paramref name="path"/>.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The identity, or <see langword="null"/> when nothing is there or it cannot be read on this platform.</returns>
    public static FileIdentity? Of(string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                return OfWindowsFile(path);
            }

            return OperatingSystem.IsLinux() ? OfLinuxFile(path) : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The full path with every symbolic link on it resolved, for platforms where no identity can be read.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The resolved path.</returns>
    public static string ResolvedPath(string path)
    {
        var full = Path.GetFullPath(path);
        for (var hops = 0; hops < 40; hops++)
        {
            var changed = false;
            var root = Path.GetPathRoot(full) ?? string.Empty;
            var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            for (var i = 0; i < parts.Length; i++)
            {
                current = Path.Combine(current, parts[i]);
                string? target;
                try
                {
                    target = new FileInfo(current).LinkTarget;
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    target = null;
                }

                if (target is not null)
                {
                    var resolved = Path.GetFullPath(target, Path.GetDirectoryName(current) ?? root);
                    full = Path.Combine([resolved, .. parts[(i + 1)..]]);
                    changed = true;
                    break;
                }
            }

            if (!changed)
            {
                return full;
            }
        }

        return full;
    }

    private static unsafe FileIdentity? OfLinuxFile(string path)
    {
        if (Statx == null)
        {
            return null;
        }

        var name = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        var buffer = stackalloc byte[StatxSize];
        fixed (byte* pathname = name)
        {
            if (Statx(AtFdCwd, pathname, 0, StatxType | StatxIno, buffer) != 0)
            {
                return null;
            }
        }

        // struct statx, the same on every architecture: stx_mode at 28, stx_ino at 32, stx_dev_major and _minor at 136 and 140.
        var mode = *(ushort*)(buffer + 28);
        var inode = *(ulong*)(buffer + 32);
        var device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        return new FileIdentity(device, inode, (mode & TypeMask) == RegularFile);
    }

    private static unsafe delegate* unmanaged<int, byte*, int, uint, byte*, int> FindStatx()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var library in new[] { "libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc.so" })
        {
            if (NativeLibrary.TryLoad(library, out var handle) && NativeLibrary.TryGetExport(handle, "statx", out var function))
            {
                return (delegate* unmanaged<int, byte*, int, uint, byte*, int>)function;
            }
        }

        return null;
    }

    private static FileIdentity? OfWindowsFile(string path)
    {
        if (Directory.Exists(path) || !File.Exists(path))
        {
            return null;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return GetFileInformationByHandle(handle, out var information)
            ? new FileIdentity(information.VolumeSerialNumber, ((ulong)information.FileIndexHigh << 32) | information.FileIndexLow, IsRegularFile: true)
            : null;
    }

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetFileInformationByHandle(SafeFileHandle file, out ByHandleFileInformation information);

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct ByHandleFileInformation
    {
        public uint FileAttributes;
        public long CreationTime;
        public long LastAccessTime;
        public long LastWriteTime;
        public uint VolumeSerialNumber;
        public uint FileSizeHigh;
        public uint FileSizeLow;
        public uint NumberOfLinks;
        public uint FileIndexHigh;
        public uint FileIndexLow;
    }
}
