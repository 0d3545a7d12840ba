namespace Obliviate.Formats.IO;

/// <summary>
/// The one capped copy of an untrusted stream (an HTTP download) into another: both downloaders (the Hub client and the
/// model-package fetch) use it, so a server that sends more than it announced is stopped at the same point.
/// </summary>
public static class BoundedCopy
{
    private const int ChunkBytes = 1 << 16;

    /// <param name="already">Bytes the destination already holds (a resumed download), counted against <paramref name="maxTotalBytes"/>.</param>
    /// <param name="observe">Sees every chunk before it is written (e.g. an incremental hash).</param>
    /// <returns>The destination's total length, or null when the source went past <paramref name="maxTotalBytes"/> (nothing more is written).</returns>
    public static async Task<long?> CopyAsync(Stream source, Stream destination, long already, long maxTotalBytes,
        Action<ReadOnlyMemory<byte>>? observe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var buffer = new byte[ChunkBytes];
        var written = already;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            written += read;
            if (written > maxTotalBytes) return null;
            observe?.Invoke(buffer.AsMemory(0, read));
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return written;
    }
}
