using System.Text;

namespace ResearchKit.Notebooks.Execution;

/// <summary>A console writer that hands complete lines (and whatever is left on Flush) to a callback, so a cell's
/// prints become stream outputs and reach the user while the cell is still running.</summary>
internal sealed class ConsoleCapture(string streamName, Action<string, string> emit) : TextWriter
{
    private readonly StringBuilder pending = new();
    private readonly Lock gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (gate)
        {
            pending.Append(value);
            if (value == '\n') FlushPending();
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (gate)
        {
            pending.Append(value);
            if (value.Contains('\n')) FlushPending();
        }
    }

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    public override void Flush()
    {
        lock (gate) FlushPending();
    }

    private void FlushPending()
    {
        if (pending.Length == 0) return;
        var text = pending.ToString();
        pending.Clear();
        emit(streamName, text);
    }
}
