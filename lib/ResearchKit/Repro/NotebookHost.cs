namespace ResearchKit.Repro;

/// <summary>What an interactive host offers the library while a cell runs: a way to stop long work between steps, and
/// one status line shown in place. Both are read from <see cref="AppContext"/>, so the library needs no reference to
/// the host: on .NET Interactive (Jupyter's <c>.net-csharp</c>, Polyglot Notebooks, <c>researchkit run</c>) the kit's
/// package extension (Display/extension.dib) sets them; without a host both do nothing.</summary>
public static class NotebookHost
{
    /// <summary>The AppContext key of the host's interrupt check, an <see cref="Action"/> that throws when the user
    /// interrupted the running cell.</summary>
    public const string InterruptCheckKey = "ResearchKit.NotebookHost.InterruptCheck";

    /// <summary>The AppContext key of the host's status line, an <see cref="Action{T}"/> of string that replaces the
    /// running cell's status output.</summary>
    public const string StatusLineKey = "ResearchKit.NotebookHost.StatusLine";

    /// <summary>Throws the host's interrupt exception if the user interrupted the running cell; call between steps of
    /// long work (the trainer calls it once per batch).</summary>
    public static void ThrowIfInterrupted() => (AppContext.GetData(InterruptCheckKey) as Action)?.Invoke();

    /// <summary>The host's in-place status line, or null outside an interactive host.</summary>
    public static Action<string>? StatusLine => AppContext.GetData(StatusLineKey) as Action<string>;
}
