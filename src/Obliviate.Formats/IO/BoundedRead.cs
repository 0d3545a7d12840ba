namespace Obliviate.Formats.IO;

/// <summary>Why <see cref="BoundedRead.ReadAll"/> stopped before the end of the stream.</summary>
public enum BoundedReadStop
{
    /// <summary>It did not: the whole stream was read.</summary>
    None,

    /// <summary>The data would have grown past the size cap.</summary>
    Cap,

    /// <summary>The caller's budget refused a chunk (a scan-wide inflation cap).</summary>
    Budget,
}

/// <summary>
/// The one "read a stream into memory, but at most N bytes" loop that every decoder of untrusted data uses (zip members,
/// 7z/tar/rar members, compressed payloads), so a cap or a budget is checked on every chunk, before it is kept.
/// </summary>
public static class BoundedRead
{
    private const int ChunkBytes = 81920;

    /// <param name="maxBytes">The most bytes kept; one more ends the read with <see cref="BoundedReadStop.Cap"/>.</param>
    /// <param name="take">Charged with every chunk before it is kept; false ends the read with <see cref="BoundedReadStop.Budget"/>.</param>
    /// <returns>The bytes (null when stopped) and why it stopped.</returns>
    public static (byte[]? Data, BoundedReadStop Stop) ReadAll(Stream stream, long maxBytes, Func<int, bool>? take = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var ms = new MemoryStream();
        var buffer = new byte[ChunkBytes];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ms.Length + n > maxBytes) return (null, BoundedReadStop.Cap);
            if (take is not null && !take(n)) return (null, BoundedReadStop.Budget);
            ms.Write(buffer, 0, n);
        }
        return (ms.ToArray(), BoundedReadStop.None);
    }
}
