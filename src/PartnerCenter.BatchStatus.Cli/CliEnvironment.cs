using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli;

/// <summary>
/// Everything <c>pcbatch</c> takes from the process it runs in, so that tests run the whole tool in-process:
/// the output streams, the environment variables, the terminal, the clock and how the client is made.
/// </summary>
internal sealed record CliEnvironment
{
    private Redactor? _redactor;

    /// <summary>Gets where results go: the report or the JSON details.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Gets where errors, progress and sign-in prompts go.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Gets the standard input: what <c>pcbatch watch</c> reads its list of batches from when no file is given.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>
    /// Gets a value indicating whether <see cref="In"/> comes from a file or a pipe rather than a terminal: a list typed
    /// at a terminal is read too, until end of input (Ctrl+D, or Ctrl+Z then Enter on Windows).
    /// </summary>
    public bool IsInputRedirected { get; init; } = true;

    /// <summary>Gets how environment variables are read.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// Gets a value indicating whether <see cref="Error"/> goes to a file or a pipe rather than a terminal: then the
    /// progress of a wait is written as plain lines instead of one line rewritten in place.
    /// </summary>
    public bool IsErrorRedirected { get; init; } = true;

    /// <summary>Gets the width of the terminal in characters, when known; a live progress line is kept shorter.</summary>
    public int? TerminalWidth { get; init; }

    /// <summary>Gets the height of the terminal in lines, when known; the live view of <c>pcbatch watch</c> fits in it.</summary>
    public int? TerminalHeight { get; init; }

    /// <summary>Gets the clock of waits, client retries and progress times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Gets the sign-in authority to use instead of the cloud's, or <see langword="null"/>: only tests set it, to sign
    /// in against a fake token endpoint on loopback (instance discovery is then off).
    /// </summary>
    public Uri? AuthorityHostOverride { get; init; }

    /// <summary>Gets the HTTP transport of the credential, or <see langword="null"/> for Azure.Identity's own: only tests set it.</summary>
    public Azure.Core.Pipeline.HttpPipelineTransport? IdentityTransport { get; init; }

    /// <summary>Gets how the client is made from the connection settings of the command line.</summary>
    public IBatchClientFactory ClientFactory { get; init; } = new PartnerCenterClientFactory();

    /// <summary>
    /// Gets the one redactor of the tool's output: the secrets of the environment variables, and the tokens the
    /// sign-in adds. By default it is made from <see cref="GetEnvironmentVariable"/> when first asked for.
    /// </summary>
    public Redactor Redactor
    {
        get => LazyInitializer.EnsureInitialized(ref _redactor, () => new Redactor(EnvironmentVariables.Secrets.Select(GetEnvironmentVariable)));
        init => _redactor = value;
    }

    /// <summary>Gets the same environment with its output and error streams going through <see cref="Redactor"/>.</summary>
    /// <returns>The environment to run in.</returns>
    public CliEnvironment Redacting() =>
        Out is RedactingWriter && Error is RedactingWriter
            ? this
            : Redacting(new RedactingWriter(Error, Redactor));

    private CliEnvironment Redacting(RedactingWriter error) => this with
    {
        Out = new RedactingWriter(Out, Redactor, chunked: true, failed: () => error.WriteLine("pcbatch: error: the standard output cannot be written (closed, or its device failed): the report is left out.")),
        Error = error,
        Redactor = Redactor,
    };

    /// <summary>
    /// Opens text as a file is read: UTF-8, or the encoding its byte order mark names (UTF-8, UTF-16).
    /// </summary>
    /// <param name="stream">The file or the redirected standard input.</param>
    /// <returns>The reader.</returns>
    public static TextReader OpenText(Stream stream) =>
        new StreamReader(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);

    /// <summary>Gets the environment of the running process: the console and its environment variables.</summary>
    /// <returns>The environment.</returns>
    public static CliEnvironment FromConsole()
    {
        int? width = null;
        int? height = null;
        if (!Console.IsErrorRedirected)
        {
            try
            {
                width = Console.WindowWidth > 0 ? Console.WindowWidth : null;
                height = Console.WindowHeight > 0 ? Console.WindowHeight : null;
            }
            catch (IOException)
            {
                // No terminal after all: the progress line is not shortened.
            }
        }

        // A standard stream that cannot be written (closed with >&-) is handled where every line goes: RedactingWriter.
        return new CliEnvironment
        {
            // Redirected input is decoded as a file is (a byte order mark of UTF-8 or UTF-16 honoured); a terminal's is
            // left to the console, which handles typing.
            In = Console.IsInputRedirected ? OpenText(Console.OpenStandardInput()) : Console.In,
            IsInputRedirected = Console.IsInputRedirected,
            Out = Console.Out,
            Error = Console.Error,
            IsErrorRedirected = Console.IsErrorRedirected,
            TerminalWidth = width,
            TerminalHeight = height,
        };
    }
}
