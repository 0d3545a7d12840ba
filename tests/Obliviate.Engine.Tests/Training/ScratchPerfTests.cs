using System.Diagnostics;
using Obliviate.Engine.Classification;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Training;

public class ScratchPerfTests(ITestOutputHelper output)
{
    [Fact]
    public void Perf()
    {
        using var baseModel = BaseModel.Load("minilm", null, torch.CPU);
        output.WriteLine($"threads {torch.get_num_threads()}");
        using var g = new Generator(1);
        var peft = PeftRegistry.Get(PeftMethod.Lora).Inject(baseModel.Encoder, new PeftInjectionOptions(g, 0.0));
        using var head = new ClassificationHead(384, 2, 0.1, g);
        using var model = new PeftClassifier(baseModel.Encoder, peft, head);
        var texts = Enumerable.Range(0, 16).Select(i => string.Join(' ', Enumerable.Repeat("the movie was surprisingly good", 6))).ToList();
        var batch = baseModel.Tokenizer.EncodeBatch(texts, maxLength: 128);
        output.WriteLine($"T={batch.SequenceLength}");
        using var opt = new HfAdamW(model.TrainableParameters, new TrainingSettings());
        foreach (var mode in new[] { "fwd-nograd", "fwd-eval-grad", "train-step", "train-step-scores" })
        {
            var times = new List<double>();
            for (var i = 0; i < 4; i++)
            {
                var w = Stopwatch.StartNew();
                using var scope = torch.NewDisposeScope();
                if (mode == "fwd-nograd") { model.eval(); using var ng = torch.no_grad(); model.forward(batch, false); }
                else if (mode == "fwd-eval-grad") { model.eval(); model.forward(batch, false).Logits.sum().backward(); }
                else
                {
                    model.train();
                    var o = model.forward(batch, mode.EndsWith("scores"));
                    var loss = nn.functional.cross_entropy(o.Logits, torch.zeros(16, dtype: ScalarType.Int64));
                    opt.ZeroGrad(); loss.backward(); opt.Step(1e-4);
                }
                times.Add(w.Elapsed.TotalMilliseconds);
            }
            output.WriteLine($"{mode}: {string.Join(", ", times.Select(t => t.ToString("F0")))} ms");
        }
    }
}
