using Obliviate.MSBuild.ScanHost;
using Obliviate.Reports.Model;
using Obliviate.Tests;

namespace Obliviate.MSBuild.Tests.ScanHost;

public sealed class HostArgumentsTests
{
    [Fact]
    public void A_response_file_holds_one_option_or_value_per_line()
    {
        using var dir = new TempFolder();
        var rsp = dir.Write("scan.rsp", "--root\r\n/app dir\n--report\n/app dir/obj/scan.json\n--fail-on\nsuspicious\n--strict\n--file\n/app dir/m 1.onnx\n--timeout\n90\n");
        var a = HostArguments.Parse(HostArguments.Expand(["@" + rsp, "--file", "/app dir/m2.onnx"]));
        Assert.Equal(("/app dir", "/app dir/obj/scan.json", Severity.Low, true), (a.Root, a.ReportPath, a.FailOn, a.Strict));
        Assert.Equal(["/app dir/m 1.onnx", "/app dir/m2.onnx"], a.Files);
        Assert.Equal(TimeSpan.FromSeconds(90), a.Timeout);
        Assert.Null(a.SuppressionsPath);
    }

    [Theory]
    [InlineData("dangerous", Severity.High)]
    [InlineData("suspicious", Severity.Low)]
    [InlineData("Medium", Severity.Medium)]
    [InlineData("critical", Severity.Critical)]
    public void Fail_on_takes_verdict_and_severity_words(string word, Severity expected) =>
        Assert.Equal(expected, FailOnWords.Parse(word));

    [Theory]
    [InlineData("--report", "r.json")]
    [InlineData("--root", "/a", "--report", "r", "--fail-on", "bad")]
    [InlineData("--root", "/a", "--report", "r", "--timeout", "-5")]
    [InlineData("--root", "/a", "--report", "r", "--bogus")]
    [InlineData("--root")]
    public void Malformed_arguments_are_refused(params string[] args) =>
        Assert.Throws<ArgumentException>(() => HostArguments.Parse(args));
}
