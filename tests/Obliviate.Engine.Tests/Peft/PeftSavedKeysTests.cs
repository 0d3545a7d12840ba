using System.Text;
using Obliviate.Engine.Peft;
using Obliviate.Formats.SafeTensors;
using Obliviate.Tests;
using Obliviate.Engine.Classification;

namespace Obliviate.Engine.Tests.Peft;

/// <summary>
/// Key/shape approvals of the saved files: the peft / adapters-library key names are an interoperability contract, so any
/// renamed or reshaped saved tensor fails here (compare with <c>Approvals/Peft.&lt;method&gt;.approved.txt</c>).
/// </summary>
public class PeftSavedKeysTests
{
    [Theory]
    [MemberData(nameof(PeftContractTests.Methods), MemberType = typeof(PeftContractTests))]
    public void Saved_keys_and_shapes_match_the_approved_list(string name)
    {
        using var world = new TinyPeftWorld();
        var dir = Path.Combine(world.Root, name);
        var method = PeftRegistry.Find(name)!;
        using (var model = TinyPeftWorld.CreateClassifier(method)) ClassifierArtifacts.Save(dir, model, "tiny", 0.1);
        var received = new StringBuilder();
        foreach (var file in new[] { method.WeightsFile, PeftArtifactFiles.HeadWeights })
        {
            received.Append("# ").Append(file).Append('\n');
            using var tensors = SafeTensorsFile.Open(Path.Combine(dir, file));
            foreach (var e in tensors.Entries.OrderBy(e => e.Name, StringComparer.Ordinal))
                received.Append(e.Name).Append(' ').Append(e.DType).Append(' ').Append(string.Join('x', e.Shape)).Append('\n');
        }
        var approvedPath = Path.Combine(SharedData.RepoRoot, "tests", "Obliviate.Engine.Tests", "Approvals", $"Peft.{name}.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;
        if (approved != received.ToString())
        {
            File.WriteAllText(approvedPath.Replace(".approved.", ".received.", StringComparison.Ordinal), received.ToString());
            Assert.Fail($"{name}: saved tensors differ from {approvedPath}; see the .received.txt beside it.");
        }
    }
}
