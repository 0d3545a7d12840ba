using Obliviate.Tests;

namespace Obliviate.Reports.Tests.Approvals;

/// <summary>
/// Golden-file check: compares output with Approvals/&lt;name&gt;.approved.&lt;ext&gt; in the source tree. On a mismatch
/// (or when the golden file is missing) it writes &lt;name&gt;.received.&lt;ext&gt; beside it and fails; review the
/// received file and rename it to approve.
/// </summary>
internal static class Approval
{
    public static void Verify(string name, string extension, string actual)
    {
        var folder = Path.Combine(SharedData.RepoRoot, "tests", "Obliviate.Reports.Tests", "Approvals");
        var approved = Path.Combine(folder, $"{name}.approved.{extension}");
        var received = Path.Combine(folder, $"{name}.received.{extension}");
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (File.Exists(approved) && File.ReadAllText(approved).Replace("\r\n", "\n", StringComparison.Ordinal) == normalized)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, normalized);
        Assert.Fail($"{name}: output differs from {approved}. Review {received} and rename it to approve.");
    }
}
