namespace Obliviate.Engine.Tests.Training;

/// <summary>A synchronous <see cref="IProgress{T}"/> (Progress&lt;T&gt; posts to the thread pool, which would race the test).</summary>
internal sealed class Inline<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
