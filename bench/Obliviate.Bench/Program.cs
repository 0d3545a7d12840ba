using Obliviate.Bench.Encoder;
using Obliviate.Bench.Rehead;
using Obliviate.Bench.Speed;

namespace Obliviate.Bench;

/// <summary>Benchmark entry point: <c>Obliviate.Bench &lt;verb&gt; [options]</c>. Each benchmark adds one verb.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine("usage: Obliviate.Bench <verb> [options]\nverbs:\n  encoder  " + EncoderBenchmark.Usage + "\n  speed    " + SpeedBenchmark.Usage + "\n  kernels  (matmul GFLOPS and dropout-mask variants)\n  rehead   " + ReheadBenchmark.Usage);
            return args.Length == 0 ? 4 : 0;
        }
        try
        {
            return args[0] switch
            {
                "encoder" => EncoderBenchmark.Run(BenchArguments.Parse(args[1..])),
                "speed" => SpeedBenchmark.Run(BenchArguments.Parse(args[1..])),
                "kernels" => KernelProbe.Run(),
                "rehead" => ReheadBenchmark.Run(BenchArguments.Parse(args[1..])),
                _ => Fail($"unknown verb '{args[0]}'", 4),
            };
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message, 4);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Fail(e.Message, 2);
        }
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine("error: " + message);
        return code;
    }
}
