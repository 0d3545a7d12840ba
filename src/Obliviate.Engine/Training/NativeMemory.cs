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

    /// <summary>
    /// Switches glibc to keeping freed blocks for an inference pass (evaluation, the probe's sweep): blocks up to
    /// <see cref="InferenceMmapThreshold"/> come from the heap instead of fresh mmaps, and the heap's free top is returned to
    /// the kernel only past <see cref="InferenceTrimThreshold"/>. An inference pass allocates and frees the same large
    /// activations batch after batch; by default glibc hands them back and page-faults them in again. MiniLM forward,
    /// 16 × 64: 103–114 → 76–82 ms by hand, page faults 450 k → 110 k per process, the same RSS; in bench/results/speed.json
    /// 71.8 ms against PyTorch's 89.0, the vocabulary sweep 17.1 → 13.6 s (bench/README.md).
    /// One-way for the process (glibc cannot return to its adaptive threshold); a training loop that follows in the same
    /// process (<c>defend</c> probing first) keeps it: the same settings on the <c>defend</c> loop gave the same step time
    /// at about 20 MB more peak RSS, which is why training does not switch it on itself.
    /// </summary>
    public static void UseInferenceAllocator()
    {
        if (!Available || inferenceAllocator) return;
        try
        {
            // The trim threshold only once the mmap threshold took: a fixed trim threshold alone also fixes the mmap threshold
            // at its 128 KiB default, which made every step slower (forward 150–196 ms, LoRA step twice as long).
            if (mallopt(MMmapThreshold, InferenceMmapThreshold) == 1) _ = mallopt(MTrimThreshold, InferenceTrimThreshold);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: its allocator keeps its own policy.
        }
        inferenceAllocator = true;
    }

    /// <summary>32 MiB: glibc's ceiling for the mmap threshold on 64-bit (half its 64 MiB heap size).</summary>
    public const int InferenceMmapThreshold = 32 << 20;

    /// <summary>256 MiB of free heap top kept before glibc trims on its own; the periodic <see cref="Trim"/> still releases it.</summary>
    public const int InferenceTrimThreshold = 256 << 20;

    private static bool inferenceAllocator;
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole project, for one blittable call.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);

    /// <summary>
    /// The padded length of a batch: its longest row rounded up to a multiple of 8, never past <paramref name="cap"/>. Fewer
    /// distinct shapes mean fewer differently sized allocations; the attention mask makes the extra padding inert.
    /// </summary>
    public static int PaddedLength(int longest, int cap) => Math.Max(longest, Math.Min(cap, (longest + 7) / 8 * 8));
}
