namespace Obliviate.Formats.SafeTensors;

/// <summary>
/// The element types a safetensors header may name (the byte-aligned ones of the reference implementation).
/// Sub-byte types (F4, F6_*) are not supported and are rejected as unknown.
/// </summary>
public enum SafeTensorsDType
{
    BOOL,
    U8,
    I8,
    F8_E5M2,
    F8_E4M3,
    F8_E8M0,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    F64,
    I64,
    U64,
}
