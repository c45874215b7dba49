namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>One device row of the partner's upload file.</summary>
/// <param name="LineNumber">The line it starts on, counting the header as line 1.</param>
/// <param name="Raw">The row's text exactly as in the file, without its line break.</param>
/// <param name="SerialNumber">The <c>Device Serial Number</c> cell, unquoted and trimmed; empty when absent.</param>
/// <param name="ProductKey">The <c>Windows Product ID</c> cell, unquoted and trimmed; empty when absent.</param>
/// <param name="HardwareHash">The <c>Hardware Hash</c> cell, unquoted and trimmed; empty when absent.</param>
internal sealed record UploadRow(int LineNumber, string Raw, string SerialNumber, string ProductKey, string HardwareHash);
