namespace Obliviate.Tool.Tests.Defend;

/// <summary>Training reseeds torch's process-wide generator each step, so these tests do not run beside other torch tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefendCollection
{
    public const string Name = "defend (torch global RNG)";
}
