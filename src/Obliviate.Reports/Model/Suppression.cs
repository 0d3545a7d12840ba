namespace Obliviate.Reports.Model;

/// <summary>Why a finding was accepted by the user, and where that decision is recorded.</summary>
/// <param name="Reason">The required justification from the suppression entry.</param>
/// <param name="Source">The suppression file (as the user named it) that holds the entry.</param>
public sealed record Suppression(string Reason, string Source);
