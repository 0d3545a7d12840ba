namespace Obliviate.Scanner.Policy;

/// <summary>Stable rule ids. Never renumber: suppression files and SARIF baselines key on them.</summary>
public static class RuleIds
{
    public const string PickleDangerousGlobal = "OBL001";
    public const string PickleUnknownGlobal = "OBL002";
    public const string PickleUnresolvedGlobal = "OBL003";
    public const string PickleGlobalOverwrite = "OBL004";
    public const string PickleNestedPickle = "OBL005";
    public const string PickleUnknownCallable = "OBL006";
    public const string ArchivePathTraversal = "OBL010";
    public const string ZipNameMismatch = "OBL011";
    public const string ZipFlagTrick = "OBL012";
    public const string ZipCrcMismatch = "OBL013";
    public const string ZipPrependedData = "OBL014";
    public const string SymlinkOutsideRoot = "OBL015";
    public const string ZipOverlappingEntries = "OBL016";
    public const string SafeTensorsMetadataCode = "OBL020";
    public const string ConfigAutoMap = "OBL030";
    public const string ConfigTrustRemoteCode = "OBL031";
    public const string ConfigRemoteCodeRepo = "OBL032";
    public const string PythonCustomCode = "OBL033";
    public const string PythonDangerousCall = "OBL034";
    public const string TokenizerInvisibleUnicode = "OBL040";
    public const string TokenizerPlainAddedToken = "OBL041";
    public const string TokenizerKnownTrigger = "OBL042";
    public const string VocabEmbeddingMismatch = "OBL043";
    public const string OnnxExternalDataEscape = "OBL050";
    public const string KerasLambdaLayer = "OBL060";
    public const string TensorFlowPythonOp = "OBL070";
    public const string TensorFlowFileOp = "OBL071";
}
