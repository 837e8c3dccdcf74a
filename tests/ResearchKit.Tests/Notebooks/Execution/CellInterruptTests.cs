using ResearchKit.Notebooks.Execution;

namespace ResearchKit.Tests.Notebooks.Execution;

public sealed class CellInterruptTests
{
    [Fact]
    public void EveryLoopBody_StartsWithACheck_AndNoLineIsAdded()
    {
        const string code = "#r \"x.dll\"\nvar n = 0;\nwhile (n < 3) n++;\nfor (var i = 0; i < 2; i++)\n{\n    foreach (var c in \"ab\") { n += c; }\n}\ndo { n--; } while (n > 0);\nforeach (var (a, b) in new[] { (1, 2) }) n += a;\nn";
        var withChecks = CellInterrupt.WithChecks(code);
        Assert.Equal(code.Split('\n').Length, withChecks.Split('\n').Length);
        Assert.Equal(5, withChecks.Split("CellInterrupt.Check();").Length - 1);
        Assert.Contains("while (n < 3) {global::ResearchKit.Notebooks.Execution.CellInterrupt.Check();n++;}", withChecks);
        Assert.StartsWith("#r \"x.dll\"\n", withChecks);
    }

    [Fact]
    public async Task AnInterruptibleExecutor_StopsALoopAtItsNextIteration_AndKeepsEarlierState()
    {
        var outputs = new List<System.Text.Json.Nodes.JsonObject>();
        var executor = new CellExecutor(Path.Combine(Path.GetTempPath(), "interrupt.ipynb"), outputs.Add) { Interruptible = true };
        Assert.Null(await executor.RunAsync(new CellRef(0, "in1", "var kept = 7; var spins = 0L;")));
        // A cell runs on the caller's thread until it awaits, and this one never does.
        var running = Task.Run(() => executor.RunAsync(new CellRef(1, "in2", "while (true) { spins++; }")));
        await Task.Delay(1000);
        CellInterrupt.Request();
        var error = await running.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("KeyboardInterrupt", (string?)error!["ename"]);
        var trace = string.Join("\n", error["traceback"]!.AsArray().Select(l => (string?)l));
        Assert.Contains("(id in2), line 1: while (true) { spins++; }", trace); // the cell line, not the inserted check
        Assert.Null(await executor.RunAsync(new CellRef(2, "in3", "kept")));
        Assert.Equal("7", (string?)outputs[^1]["data"]!["text/plain"]![0]);
    }
}
