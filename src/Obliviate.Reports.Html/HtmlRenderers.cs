using Obliviate.Reports.Check;
using Obliviate.Reports.Rendering;

namespace Obliviate.Reports.Html;

/// <summary>The check report's renderers with HTML added (<see cref="ReportRenderers.Check"/> has every other format).</summary>
public static class HtmlRenderers
{
    public static RendererSet<CheckReport> Check { get; } = ReportRenderers.Check.With(("html", CheckHtmlRenderer.Write));
}
