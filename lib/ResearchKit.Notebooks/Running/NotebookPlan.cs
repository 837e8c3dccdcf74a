using ResearchKit.Notebooks.Format;
using ResearchKit.Notebooks.Parameters;
using ResearchKit.Notebooks.Worker;

namespace ResearchKit.Notebooks.Running;

/// <summary>A notebook ready to run: read, upgraded to 4.5, outputs cleared, parameters checked and injected.</summary>
public sealed record NotebookPlan(string Name, string InputPath, NotebookDocument Document, WorkerRequest Request, string? Note)
{
    /// <summary>Reads and prepares <paramref name="path"/>; an override the parameters cell does not declare raises
    /// ArgumentException listing the declared names. <paramref name="kitAssembly"/> is the ResearchKit.dll the notebook's
    /// kit package must match (null: no check).</summary>
    public static NotebookPlan Create(string path, string? preset, IReadOnlyList<KeyValuePair<string, string>> overrides,
        string? kitAssembly = null)
    {
        var full = Path.GetFullPath(path);
        var doc = NotebookDocument.Load(full);
        doc.Normalize();
        RemoveInjectedCells(doc);
        var p = ParameterCell.Find(doc);
        var declared = p >= 0 ? ParameterCell.Declarations(doc.Cells[p].Source) : [];
        var values = Values(path, preset, overrides, p, declared, out var note);
        var injected = values.Count > 0 ? p + 1 : -1;
        if (injected >= 0) InsertInjectedCell(doc, injected, path, values, declared);
        ClearOutputs(doc);
        var cells = doc.Cells.Select((c, i) => (c, i)).Where(x => x.c.IsCode)
            .Select(x => new CellRef(x.i, x.c.Id!, x.c.Source)).ToList();
        var request = new WorkerRequest(full, cells, injected, declared, values, kitAssembly);
        return new NotebookPlan(Path.GetFileNameWithoutExtension(full), full, doc, request, note);
    }

    /// <summary>The preset (when the notebook has a <c>preset</c> parameter) and the -p overrides, last one winning.</summary>
    private static List<KeyValuePair<string, string>> Values(string path, string? preset,
        IReadOnlyList<KeyValuePair<string, string>> overrides, int parametersCell, IReadOnlyList<ParameterDeclaration> declared,
        out string? note)
    {
        var names = declared.Select(d => d.Name).ToHashSet();
        var values = new List<KeyValuePair<string, string>>();
        note = null;
        if (preset is not null && names.Contains("preset")) values.Add(new("preset", preset));
        else if (preset is not null) note = $"{path}: no `preset` parameter; --preset {preset} ignored";
        foreach (var (name, value) in overrides)
        {
            if (!names.Contains(name)) throw new ArgumentException(UnknownParameter(path, name, parametersCell, declared));
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }
        return values;
    }

    /// <summary>Inserts the injected-parameters cell; its source is rewritten by the worker once the declared types are
    /// known, so this first version only has to be right for strings, numbers and bools.</summary>
    private static void InsertInjectedCell(NotebookDocument doc, int index, string path,
        List<KeyValuePair<string, string>> values, IReadOnlyList<ParameterDeclaration> declared)
    {
        string source;
        try
        {
            source = ParameterInjection.BuildSource(values, declared, _ => null);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}");
        }
        doc.InsertCell(index, NotebookCell.NewCode(FreeId(doc, "injected-parameters"), source, ParameterCell.InjectedTag));
    }

    private static string UnknownParameter(string path, string name, int parametersCell, IReadOnlyList<ParameterDeclaration> declared) =>
        parametersCell < 0
            ? $"{path}: unknown parameter '{name}': the notebook has no cell tagged 'parameters'"
            : $"{path}: unknown parameter '{name}'; the parameters cell declares: " +
              (declared.Count == 0 ? "(nothing)" : string.Join(", ", declared.Select(d => d.Name).Distinct()));

    /// <summary>Re-running an executed copy replaces its injected cell instead of stacking a second one.</summary>
    private static void RemoveInjectedCells(NotebookDocument doc)
    {
        for (var i = doc.Cells.Count - 1; i >= 0; i--)
        {
            if (!doc.Cells[i].Tags.Contains(ParameterCell.InjectedTag)) continue;
            doc.Cells.RemoveAt(i);
            doc.Root["cells"]!.AsArray().RemoveAt(i);
        }
    }

    private static void ClearOutputs(NotebookDocument doc)
    {
        foreach (var cell in doc.Cells.Where(c => c.IsCode))
        {
            cell.Outputs.Clear();
            cell.SetExecutionCount(null);
            cell.Metadata.Remove("execution");
            cell.Metadata.Remove("researchkit");
        }
    }

    private static string FreeId(NotebookDocument doc, string id)
    {
        var used = doc.Cells.Select(c => c.Id).ToHashSet();
        var candidate = id;
        for (var k = 2; used.Contains(candidate); k++) candidate = $"{id}-{k}";
        return candidate;
    }
}
