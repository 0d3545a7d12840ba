using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Bench.Speed;

/// <summary>
/// <c>kernels</c>: the building blocks behind two speed decisions, timed in this process: a MiniLM-sized matmul (GFLOPS,
/// which shows whether libtorch's MKL runs its fast path on this CPU; see build/TorchNativeFix.targets) and the ways to
/// draw a dropout mask (libtorch's dropout/bernoulli against a uniform draw; see Engine/Models/MaskDropout.cs).
/// </summary>
public static class KernelProbe
{
    public static int Run()
    {
        torch.set_num_threads(2);
        {
            using var a = torch.randn(1024, 384);
            using var w = torch.randn(384, 1536);
            for (var i = 0; i < 3; i++) using (torch.NewDisposeScope()) _ = a.matmul(w);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 30; i++) using (torch.NewDisposeScope()) _ = a.matmul(w);
            var ms = sw.Elapsed.TotalMilliseconds / 30;
            Console.WriteLine($"matmul 1024x384x1536: {ms:F2} ms, {2.0 * 1024 * 384 * 1536 / (ms / 1000) / 1e9:F1} GFLOPS");
        }
        {
            // A MiniLM layer's query/key/value projections of a 16 × 64 batch: three Linears against one fused Linear.
            using var x = torch.randn(16, 64, 384);
            var w = Enumerable.Range(0, 3).Select(_ => torch.randn(384, 384)).ToArray();
            var b = Enumerable.Range(0, 3).Select(_ => torch.randn(384)).ToArray();
            using var wFused = torch.cat(w, 0);
            using var bFused = torch.cat(b, 0);
            double Time(Action f)
            {
                for (var i = 0; i < 5; i++) using (torch.NewDisposeScope()) f();
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < 100; i++) using (torch.NewDisposeScope()) f();
                return sw.Elapsed.TotalMilliseconds / 100;
            }
            var separate = Time(() => { for (var i = 0; i < 3; i++) nn.functional.linear(x, w[i], b[i]); });
            var fused = Time(() => nn.functional.linear(x, wFused, bFused).chunk(3, -1));
            Console.WriteLine($"qkv 1024x384x(3x384): separate {separate:F2} ms, fused {fused:F2} ms");
            foreach (var t in w.Concat(b)) t.Dispose();
        }
        LayerOps();
        foreach (var shape in new long[][] { [16, 64, 384], [16, 12, 64, 64] })
        {
            using var x = torch.randn(shape);
            void T(string name, Func<Tensor> f)
            {
                for (var i = 0; i < 3; i++) using (torch.NewDisposeScope()) f();
                var w = Stopwatch.StartNew();
                for (var i = 0; i < 50; i++) using (torch.NewDisposeScope()) f();
                Console.WriteLine($"{string.Join('x', shape)} {name}: {w.Elapsed.TotalMilliseconds / 50:F2} ms");
            }
            T("dropout", () => nn.functional.dropout(x, 0.1, true));
            T("rand", () => torch.rand_like(x));
            T("bernoulli", () => torch.empty_like(x).bernoulli_(0.9));
            T("randint_u8", () => torch.randint(0, 256, shape, dtype: ScalarType.Byte));
            T("mul", () => x * x);
            T("v1 rand mask mul", () => x * torch.rand_like(x).ge_(0.1).to(ScalarType.Float32) * (1 / 0.9));
            T("v2 masked_fill", () => x.masked_fill(torch.rand_like(x).lt(0.1), 0) * (1 / 0.9));
            using var xg = torch.randn(shape, requires_grad: true);
            T("native fwd+bwd", () => { var y = nn.functional.dropout(xg, 0.1, true); y.sum().backward(); return y; });
            T("v2 fwd+bwd", () => { var y = xg.masked_fill(torch.rand_like(xg).lt(0.1), 0) * (1 / 0.9); y.sum().backward(); return y; });
        }
        return 0;
    }

    /// <summary>
    /// The operators of one MiniLM layer on a 16 × 64 batch under inference mode, each alone (milliseconds per call): the
    /// same list as bench/speed/reference.py's <c>layer_ops</c> case, so the forward case's gap against PyTorch can be located.
    /// </summary>
    private static void LayerOps()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(0);
        var x = torch.randn(16, 64, 384);
        var (w, b) = (torch.randn(384, 384), torch.randn(384));
        var (wi, bi, wo, bo) = (torch.randn(1536, 384), torch.randn(1536), torch.randn(384, 1536), torch.randn(384));
        var hi = torch.randn(16, 64, 1536);
        var (lnw, lnb) = (torch.ones(384), torch.zeros(384));
        var (q, k, v) = (torch.randn(16, 12, 64, 32), torch.randn(16, 12, 64, 32), torch.randn(16, 12, 64, 32));
        var emb = torch.randn(30522, 384);
        var ids = torch.randint(0, 30522, [16, 64]);
        void T(string name, Func<Tensor> f)
        {
            using var mode = torch.inference_mode();
            for (var i = 0; i < 10; i++) using (torch.NewDisposeScope()) f();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 200; i++) using (torch.NewDisposeScope()) f();
            Console.WriteLine($"{name,-28} {sw.Elapsed.TotalMilliseconds / 200,7:F3} ms");
        }
        T("linear 384->384", () => nn.functional.linear(x, w, b));
        T("linear 384->1536", () => nn.functional.linear(x, wi, bi));
        T("linear 1536->384", () => nn.functional.linear(hi, wo, bo));
        T("gelu 1536", () => nn.functional.gelu(hi));
        T("add+layernorm", () => nn.functional.layer_norm(x + x, [384], lnw, lnb, 1e-12));
        T("attn explicit", () => (q.matmul(k.transpose(-1, -2)) * 0.17).softmax(-1).matmul(v));
        T("attn sdpa", () => nn.functional.scaled_dot_product_attention(q, k, v));
        T("split+merge heads", () => x.view(16, 64, 12, 32).transpose(1, 2).transpose(1, 2).reshape(16, 64, 384));
        T("embedding gather", () => emb.index_select(0, ids.view(-1)).view(16, 64, 384));
    }
}
