namespace Obliviate.Reports.Probe;

/// <summary>What the trigger probe concludes about an encoder. Rendered as lower-case words.</summary>
public enum ProbeVerdict
{
    /// <summary>No candidate stands out from the vocabulary the way planted triggers do.</summary>
    Clean,

    /// <summary>At least one candidate crosses the suspicion threshold, none the backdoor threshold.</summary>
    Suspicious,

    /// <summary>At least one candidate hijacks the first-token output the way a planted trigger does.</summary>
    Backdoored,
}
