using Obliviate.Reports.Model;

namespace Obliviate.Engine.Files;

/// <summary>
/// The one output-folder policy of every command that writes a folder (<c>defend</c>, <c>attack</c>, <c>import</c>): a new or
/// empty folder is used; a non-empty one only to resume its checkpoint (<c>--resume</c>) or when the user asks to overwrite
/// (<c>--force</c>); never the input model's own folder. A refusal is a <see cref="RequestException"/> (usage, exit 4) that
/// says what to do.
/// </summary>
public static class OutputFolder
{
    /// <param name="path">The output folder.</param>
    /// <param name="checkpointPath">The checkpoint a resumable command leaves there; null for commands that cannot resume.</param>
    /// <param name="inputFolder">A folder the output must not be (the model being read).</param>
    /// <param name="create">Create the folder now; false for writers that move a finished folder into place.</param>
    public static void Prepare(string path, bool resume, bool force, string? checkpointPath, string? inputFolder = null, bool create = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        if (inputFolder is not null && string.Equals(full, Path.GetFullPath(inputFolder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            throw new RequestException($"--output {path} is the input model's own folder; write to a new folder.");
        if (File.Exists(full)) throw new RequestException($"--output {path} is a file; give a folder (new or empty).");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            var checkpoint = checkpointPath is not null && File.Exists(checkpointPath);
            if (!(resume && checkpoint) && !force)
            {
                throw new RequestException(checkpoint
                    ? $"--output {path} holds the checkpoint of an interrupted run: pass --resume to continue it, --force to start over, or choose an empty folder."
                    : $"--output {path} is not empty; choose a new or empty folder, or pass --force to overwrite what is there (nothing is overwritten without it).");
            }
        }
        if (!create) return;
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--output {path}: cannot create the folder ({e.Message}).", e);
        }
    }
}
