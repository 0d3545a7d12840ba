using System.Diagnostics;
using Obliviate.Reports.Model;
using Obliviate.Tests;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Scanner.Tests;

/// <summary>
/// Property: whatever bytes arrive (bit flips, truncation, corrupted length fields, splices), a scan returns a verdict
/// or an inconclusive result within a second, and never fails inside the scanner itself.
/// </summary>
public sealed class ScannerFuzzTests
{
    private const int MutationsPerSeed = 32;

    [SkippableFact]
    public void Mutated_fixtures_never_crash_or_hang()
    {
        var seeds = GeneratedSeeds().ToList();
        var corpus = Path.Combine(SharedData.Root, "modelfiles");
        if (Directory.Exists(corpus))
        {
            seeds.AddRange(Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
                .Where(f => new FileInfo(f).Length <= 1 << 20)
                .Order(StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));
        }
        // Without the shared corpus only the generated seeds remain: mutate each more so the property still sees 1000+ inputs.
        var perSeed = Math.Max(MutationsPerSeed, (1000 + seeds.Count - 1) / seeds.Count);
        var rng = new Random(20261130);
        var total = Stopwatch.StartNew();
        var scans = 0;
        var slowest = TimeSpan.Zero;
        var failures = new List<string>();
        foreach (var (name, seed) in seeds)
        {
            for (var i = 0; i < perSeed; i++)
            {
                var mutant = Mutate(seed, rng, out var how);
                var (result, elapsed) = Scan(mutant, name);
                // A scan that ran over the limit is repeated: a hang is slow every time, a stall of a busy machine (the test
                // suite beside a training job) is not. The fastest of three runs must be within the limit.
                for (var retry = 0; retry < 2 && elapsed > Limit; retry++) elapsed = TimeSpan.FromTicks(Math.Min(elapsed.Ticks, Scan(mutant, name).Elapsed.Ticks));
                scans++;
                if (elapsed > slowest) slowest = elapsed;
                if (elapsed > Limit) failures.Add($"{name} [{how}] took {elapsed.TotalSeconds:0.00} s (fastest of three runs)");
                if (result.Note?.Contains("scanner error", StringComparison.Ordinal) == true) failures.Add($"{name} [{how}]: {result.Note}");
                if (!Enum.IsDefined(result.Verdict)) failures.Add($"{name} [{how}]: verdict {result.Verdict}");
                if (result.Verdict == Verdict.Inconclusive && string.IsNullOrWhiteSpace(result.Note)) failures.Add($"{name} [{how}]: inconclusive without a note");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures of {scans} scans:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(scans >= 1000, $"only {scans} mutants");
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(60), $"{scans} scans took {total.Elapsed.TotalSeconds:0.0} s (slowest {slowest.TotalMilliseconds:0} ms)");
    }

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    private static (FileResult Result, TimeSpan Elapsed) Scan(byte[] content, string name)
    {
        var sw = Stopwatch.StartNew();
        var result = ModelFileScanner.ScanContent(content, name, new ScanOptions { Limits = new ScanLimits { MaxMemberBytes = 8 << 20 } });
        return (result, sw.Elapsed);
    }

    private static IEnumerable<(string, byte[])> GeneratedSeeds()
    {
        var evil = PickleBuilder.CallGlobal("os", "system", "id");
        yield return ("state.pkl", PickleBuilder.TorchStateDict());
        yield return ("stack.pkl", PickleBuilder.StackGlobalCall("builtins", "eval", "1"));
        yield return ("model.pt", ZipBuilder.TorchCheckpoint(PickleBuilder.TorchStateDict()));
        yield return ("deflated.zip", new ZipBuilder().Add("a/data.pkl", evil, deflate: true).Add("b.npy", NpyBuilder.Build("|O", "(1,)", evil)).ToArray());
        yield return ("nested.zip", new ZipBuilder().Add("in.zip", new ZipBuilder().Add("x.pkl", evil).ToArray()).ToArray());
        yield return ("obj.npy", NpyBuilder.Build("|O", "(1,)", evil));
        yield return ("m.safetensors", SafeTensorsBytes.Build(new Dictionary<string, long[]> { ["w"] = [4, 2] }, new Dictionary<string, string> { ["format"] = "pt" }));
        yield return ("m.onnx", OnnxBytes.Model("weights.bin", "../x"));
        yield return ("b64.pkl", new PickleBuilder().Proto(3).BinUnicode(Convert.ToBase64String(evil)).Stop().ToArray());
        yield return ("bundle.tar", TarBuilder.Build(("a/data.pkl", evil)));
        yield return ("tokenizer.json", System.Text.Encoding.UTF8.GetBytes("""{"added_tokens":[{"id":1,"content":"cf","special":false}],"auto_map":{"AutoModel":"m.M"}}"""));
    }

    /// <summary>One random mutation: bit flips, truncation, a length-like field set to an extreme, or a splice.</summary>
    private static byte[] Mutate(byte[] seed, Random rng, out string how)
    {
        if (seed.Length == 0) { how = "empty"; return [1]; }
        var data = (byte[])seed.Clone();
        switch (rng.Next(5))
        {
            case 0:
                var flips = 1 + rng.Next(8);
                for (var i = 0; i < flips; i++) data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
                how = $"{flips} bit flips";
                return data;
            case 1:
                var cut = rng.Next(data.Length);
                how = $"truncated to {cut}";
                return data[..cut];
            case 2:
                var at = rng.Next(Math.Max(1, data.Length - 4));
                byte[] extreme = rng.Next(3) switch { 0 => [0xff, 0xff, 0xff, 0x7f], 1 => [0xff, 0xff, 0xff, 0xff], _ => [0, 0, 0, 0] };
                for (var k = 0; k < 4 && at + k < data.Length; k++) data[at + k] = extreme[k];
                how = $"length field at {at} = {Convert.ToHexString(extreme)}";
                return data;
            case 3:
                var from = rng.Next(data.Length);
                var len = rng.Next(1, Math.Min(64, data.Length - from) + 1);
                var to = rng.Next(data.Length);
                how = $"splice {len} bytes from {from} to {to}";
                return [.. data[..to], .. data.AsSpan(from, len), .. data[to..]];
            default:
                var pos = rng.Next(data.Length);
                data[pos] = (byte)rng.Next(256);
                how = $"byte {pos} randomised";
                return data;
        }
    }
}
