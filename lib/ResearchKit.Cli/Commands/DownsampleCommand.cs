using System.CommandLine;
using ResearchKit.Data;
using ResearchKit.Labels;

namespace ResearchKit.Cli.Commands;

/// <summary>`researchkit downsample`: label PNGs down-sampled by an integer factor with one rule; hard rules write PNG,
/// soft rules one float32 .npy [C,h,w] per input, under the input's name.</summary>
internal static class DownsampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("label.png|folder") { Description = "One label PNG, or a folder whose *.png files are each down-sampled" };
        var factor = new Option<int>("--factor") { Description = "Integer factor s; it must divide the height and width of every map", Required = true };
        var method = new Option<string>("--method") { Description = "Rule: " + string.Join(", ", LabelDownsamplingNames.All), Required = true };
        var numClasses = new Option<int>("--num-classes") { Description = "Number of classes C (ids 0..C-1)", Required = true };
        var ignore = new Option<int?>("--ignore-index") { Description = "Void id: the zero vector in soft labels, kept as is in hard ones" };
        var renormalise = new Option<bool>("--renormalise") { Description = "Soft rules: divide each pixel by its mass where it is above 0 (default: keep the mass lost to void)" };
        var outDir = new Option<string>("--out") { Description = "Output folder (created)", Required = true };
        var cmd = new Command("downsample",
            "Down-sample label maps by an integer factor: hard rules write a PNG of class ids, soft rules a float32 .npy of shape [C,h,w], named like the input.")
        { path, factor, method, numClasses, ignore, renormalise, outDir };
        cmd.SetAction(parse =>
        {
            var written = Run(parse.GetValue(path)!, parse.GetValue(factor), LabelDownsamplingNames.Parse(parse.GetValue(method)!),
                parse.GetValue(numClasses), parse.GetValue(ignore), parse.GetValue(renormalise), parse.GetValue(outDir)!);
            Console.WriteLine(written);
            return 0;
        });
        return cmd;
    }

    /// <summary>Down-samples every map at <paramref name="path"/> into <paramref name="outDir"/> and returns the summary
    /// line; every map is read and checked before anything is written.</summary>
    internal static string Run(string path, int factor, LabelDownsampling rule, int numClasses, int? ignoreIndex, bool renormalise, string outDir)
    {
        var files = LabelFiles.Load(path, numClasses, ignoreIndex);
        foreach (var (file, labels) in files)
            if (factor < 1 || labels.Height % factor != 0 || labels.Width % factor != 0)
                throw new InvalidDataException($"{file}: factor {factor} does not divide its size {labels.Width}x{labels.Height}");
        Directory.CreateDirectory(outDir);
        var ext = rule.IsSoft() ? ".npy" : ".png";
        var void_ = ignoreIndex ?? 255;
        var handling = renormalise ? SoftVoidHandling.Renormalise : SoftVoidHandling.KeepMass;
        var targets = files.Select(f => Path.GetFullPath(Path.Combine(outDir, Path.GetFileNameWithoutExtension(f.Path) + ext))).ToArray();
        for (var i = 0; i < files.Count; i++)
            if (targets[i] == Path.GetFullPath(files[i].Path))
                throw new ArgumentException($"{files[i].Path}: --out would overwrite the input; choose another folder");
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var labels = files[i].Labels;
            if (rule.IsSoft())
            {
                var t = SoftLabels.Downsample(labels, factor, rule, numClasses, void_, handling);
                Npy.WriteFloat32(targets[i], t.Data, [t.NumClasses, t.Height, t.Width]);
            }
            else
                Png.Write(targets[i], Png.EncodeGray(LabelDownsampler.Downsample(labels, factor, rule, numClasses, void_)));
        });
        var (h, w) = (files[0].Labels.Height / factor, files[0].Labels.Width / factor);
        var what = rule.IsSoft() ? $"float32 .npy [{numClasses},{h},{w}]" : $"PNG {w}x{h}";
        return $"wrote {files.Count} {what} file(s) ({rule.Name()}, factor {factor}) to {outDir}";
    }
}
