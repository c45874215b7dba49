namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>
/// Reads the list of batches of <c>pcbatch watch</c>: one batch a line, as a Location value (as the upload's answer
/// gave it: a path, a URL or the whole <c>Location: ...</c> line) or as <c>customer-id,batch-tracking-id</c>. Empty
/// lines and lines that start with <c>#</c> are skipped.
/// </summary>
internal static class WatchList
{
    /// <summary>Reads every line, before any call, so that a bad line stops the run before it starts.</summary>
    /// <param name="reader">The file or the standard input.</param>
    /// <param name="source">What is read, for the messages: a quoted file name or <c>standard input</c>.</param>
    /// <returns>The batches, in the order of the lines.</returns>
    /// <exception cref="UsageException">A line is neither form, or there is no batch at all.</exception>
    public static IReadOnlyList<BatchTrackingLocation> Read(TextReader reader, string source)
    {
        var batches = new List<BatchTrackingLocation>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            batches.Add(ReadLine(text, $"{source}, line {number}"));
        }

        return batches.Count > 0
            ? batches
            : throw new UsageException($"{Capitalized(source)} lists no batch: give one Location value, or 'customer-id,batch-tracking-id', a line.");
    }

    private static BatchTrackingLocation ReadLine(string text, string where)
    {
        var parts = text.Split(',');
        if (parts.Length == 2)
        {
            try
            {
                return new BatchTrackingLocation(CommandLineValues.ParseId(parts[0], "customer id"), CommandLineValues.ParseId(parts[1], "batch tracking id"));
            }
            catch (UsageException error)
            {
                throw new UsageException($"{Capitalized(where)}: {error.Message}", error);
            }
        }

        try
        {
            // As with --location: a URL's user information says nothing about the batch, and is never quoted back.
            return BatchTrackingLocation.Parse(CommandLineValues.WithoutUserInfo(text));
        }
        catch (FormatException error)
        {
            // The client's message says what is expected and quotes at most 80 characters, never a query string.
            throw new UsageException($"{Capitalized(where)}: {error.Message} Or give 'customer-id,batch-tracking-id'.", error);
        }
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
