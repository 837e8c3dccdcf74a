namespace ResearchKit.Data;

/// <summary>Per-channel image normalisation x' = (x/255 − mean) / std, applied to every image the kit trains or evaluates on.</summary>
/// <remarks>The ImageNet statistics that mmsegmentation's configs use by default (mean 123.675, 116.28, 103.53 and std
/// 58.395, 57.12, 57.375 on 0..255), kept for every dataset so results compare with the usual practice.</remarks>
public static class ImageNorm
{
    /// <summary>R, G, B means on [0, 1].</summary>
    public static readonly float[] Mean = [0.485f, 0.456f, 0.406f];

    /// <summary>R, G, B standard deviations on [0, 1].</summary>
    public static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    /// <summary>images [3,H,W] normalised, from an 8-bit [H,W,3] image.</summary>
    public static float[] Planes(RgbImage image)
    {
        int hw = image.Height * image.Width;
        var planes = new float[3 * hw];
        for (var c = 0; c < 3; c++)
        {
            float scale = 1f / (255f * Std[c]), shift = -Mean[c] / Std[c];
            for (var p = 0; p < hw; p++) planes[c * hw + p] = image.Data[3 * p + c] * scale + shift;
        }
        return planes;
    }
}
