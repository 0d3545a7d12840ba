using Obliviate.Reports.Model;
using Obliviate.Tests;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Scanner.Tests;

public sealed class ScanRunTests
{
    [Fact]
    public void A_file_list_is_graded_against_fail_on_like_a_folder()
    {
        using var dir = new TempFolder();
        dir.Write("data/model.pkl", PickleBuilder.CallGlobal("os", "system", "id"));
        dir.Write("data/other.pkl", PickleBuilder.CallGlobal("os", "system", "id"));
        var result = ScanRun.Run(new ScanRequest { Target = dir.Path, Files = ["data/model.pkl"] }, null, CancellationToken.None);
        Assert.Equal("data/model.pkl", Assert.Single(result.Report.Files).Path);
        Assert.Equal(Outcome.Failed, result.Outcome);
    }

    [Fact]
    public void A_file_list_is_refused_for_a_hub_target() =>
        Assert.Throws<RequestException>(() =>
            ScanRun.Run(new ScanRequest { Target = "hf://owner/name", Files = ["config.json"] }, null, CancellationToken.None));
}
