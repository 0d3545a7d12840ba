using System.IO.Compression;
using Obliviate.Tests;
using Obliviate.Tests.Fixtures;

namespace Obliviate.MSBuild.Tests.Consumer;

/// <summary>
/// The package as a developer meets it: sample projects built with <c>dotnet build</c>, consuming Obliviate.MSBuild from a
/// local folder feed (docs/msbuild.md).
/// </summary>
[Trait("Category", "Slow")]
public sealed class ConsumerBuildTests(PackageFeed feed) : IClassFixture<PackageFeed>
{
    private const string ScanSkipped = "Skipping target \"_ObliviateScan\" because all output files are up-to-date";
    private const string Scanned = "shipped files scanned";

    private static byte[] CleanWeights() =>
        SafeTensorsBytes.Build(new Dictionary<string, long[]> { ["bert.embeddings.word_embeddings.weight"] = [8, 4] });

    [Fact]
    public void The_package_carries_the_task_and_the_scan_host_without_libtorch_and_stays_under_20_MB()
    {
        Assert.True(new FileInfo(feed.Package).Length < 20L * 1024 * 1024, $"{feed.Package} is {new FileInfo(feed.Package).Length} bytes");
        using var zip = ZipFile.OpenRead(feed.Package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("build/Obliviate.MSBuild.targets", entries);
        Assert.Contains("buildTransitive/Obliviate.MSBuild.targets", entries);
        Assert.Contains("tasks/netstandard2.0/Obliviate.MSBuild.Tasks.dll", entries);
        Assert.Contains("tools/scanhost/Obliviate.MSBuild.ScanHost.dll", entries);
        Assert.Contains("tools/scanhost/Obliviate.Scanner.dll", entries);
        Assert.DoesNotContain(entries, e => e.Contains("torch", StringComparison.OrdinalIgnoreCase) || e.StartsWith("lib/", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_clean_model_builds_and_an_unchanged_project_skips_the_scan()
    {
        Skip.If(OperatingSystem.IsWindows(), "the stand-in tool is a shell script");
        if (OperatingSystem.IsWindows()) return;
        using var app = new ConsumerProject(feed);
        app.Write("models/model.safetensors", CleanWeights());
        app.Write("models/config.json", """{"model_type":"bert","vocab_size":8}""");
        // A probe tool is configured but ObliviateProbe is not set: nothing probe-related may run.
        var marker = app["probe-ran.txt"];
        var tool = StandInTool(app, marker, exitCode: 1);
        app.Configure($"<ObliviateToolPath>{tool}</ObliviateToolPath>");

        var first = app.Build();
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains($"obliviate: 2 {Scanned}", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(app["bin/Debug/net10.0/models/model.safetensors"]));
        Assert.DoesNotContain("_ObliviateProbe", first.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "the probe tool ran although ObliviateProbe is not set");

        var second = app.Build();
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains(ScanSkipped, second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Scanned, second.Output, StringComparison.Ordinal);

        // Keyed on content: a newer timestamp on the same bytes is no change; new bytes are.
        File.SetLastWriteTimeUtc(app["models/model.safetensors"], DateTime.UtcNow.AddMinutes(1));
        Assert.Contains(ScanSkipped, app.Build().Output, StringComparison.Ordinal);
        app.Write("models/config.json", """{"model_type":"bert","vocab_size":8,"hidden_size":4}""");
        Assert.Contains(Scanned, app.Build().Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_shipped_malicious_pickle_fails_the_build_with_OBL001_naming_the_file_before_it_is_copied()
    {
        var malicious = SharedData.Require("modelfiles/picklescan/data/malicious1_v4.pkl");
        using var app = new ConsumerProject(feed);
        // Copied as bytes only; nothing here ever unpickles it.
        Directory.CreateDirectory(app["models"]);
        File.Copy(malicious, app["models/weights.pkl"]);
        app.Write("models/model.safetensors", CleanWeights());

        var error = $"{app["models/weights.pkl"]} : error OBL001: calls builtins.eval";
        var build = app.Build();
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(error, build.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(app["bin/Debug/net10.0/models/weights.pkl"]), "the malicious file reached the output folder");

        // Unchanged, it fails again from the recorded result without scanning again.
        var again = app.Build();
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains(ScanSkipped, again.Output, StringComparison.Ordinal);
        Assert.Contains(error, again.Output, StringComparison.Ordinal);

        var off = app.Build("-p:ObliviateScan=false");
        Assert.True(off.ExitCode == 0, off.Output);
        Assert.DoesNotContain("OBL001", off.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_without_a_build_still_scans_and_refuses_a_malicious_model()
    {
        using var app = new ConsumerProject(feed);
        app.Write("models/model.safetensors", CleanWeights());
        var built = app.Build();
        Assert.True(built.ExitCode == 0, built.Output);

        // The hook before GenerateNuspec: pack --no-build runs no PrepareForRun, yet the changed models are scanned.
        var weights = app.Write("models/weights.pt", PickleBuilder.CallGlobal("os", "system", "id"));
        var pack = app.Run("pack", "--no-build", "-o", app["out"]);
        Assert.NotEqual(0, pack.ExitCode);
        Assert.Contains($"{weights} : error OBL001:", pack.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(app["out"]) && Directory.EnumerateFiles(app["out"], "*.nupkg").Any(), "a package was written");
    }

    [Fact]
    public void NoWarn_silences_a_warning_level_rule_and_ObliviateTreatWarningsAsErrors_makes_it_an_error()
    {
        using var app = new ConsumerProject(feed);
        app.Write("models/model.safetensors", CleanWeights());
        var config = app.Write("models/config.json", """{"model_type":"bert","auto_map":{"AutoModel":"modeling_acme.AcmeModel"}}""");
        var warning = $"{config} : warning OBL030:";

        var plain = app.Build();
        Assert.True(plain.ExitCode == 0, plain.Output);
        Assert.Contains(warning, plain.Output, StringComparison.Ordinal);

        // NoWarn applies when the result is logged: no new scan is needed.
        app.Configure("<NoWarn>$(NoWarn);OBL030</NoWarn>");
        var silenced = app.Build();
        Assert.True(silenced.ExitCode == 0, silenced.Output);
        Assert.Contains(ScanSkipped, silenced.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning OBL030", silenced.Output, StringComparison.Ordinal);

        app.Configure("<ObliviateTreatWarningsAsErrors>true</ObliviateTreatWarningsAsErrors>");
        var strict = app.Build();
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains($"{config} : error OBL030:", strict.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void With_ObliviateProbe_the_installed_tool_judges_each_shipped_encoder_and_a_missing_tool_is_a_warning()
    {
        Skip.If(OperatingSystem.IsWindows(), "the stand-in tool is a shell script");
        if (OperatingSystem.IsWindows()) return;
        using var app = new ConsumerProject(feed);
        app.Write("models/minilm/model.safetensors", CleanWeights());
        var config = app.Write("models/minilm/config.json", """{"model_type":"bert","vocab_size":8}""");
        var marker = app["probe-ran.txt"];
        var tool = StandInTool(app, marker, exitCode: 1);

        var backdoored = app.Build("-p:ObliviateProbe=true", $"-p:ObliviateToolPath={tool}");
        Assert.NotEqual(0, backdoored.ExitCode);
        Assert.Contains($"{config} : error OBL910: the trigger probe judged this encoder backdoored; top candidate trigger \"cf\"", backdoored.Output, StringComparison.Ordinal);
        Assert.Equal($"probe {app["models/minilm"]} --format json", File.ReadAllText(marker).Trim());

        var missing = app.Build("-p:ObliviateProbe=true", $"-p:ObliviateToolPath={app["no-such-tool"]}");
        Assert.True(missing.ExitCode == 0, missing.Output);
        Assert.Contains($"{config} : warning OBL912: ObliviateProbe=true, but ObliviateToolPath", missing.Output, StringComparison.Ordinal);
        // Not judged, so not recorded as done: the next build looks for the tool again.
        Assert.Contains("warning OBL912", app.Build("-p:ObliviateProbe=true", $"-p:ObliviateToolPath={app["no-such-tool"]}").Output, StringComparison.Ordinal);
    }

    /// <summary>A shell script standing in for dotnet-obliviate: records its arguments and prints a backdoored probe report.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string StandInTool(ConsumerProject app, string marker, int exitCode)
    {
        var path = app.Write("tools/fake-obliviate", $$"""
            #!/bin/sh
            echo "$*" >> '{{marker}}'
            echo 'probing (stand-in)' >&2
            echo '{"schema_version":1,"kind":"probe","verdict":"backdoored","candidates":[{"text":"cf","score":0.97}]}'
            exit {{exitCode}}
            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
