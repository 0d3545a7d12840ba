namespace Obliviate.Scanner.Policy;

/// <summary>
/// TensorFlow ops that reach outside the tensor computation when a graph runs: Python callbacks and the file system.
/// Sources: the op registry (tensorflow/core/ops/script_ops.cc, io_ops.cc, dataset_ops.cc, summary_ops.cc) and
/// modelscan's TensorFlow operator denylist (ReadFile, WriteFile). The saver's own ops (SaveV2, RestoreV2,
/// MergeV2Checkpoints) are not listed: every SavedModel has them, and the loader runs them on its variables folder.
/// </summary>
internal static class TensorFlowOps
{
    private const string Python = "calls a Python function registered in the serving process";
    private const string Reads = "reads files from the machine running the model";
    private const string Writes = "writes files on the machine running the model";

    public static readonly IReadOnlyDictionary<string, (string RuleId, string Reason)> Flagged = Build();

    private static Dictionary<string, (string, string)> Build()
    {
        var t = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var op in new[] { "PyFunc", "PyFuncStateless", "EagerPyFunc" }) t[op] = (RuleIds.TensorFlowPythonOp, Python);
        foreach (var op in new[] { "ReadFile", "MatchingFiles", "ImmutableConst", "LoadAndRemapMatrix", "WholeFileReader", "WholeFileReaderV2",
            "TextLineReader", "TextLineReaderV2", "FixedLengthRecordReader", "FixedLengthRecordReaderV2", "TFRecordReader", "TFRecordReaderV2",
            "LMDBReader", "TextLineDataset", "TFRecordDataset", "TFRecordDatasetV2", "FixedLengthRecordDataset", "FixedLengthRecordDatasetV2",
            "LMDBDataset", "SqlDataset", "CSVDataset", "CSVDatasetV2", "LoadDataset", "ExperimentalLMDBDataset", "ExperimentalSqlDataset",
            "ExperimentalCSVDataset" })
            t[op] = (RuleIds.TensorFlowFileOp, Reads);
        foreach (var op in new[] { "WriteFile", "DatasetToTFRecord", "ExperimentalDatasetToTFRecord", "SaveDataset", "SaveDatasetV2",
            "SnapshotDataset", "SnapshotDatasetV2", "CreateSummaryFileWriter", "CreateSummaryDbWriter", "DebugIdentityV2" })
            t[op] = (RuleIds.TensorFlowFileOp, Writes);
        return t;
    }
}
