extern alias tasks;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Obliviate.MSBuild.Tests.Tasks;

/// <summary>The task assembly loads inside any MSBuild, so it may lean on nothing but netstandard and MSBuild itself.</summary>
public sealed class TaskAssemblyTests
{
    [Fact]
    public void The_task_assembly_targets_netstandard_and_references_only_msbuild()
    {
        var path = typeof(tasks::Obliviate.MSBuild.Tasks.ObliviateScan).Assembly.Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Microsoft.Build.Framework", "Microsoft.Build.Utilities.Core", "netstandard"], references);
    }
}
