using System.Runtime.InteropServices;

namespace Obliviate.Engine.Training;

/// <summary>
/// Keeps the process's resident memory close to what libtorch actually uses. With dynamic padding every batch has another
/// shape, glibc's per-thread malloc arenas keep the freed blocks, and RSS climbed to 1.2 GB over 90 MiniLM steps (measured;
/// the same loop at a fixed shape stayed at 650 MB, so it is retention, not a leak). <c>malloc_trim(0)</c> hands the free
/// pages back to the kernel, but each call costs its own time plus the page faults that refill what it released (about
/// 100 ms per MiniLM step when called every step), so loops call it every <see cref="TrainingInterval"/> steps
/// (bench/speed measures both).
/// </summary>
public static class NativeMemory
{
    private static readonly bool Available = OperatingSystem.IsLinux();

    /// <summary>Training steps between trims: retention stays bounded while the per-step cost disappears.</summary>
    public const int TrainingInterval = 10;

    /// <summary>Inference batches between trims.</summary>
    public const int InferenceInterval = 8;

    /// <summary>Returns free heap pages to the operating system (glibc only; a no-op elsewhere or when it is missing).</summary>
    public static void Trim()
    {
        if (!Available) return;
        try
        {
            _ = malloc_trim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries have no malloc_trim; memory use is then just higher.
        }
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole project, for one blittable call.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);

    /// <summary>
    /// The padded length of a batch: its longest row rounded up to a multiple of 8, never past <paramref name="cap"/>. Fewer
    /// distinct shapes mean fewer differently sized allocations; the attention mask makes the extra padding inert.
    /// </summary>
    public static int PaddedLength(int longest, int cap) => Math.Max(longest, Math.Min(cap, (longest + 7) / 8 * 8));
}
