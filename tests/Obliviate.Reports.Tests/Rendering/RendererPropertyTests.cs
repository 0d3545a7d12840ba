using Obliviate.Reports.Json;
using System.Text;
using System.Text.Json;
using Json.Schema;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Obliviate.Reports.Model;
using Obliviate.Reports.Rendering;
using Obliviate.Tests;

namespace Obliviate.Reports.Tests.Rendering;

/// <summary>Seeded random reports full of hostile text: every renderer must stay well-formed and inert.</summary>
public sealed class RendererPropertyTests
{
    private const string Alphabet = "abcXYZ019 ./\\|[]()<>*_`~#!&$:%\"'\n\r\t\u0000\u001b\u007f\u0085\u200b\u202e\u2028\ufeff\ud800é漢😀";

    private static string Text(Random random, int max)
    {
        var sb = new StringBuilder();
        var n = random.Next(1, max);
        for (var i = 0; i < n; i++)
        {
            var c = Alphabet[random.Next(Alphabet.Length)];
            sb.Append(c);
            // Keep most surrogate pairs whole, but let some lone halves through.
            if (char.IsHighSurrogate(c) && random.Next(4) > 0 && Alphabet.IndexOf(c) + 1 < Alphabet.Length) sb.Append(Alphabet[Alphabet.IndexOf(c) + 1]);
        }
        return sb.ToString();
    }

    private static ScanReport RandomReport(Random random)
    {
        var files = Enumerable.Range(0, random.Next(0, 5)).Select(i => new FileResult
        {
            Path = Text(random, 20) + i,
            Size = random.NextInt64(0, long.MaxValue),
            Sha256 = random.Next(3) == 0 ? "" : Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + new string('0', 32),
            Format = Text(random, 8),
            Verdict = (Verdict)random.Next(5),
            Note = random.Next(2) == 0 ? null : Text(random, 30),
            Findings = Enumerable.Range(0, random.Next(0, 4)).Select(_ => new Finding
            {
                RuleId = $"OBL{random.Next(1000):000}",
                Severity = (Severity)random.Next(4),
                Message = Text(random, 40),
                Evidence = random.Next(2) == 0 ? null : Text(random, 30),
                Offset = random.Next(2) == 0 ? null : random.NextInt64(0, 1L << 40),
                InnerPath = random.Next(2) == 0 ? null : Text(random, 15),
                Advice = random.Next(2) == 0 ? null : Text(random, 20),
                Suppression = random.Next(3) == 0 ? new Suppression(Text(random, 20), Text(random, 10)) : null,
            }).ToList(),
        }).ToList();
        return new ScanReport
        {
            Target = random.Next(2) == 0 ? "/abs/" + Text(random, 10) : Text(random, 10),
            Verdict = Verdicts.Combine(files.Select(f => f.Verdict)),
            Files = files,
            Rules = [new RuleDescriptor("OBL001", Text(random, 10), Severity.Critical, Text(random, 30), Text(random, 30))],
            Run = random.Next(2) == 0 ? null : new ScanRunInfo(Text(random, 6), DateTimeOffset.UnixEpoch.AddSeconds(random.Next()), random.NextDouble() * 100),
        };
    }

    private static string Render(Action<ScanReport, TextWriter> write, ScanReport report)
    {
        var sw = new StringWriter { NewLine = "\n" };
        write(report, sw);
        return sw.ToString();
    }

    [Fact]
    public void Json_round_trips_and_text_outputs_hold_no_invisible_characters()
    {
        var random = new Random(6);
        for (var i = 0; i < 300; i++)
        {
            var report = RandomReport(random);
            var json = Render(ReportJson.Write<ScanReport>, report);
            // Lone surrogates cannot survive UTF-8 and become U+FFFD on the first write; from then on it is exact.
            var back = ReportJson.Read<ScanReport>(json, "report.json");
            var again = Render(ReportJson.Write<ScanReport>, back);
            Assert.Equal(again, Render(ReportJson.Write<ScanReport>, ReportJson.Read<ScanReport>(again, "report.json")));
            Assert.Equal(report.Verdict, back.Verdict);
            Assert.Equal(report.Files.Select(f => (f.Verdict, f.Size, f.Sha256, f.Findings.Count)),
                back.Files.Select(f => (f.Verdict, f.Size, f.Sha256, f.Findings.Count)));
            Assert.Equal(report.Files.SelectMany(f => f.Findings).Select(f => (f.RuleId, f.Severity, f.Offset, f.Suppression is null)),
                back.Files.SelectMany(f => f.Findings).Select(f => (f.RuleId, f.Severity, f.Offset, f.Suppression is null)));
            foreach (var text in new[] { json, Render(TableReportRenderer.Write, report), Render(MarkdownReportRenderer.Write, report) })
            {
                Assert.DoesNotContain(text, c => c is '\u001b' or '\u202e' or '\u200b' or '\u2028' or '\u0000' or '\ufeff');
            }
        }
    }

    [Fact]
    public void Markdown_tables_keep_their_shape_and_hold_no_links_or_html()
    {
        var pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var report = RandomReport(random);
            var doc = Markdown.Parse(Render(MarkdownReportRenderer.Write, report), pipeline);
            var tables = doc.Descendants<Table>().ToList();
            var findings = report.Files.Sum(f => f.Findings.Count);
            Assert.Equal((findings > 0 ? 1 : 0) + (report.Files.Count > 0 ? 1 : 0), tables.Count);
            foreach (var row in tables.SelectMany(t => t.Cast<TableRow>())) Assert.Equal(6, row.Count);
            if (findings > 0) Assert.Equal(findings + 1, tables[0].Count);
            Assert.Empty(doc.Descendants<LinkInline>());
            Assert.Empty(doc.Descendants<AutolinkInline>());
            Assert.Empty(doc.Descendants<HtmlInline>());
            Assert.Empty(doc.Descendants<HtmlBlock>());
        }
    }

    [SkippableFact]
    public void Sarif_of_random_reports_is_schema_valid()
    {
        var schema = JsonSchema.FromText(File.ReadAllText(SharedData.Require("schemas/sarif-schema-2.1.0.json")),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var random = new Random(8);
        for (var i = 0; i < 40; i++)
        {
            var sarif = Render(SarifReportRenderer.Write, RandomReport(random));
            using var doc = JsonDocument.Parse(sarif);
            var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { RequireFormatValidation = true });
            Assert.True(result.IsValid, sarif);
        }
    }
}
