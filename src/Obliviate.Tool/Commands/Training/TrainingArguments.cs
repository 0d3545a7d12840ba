using Obliviate.Engine.Data;
using Obliviate.Reports.Model;

namespace Obliviate.Tool.Commands.Training;

/// <summary>Conversions of option values the training commands share.</summary>
internal static class TrainingArguments
{
    /// <summary>A column given as a header name or a 0-based index.</summary>
    public static ColumnRef? Column(string? spec, string option)
    {
        if (spec is null) return null;
        try
        {
            return ColumnRef.Parse(spec);
        }
        catch (RequestException e)
        {
            throw new RequestException($"{option}: {e.Message}", e);
        }
    }
}
