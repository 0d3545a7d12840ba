using System.Text.Json.Serialization;

namespace Obliviate.Bench.Encoder;

/// <summary>bench/results/encoder.json: exactly these keys (issue 3).</summary>
public sealed record EncoderBenchResult(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("seq")] int Seq,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("forward_ms_median")] double ForwardMsMedian,
    [property: JsonPropertyName("peak_rss_mb")] double PeakRssMb,
    [property: JsonPropertyName("parity_max_abs_diff")] double? ParityMaxAbsDiff);
