using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace ResearchKit.Charts;

/// <summary>
/// Renders figures to PNG with plotly.js inside one headless Chromium, started lazily once and reused for every
/// figure; thread-safe (one figure at a time). Chromium and its temporary profile go away on Dispose or process exit.
/// </summary>
public sealed class PlotlyRenderer : IDisposable
{
    /// <summary>The one-line reason shown when Chromium is missing.</summary>
    public const string ChromiumMissing = "PNG figures need Debian's chromium: apt-get install chromium";

    /// <summary>Escapes every HTML-significant and non-ASCII character, so JSON can sit inside a script.</summary>
    internal static readonly JsonSerializerOptions ScriptSafe = new() { Encoder = JavaScriptEncoder.Default };

    private static readonly Lazy<PlotlyRenderer> SharedInstance = new(() => new PlotlyRenderer());
    private readonly object _gate = new();
    private readonly PlotlyRendererOptions _options;
    private readonly string? _chromium;
    private ChromiumProcess? _browser;
    private DevToolsConnection? _connection;
    private string? _sessionId;
    private int _noticeShown;
    private bool _disposed;

    /// <summary>Creates a renderer; nothing starts until the first <see cref="RenderPng(GenericChart, double)"/>.</summary>
    public PlotlyRenderer(PlotlyRendererOptions? options = null)
    {
        _options = options ?? new PlotlyRendererOptions();
        _chromium = _options.ChromiumPath ?? RendererPaths.FindChromium();
        string lookedIn = _options.PlotlyJsPath ?? "";
        PlotlyJsPath = _options.PlotlyJsPath ?? RendererPaths.FindPlotlyJs(out lookedIn);
        if (_chromium is null || !File.Exists(_chromium))
            UnavailableReason = ChromiumMissing;
        else if (PlotlyJsPath is null || !File.Exists(PlotlyJsPath))
            UnavailableReason = $"PNG figures need plotly.js: run scripts/setup.sh or set {RendererPaths.PlotlyJsVariable} (looked in {lookedIn})";
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The process-wide renderer used by <see cref="ChartDisplay"/>.</summary>
    public static PlotlyRenderer Shared => SharedInstance.Value;

    /// <summary>True when Chromium and plotly.js were found (rendering can still fail, with a clear error).</summary>
    public bool IsAvailable => UnavailableReason is null;

    /// <summary>Why PNGs cannot be rendered, in one line; null when <see cref="IsAvailable"/>.</summary>
    public string? UnavailableReason { get; }

    /// <summary>The plotly.min.js file loaded into the browser, or null if none was found.</summary>
    public string? PlotlyJsPath { get; }

    /// <summary>Process id of the running browser, or null before the first render and after Dispose.</summary>
    public int? BrowserProcessId
    {
        get { lock (_gate) return _browser?.ProcessId; }
    }

    /// <summary>How many times this renderer has started Chromium (1 after any number of successful renders).</summary>
    public int BrowserStarts { get; private set; }

    /// <summary>Renders <paramref name="chart"/> to PNG bytes at its layout's size (or the options' default size)
    /// times <paramref name="scale"/>, starting the browser on first use.</summary>
    public byte[] RenderPng(GenericChart chart, double scale = 1) => RenderPng(ChartDisplay.FigureJson(chart), scale);

    /// <summary>Renders plotly figure JSON ({data, layout}) at its layout's size times <paramref name="scale"/>.</summary>
    public byte[] RenderPng(JsonObject figure, double scale = 1)
    {
        var layout = figure["layout"] as JsonObject;
        int width = layout?["width"] is JsonValue w && w.TryGetValue(out double wd) ? (int)wd : _options.DefaultWidth;
        int height = layout?["height"] is JsonValue h && h.TryGetValue(out double hd) ? (int)hd : _options.DefaultHeight;
        string what = layout?["title"]?["text"] is JsonValue t && t.TryGetValue(out string? title) ? $"the figure '{title}'" : "a figure";
        return RenderPng(figure, width, height, scale, what);
    }

    /// <summary>Renders Plotly figure JSON ({data, layout}) to PNG bytes of width x height times scale.</summary>
    internal byte[] RenderPng(JsonObject figure, int width, int height, double scale, string what)
    {
        if (!IsAvailable) throw new InvalidOperationException(UnavailableReason);
        if (!(scale > 0 && scale <= 10)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "PNG scale must be in (0, 10].");
        string options = string.Create(CultureInfo.InvariantCulture, $"{{format: 'png', width: {width}, height: {height}, scale: {scale}}}");
        string expression = $"Plotly.toImage({figure.ToJsonString(ScriptSafe)}, {options})";
        string dataUrl;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            EnsureStarted();
            try
            {
                dataUrl = Evaluate(expression, _options.RenderTimeout, $"rendering {what}");
            }
            catch (Exception e) when (e is TimeoutException or IOException)
            {
                StopBrowser(); // the socket or browser is unusable now; the next figure starts a fresh one
                throw;
            }
        }
        const string prefix = "data:image/png;base64,";
        if (!dataUrl.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidDataException($"plotly.js returned no PNG data URL for {what} (got '{dataUrl[..Math.Min(40, dataUrl.Length)]}').");
        return Convert.FromBase64String(dataUrl[prefix.Length..]);
    }

    /// <summary>Stops the browser and deletes its profile; the renderer cannot be used afterwards.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            StopBrowser();
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }

    /// <summary>The shared renderer if it can render; otherwise prints the unavailability notice once to stderr and returns null.</summary>
    internal static PlotlyRenderer? SharedIfAvailable()
    {
        var shared = Shared;
        if (shared.IsAvailable) return shared;
        shared.ShowNoticeOnce(Console.Error);
        return null;
    }

    /// <summary>Writes the unavailability notice to <paramref name="writer"/> the first time only; returns whether it wrote.</summary>
    internal bool ShowNoticeOnce(TextWriter writer)
    {
        if (IsAvailable || Interlocked.Exchange(ref _noticeShown, 1) == 1) return false;
        writer.WriteLine($"researchkit: {UnavailableReason} (figures are still saved as JSON and HTML; PNGs are skipped).");
        return true;
    }

    private void EnsureStarted()
    {
        // SIGINT to the process group (Jupyter's signal-mode interrupt) ends the browser too: start a fresh one.
        if (_browser is { HasExited: true }) StopBrowser();
        if (_connection is not null) return;
        var browser = ChromiumProcess.Start(_chromium!, _options.StartTimeout);
        BrowserStarts++;
        try
        {
            _browser = browser;
            _connection = DevToolsConnection.ConnectAsync(browser.WebSocketUrl, _options.StartTimeout).GetAwaiter().GetResult();
            var target = Send("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, _options.StartTimeout);
            var attached = Send("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]?.GetValue<string>(), ["flatten"] = true }, null, _options.StartTimeout);
            _sessionId = attached["sessionId"]?.GetValue<string>()
                ?? throw new InvalidDataException("Chromium attached to the page without a session id.");
            string loaded = Evaluate(File.ReadAllText(PlotlyJsPath!) + "\n;typeof Plotly.toImage", _options.StartTimeout, $"loading {PlotlyJsPath}");
            if (loaded != "function") throw new InvalidDataException($"{PlotlyJsPath} did not define Plotly.toImage (got '{loaded}').");
        }
        catch
        {
            StopBrowser(); // leave nothing half-started behind; the caller sees the original error
            throw;
        }
    }

    private string Evaluate(string expression, TimeSpan timeout, string what)
    {
        var parameters = new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true };
        var result = Send("Runtime.evaluate", parameters, _sessionId, timeout);
        if (result["exceptionDetails"] is JsonObject details)
        {
            string message = details["exception"]?["description"]?.GetValue<string>() ?? details["text"]?.GetValue<string>() ?? details.ToJsonString();
            throw new InvalidOperationException($"plotly.js failed while {what}: {message}");
        }
        return result["result"]?["value"] is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : throw new InvalidDataException($"Chromium returned no string while {what}: {result.ToJsonString()[..Math.Min(200, result.ToJsonString().Length)]}");
    }

    private JsonObject Send(string method, JsonObject parameters, string? sessionId, TimeSpan timeout) =>
        _connection!.SendAsync(method, parameters, sessionId, timeout).GetAwaiter().GetResult();

    private void StopBrowser()
    {
        _connection?.Dispose();
        _browser?.Dispose();
        _connection = null;
        _browser = null;
        _sessionId = null;
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
