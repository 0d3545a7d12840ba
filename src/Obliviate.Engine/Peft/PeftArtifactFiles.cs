namespace Obliviate.Engine.Peft;

/// <summary>The file names of a saved adapter folder.</summary>
public static class PeftArtifactFiles
{
    public const string AdapterConfig = "adapter_config.json";
    public const string HeadConfig = "head_config.json";
    public const string HeadWeights = "model_head.safetensors";
    public const string LabelMap = "label_map.json";

    /// <summary>The name under which the adapter and head are saved (<c>adapters.&lt;name&gt;</c>, <c>heads.&lt;name&gt;</c>).</summary>
    public const string AdapterName = "obliviate";
}
