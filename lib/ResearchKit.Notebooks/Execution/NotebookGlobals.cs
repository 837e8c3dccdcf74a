using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;

namespace ResearchKit.Notebooks.Execution;

/// <summary>The globals every cell sees: <c>display(value)</c>, like Jupyter's IPython.display and Polyglot's display.</summary>
public sealed class NotebookGlobals
{
    private readonly Action<JsonObject> emit;

    internal NotebookGlobals(Action<JsonObject> emit) => this.emit = emit;

    /// <summary>Shows <paramref name="value"/> as a display_data output of the running cell (its ToDisplayData() bundle
    /// when it has one, else text/plain).</summary>
#pragma warning disable IDE1006 // Lower case on purpose: notebooks call display(...) as in every other kernel.
    public void display(object? value) => emit(CellOutput.DisplayData(DisplayFormatter.ToMimeBundle(value)));
#pragma warning restore IDE1006
}
