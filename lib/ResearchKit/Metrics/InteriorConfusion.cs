using ResearchKit.Data;

namespace ResearchKit.Metrics;

/// <summary>The interior-confusion rate (self-regulation spec §5/NB09, ResearchKit's Failure-2 metric), pooled over
/// images: inside large objects, the share of pixels predicted as another valid class.</summary>
/// <remarks>Each ground-truth 4-connected component of a valid class with at least <see cref="MinArea"/> pixels is eroded
/// with a <see cref="Erosion"/>×<see cref="Erosion"/> square (pixels outside the image count as outside the component);
/// the remaining pixels are the interior. Rate = interior pixels predicted as a different valid class / interior pixels.</remarks>
public sealed class InteriorConfusion(int numClasses, int ignoreIndex, int minArea = 1728, int erosion = 11)
{
    private long _interior, _confused;

    /// <summary>The smallest component counted (1,728 px = 1% of 360×480).</summary>
    public int MinArea { get; } = minArea;

    /// <summary>The side of the erosion square.</summary>
    public int Erosion { get; } = erosion;

    /// <summary>Interior pixels seen.</summary>
    public long InteriorPixels => _interior;

    /// <summary>Interior pixels predicted as another valid class.</summary>
    public long ConfusedPixels => _confused;

    /// <summary>The pooled rate (NaN before any interior pixel).</summary>
    public double Rate => _interior == 0 ? double.NaN : (double)_confused / _interior;

    /// <summary>Adds one image's ground truth and prediction (same size) and returns that image's (interior pixels, confused pixels).</summary>
    public (long Interior, long Confused) Add(LabelMap truth, LabelMap prediction)
    {
        if (truth.Height != prediction.Height || truth.Width != prediction.Width)
            throw new ArgumentException($"interior confusion: truth is {truth.Height}x{truth.Width}, prediction {prediction.Height}x{prediction.Width}");
        var (interior, confused) = Count(truth, prediction);
        _interior += interior;
        _confused += confused;
        return (interior, confused);
    }

    /// <summary>One image's (interior pixels, confused pixels).</summary>
    public (long Interior, long Confused) Count(LabelMap truth, LabelMap prediction)
    {
        int h = truth.Height, w = truth.Width;
        var component = new int[h * w];
        Array.Fill(component, -1);
        long interior = 0, confused = 0;
        var id = 0;
        for (var start = 0; start < h * w; start++)
        {
            var c = truth.Data[start];
            if (component[start] >= 0 || c >= numClasses || c == ignoreIndex) continue;
            var pixels = Flood(truth, component, start, id++);
            if (pixels.Count < MinArea) continue;
            foreach (var p in Erode(component, h, w, id - 1, pixels))
            {
                interior++;
                var predicted = prediction.Data[p];
                if (predicted != c && predicted < numClasses && predicted != ignoreIndex) confused++;
            }
        }
        return (interior, confused);
    }

    // The 4-connected component of `start`'s class, labelled `id` in `component`.
    private static List<int> Flood(LabelMap truth, int[] component, int start, int id)
    {
        int h = truth.Height, w = truth.Width;
        var c = truth.Data[start];
        var pixels = new List<int>();
        var stack = new Stack<int>();
        stack.Push(start);
        component[start] = id;
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            pixels.Add(p);
            int r = p / w, q = p % w;
            Span<int> next = [r > 0 ? p - w : -1, r < h - 1 ? p + w : -1, q > 0 ? p - 1 : -1, q < w - 1 ? p + 1 : -1];
            foreach (var n in next)
                if (n >= 0 && component[n] < 0 && truth.Data[n] == c)
                {
                    component[n] = id;
                    stack.Push(n);
                }
        }
        return pixels;
    }

    // Pixels of component `id` whose whole Erosion×Erosion square lies in it: a row pass, then a column pass.
    private IEnumerable<int> Erode(int[] component, int h, int w, int id, List<int> pixels)
    {
        var r = Erosion / 2;
        var rowOk = new Dictionary<int, bool>();
        bool RowRun(int p)
        {
            if (rowOk.TryGetValue(p, out var ok)) return ok;
            int row = p / w, col = p % w;
            ok = col - r >= 0 && col + r < w;
            for (var q = col - r; ok && q <= col + r; q++) ok = component[row * w + q] == id;
            rowOk[p] = ok;
            return ok;
        }
        foreach (var p in pixels)
        {
            int row = p / w, col = p % w;
            if (row - r < 0 || row + r >= h) continue;
            var inside = true;
            for (var m = row - r; inside && m <= row + r; m++) inside = component[m * w + col] == id && RowRun(m * w + col);
            if (inside) yield return p;
        }
    }
}
