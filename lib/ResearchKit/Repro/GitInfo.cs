using System.Diagnostics;

namespace ResearchKit.Repro;

/// <summary>The commit the kit was built from, for run manifests.</summary>
public static class GitInfo
{
    private static readonly Lazy<string> LazyCommit = new(Read);

    /// <summary>`git rev-parse HEAD` of the checkout, with "+dirty" when tracked files changed; "unknown" outside a checkout.</summary>
    public static string Commit => LazyCommit.Value;

    private static string Read()
    {
        var root = RepoPaths.Root;
        if (root is null) return "unknown";
        var head = Git(root, "rev-parse HEAD");
        if (head is null) return "unknown";
        var status = Git(root, "status --porcelain --untracked-files=no");
        return string.IsNullOrWhiteSpace(status) ? head : head + "+dirty";
    }

    private static string? Git(string dir, string args)
    {
        try
        {
            var psi = new ProcessStartInfo("git", $"-C \"{dir}\" {args}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed: the manifest says "unknown" rather than failing the run
        }
    }
}
