using System.Text;
using System.Text.RegularExpressions;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// The one redactor of <c>pcbatch</c>: everything the tool writes goes through it (<see cref="RedactingWriter"/>), and
/// so do the cells of its exports. It removes the secrets it knows, the client secret and the certificate password
/// of the environment and every access token the sign-in got, in each form a service could echo them in: as they
/// are, URL-encoded (<c>%2B</c> or <c>%2b</c>, <c>+</c> for a space, any mix of encoded and plain characters),
/// JSON-escaped and base64 (standard or URL alphabet, at any alignment inside a longer value). Whatever its source,
/// it also removes anything shaped like a JWT (<c>eyJ…</c>, three dot-separated base64url parts), the credential of a
/// <c>Bearer</c> header, and the user information of a URL (<c>https://user:password@host</c> becomes <c>https://host</c>).
/// </summary>
internal sealed partial class Redactor
{
    /// <summary>What a removed secret is replaced with.</summary>
    public const string Mark = "(redacted)";

    /// <summary>A base64 fragment shorter than this is not looked for: it would match too much ordinary text.</summary>
    private const int MinBase64Fragment = 8;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private Regex? _pattern;

    /// <summary>Initializes a new instance of the <see cref="Redactor"/> class.</summary>
    /// <param name="secrets">The secrets to remove; empty and <see langword="null"/> values are ignored.</param>
    public Redactor(IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets)
        {
            Add(secret);
        }
    }

    /// <summary>Adds a secret to remove from now on, such as an access token just issued.</summary>
    /// <param name="secret">The secret; an empty or <see langword="null"/> value is ignored.</param>
    public void Add(string? secret)
    {
        var value = secret?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_gate)
        {
            if (_secrets.Add(value))
            {
                // Longest first, so that a secret that holds another is removed whole.
                var alternatives = _secrets.OrderByDescending(known => known.Length).SelectMany(Forms);
                _pattern = new Regex(string.Join('|', alternatives), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
            }
        }
    }

    /// <summary>Removes every secret, token and URL user information from <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, redacted.</returns>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var pattern = Volatile.Read(ref _pattern);
        if (pattern is not null)
        {
            text = pattern.Replace(text, Mark);
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            text = UserInfo().Replace(text, string.Empty);
            text = CutUserInfo().Replace(text, Mark);
        }

        if (text.Contains("eyJ", StringComparison.Ordinal))
        {
            text = Jwt().Replace(text, Mark);
        }

        if (text.Contains("earer", StringComparison.OrdinalIgnoreCase))
        {
            text = BearerCredential().Replace(text, Mark);
        }

        return text;
    }

    /// <summary>The patterns of one secret: each character plain or encoded, and its base64 fragments.</summary>
    private static IEnumerable<string> Forms(string secret)
    {
        var characters = new StringBuilder();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in secret.EnumerateRunes())
        {
            characters.Append("(?:").Append(Regex.Escape(rune.ToString()));
            var length = rune.EncodeToUtf8(bytes);
            characters.Append('|');
            foreach (var b in bytes[..length])
            {
                characters.Append('%').Append(Hex(b >> 4)).Append(Hex(b & 0xF));
            }

            if (rune.IsBmp)
            {
                characters.Append(@"|\\u").Append(Hex(rune.Value >> 12)).Append(Hex((rune.Value >> 8) & 0xF))
                    .Append(Hex((rune.Value >> 4) & 0xF)).Append(Hex(rune.Value & 0xF));
            }

            switch (rune.Value)
            {
                case ' ':
                    characters.Append(@"|\+");
                    break;
                case '"' or '\\' or '/':
                    characters.Append(@"|\\").Append(Regex.Escape(rune.ToString()));
                    break;
            }

            characters.Append(')');
        }

        yield return characters.ToString();

        var utf8 = Encoding.UTF8.GetBytes(secret);
        foreach (var fragment in Base64Fragments(utf8).Distinct(StringComparer.Ordinal))
        {
            yield return Regex.Escape(fragment);
        }
    }

    /// <summary>
    /// The part of the secret's base64 that does not depend on what comes before or after it, for each of the three
    /// alignments it can have inside a longer encoded value (such as <c>client-id:secret</c> of a Basic header).
    /// </summary>
    private static IEnumerable<string> Base64Fragments(byte[] secret)
    {
        for (var offset = 0; offset < 3; offset++)
        {
            var padded = new byte[offset + secret.Length];
            secret.CopyTo(padded, offset);
            var encoded = Convert.ToBase64String(padded).TrimEnd('=');
            var start = (8 * offset + 5) / 6;
            var end = 8 * (offset + secret.Length) / 6;
            if (end - start < MinBase64Fragment)
            {
                continue;
            }

            var fragment = encoded[start..end];
            yield return fragment;
            yield return fragment.Replace('+', '-').Replace('/', '_');
        }
    }

    /// <summary>A hexadecimal digit, in either case.</summary>
    private static string Hex(int value) => value < 10 ? ((char)('0' + value)).ToString() : $"[{(char)('A' + value - 10)}{(char)('a' + value - 10)}]";

    /// <summary>
    /// The user information of a URL, right after the scheme, up to the last <c>@</c> of the URL: a password pasted as
    /// typed may hold <c>/</c>, <c>?</c>, <c>#</c> or <c>@</c> (a path with an <c>@</c> loses its start too).
    /// </summary>
    [GeneratedRegex(@"(?<=\b[A-Za-z][A-Za-z0-9+.\-]*://)[^\s'""<>]*@", RegexOptions.CultureInvariant)]
    internal static partial Regex UserInfo();

    /// <summary>The start of a URL's authority cut short before its end (<c>https://user:pass…</c>): it may be user information.</summary>
    [GeneratedRegex(@"(?<=\b[A-Za-z][A-Za-z0-9+.\-]*://)[^\s/?#@'""<>…]*:[^\s@'""<>…]*(?=…)", RegexOptions.CultureInvariant)]
    private static partial Regex CutUserInfo();

    /// <summary>A JSON Web Token: a JOSE header (<c>{"</c> in base64url is <c>eyJ</c>), a payload and a signature, which may be empty.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    /// <summary>The credential after <c>Bearer</c>, such as an echoed <c>Authorization</c> header.</summary>
    [GeneratedRegex(@"(?<=\bBearer\s+)[A-Za-z0-9\-._~+/]{16,}=*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BearerCredential();
}
