namespace Obliviate.Scanner.Policy;

/// <summary>A grade plus the one-line reason shown in the finding.</summary>
/// <param name="LoadsPickles">The callable deserializes another pickle or model (pickle.loads, torch.load...), so pickles embedded in the same stream may run.</param>
public sealed record GlobalVerdict(GlobalClass Class, string Reason, bool LoadsPickles = false);
