using System.Diagnostics;

namespace ResearchKit.Tests.Notebooks;

/// <summary>Validates notebooks with Debian's python3-nbformat, the reference implementation of the format.</summary>
internal static class Nbformat
{
    /// <summary>Asserts every file reads as nbformat 4.5 and passes nbformat.validate.</summary>
    public static void AssertValid45(IReadOnlyList<string> files)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import sys, nbformat\nfor p in sys.argv[1:]:\n    nb = nbformat.read(p, as_version=4)\n" +
                             "    nbformat.validate(nb)\n    assert (nb.nbformat, nb.nbformat_minor) == (4, 5), p\nprint(len(sys.argv) - 1)");
        foreach (var f in files) psi.ArgumentList.Add(f);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr);
        Assert.Equal(files.Count.ToString(), stdout.Result.Trim());
    }
}
