namespace ResearchKit.Notebooks.Kernel;

/// <summary>Console input of kernel cells: each line comes from the front end through an input_request (see
/// <see cref="KernelServer.ReadLine"/>); null from the source is end of input.</summary>
internal sealed class KernelInput(Func<string?> readLine) : TextReader
{
    private string? _pending; // the rest of a line read char by char, with its '\n'

    public override string? ReadLine()
    {
        if (_pending is not { } rest) return readLine();
        _pending = null;
        return rest.TrimEnd('\n');
    }

    public override int Peek() => Fill() ? _pending![0] : -1;

    public override int Read()
    {
        if (!Fill()) return -1;
        var c = _pending![0];
        _pending = _pending.Length == 1 ? null : _pending[1..];
        return c;
    }

    private bool Fill()
    {
        if (_pending is not null) return true;
        if (readLine() is not { } line) return false;
        _pending = line + "\n";
        return true;
    }
}
