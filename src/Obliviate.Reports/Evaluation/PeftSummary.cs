using System.Text.Json.Nodes;

namespace Obliviate.Reports.Evaluation;

/// <summary>The PEFT method of a run: name, on-disk format, trainable tensor/element counts and the saved adapter config.</summary>
public sealed record PeftSummary(string Method, string Format, int TrainableTensors, long TrainableParameters, JsonNode? AdapterConfig);
