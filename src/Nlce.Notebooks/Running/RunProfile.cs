namespace Nlce.Notebooks.Running;

/// <summary>
/// How much work a notebook run does: <c>smoke</c> (seconds, CI), <c>quick</c> (minutes, a first look), <c>paper</c>
/// (the full reproduction). Passed to notebooks as the string parameter <c>profile</c> when they declare one.
/// </summary>
public enum RunProfile
{
    Smoke,
    Quick,
    Paper,
}
