using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Parameters;

namespace ResearchKit.Notebooks.Worker;

/// <summary>What the runner asks a worker to run: the notebook path, its code cells in order, the overrides for the
/// injected-parameters cell (marked by <see cref="InjectedIndex"/>, -1 when there is none), and the ResearchKit.dll the
/// runner was built with (<see cref="KitAssembly"/>), which a notebook's <c>#r "nuget: ResearchKit"</c> must match.</summary>
public sealed record WorkerRequest(
    string NotebookPath,
    IReadOnlyList<CellRef> Cells,
    int InjectedIndex,
    IReadOnlyList<ParameterDeclaration> Declared,
    IReadOnlyList<KeyValuePair<string, string>> Values,
    string? KitAssembly = null)
{
    /// <summary>Returns the request as one JSON line's object.</summary>
    public JsonObject ToJson() => new()
    {
        ["notebook"] = NotebookPath,
        ["injectedIndex"] = InjectedIndex,
        ["cells"] = new JsonArray(Cells.Select(c => (JsonNode?)new JsonObject
        {
            ["index"] = c.Index, ["id"] = c.Id, ["source"] = c.Source,
        }).ToArray()),
        ["declared"] = new JsonArray(Declared.Select(d => (JsonNode?)new JsonObject
        {
            ["name"] = d.Name, ["type"] = d.TypeText,
        }).ToArray()),
        ["values"] = new JsonArray(Values.Select(v => (JsonNode?)new JsonArray(v.Key, v.Value)).ToArray()),
        ["kitAssembly"] = KitAssembly,
    };

    /// <summary>Reads a request written by <see cref="ToJson"/>.</summary>
    public static WorkerRequest FromJson(JsonObject json) => new(
        json["notebook"]!.GetValue<string>(),
        json["cells"]!.AsArray().Select(c => new CellRef(
            c!["index"]!.GetValue<int>(), c["id"]!.GetValue<string>(), c["source"]!.GetValue<string>())).ToList(),
        json["injectedIndex"]!.GetValue<int>(),
        json["declared"]!.AsArray().Select(d => new ParameterDeclaration(
            d!["name"]!.GetValue<string>(), d["type"]!.GetValue<string>())).ToList(),
        json["values"]!.AsArray().Select(v => new KeyValuePair<string, string>(
            v![0]!.GetValue<string>(), v[1]!.GetValue<string>())).ToList(),
        json["kitAssembly"]?.GetValue<string>());
}
