using System.CommandLine;
using System.Text.Json;
using ResearchKit.Data;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Cli.Commands;

/// <summary>`researchkit eval`: scores a training checkpoint on any split of a folder in the SegNet layout.</summary>
internal static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A checkpoint written by `researchkit train`", Required = true };
        var data = new Option<string>("--data") { Description = "Folder with <split>/ and <split>annot/", DefaultValueFactory = _ => DataPaths.CamVid };
        var split = new Option<string>("--split") { Description = "Split name", DefaultValueFactory = _ => "val" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (miou, perClassIoU, pixelAccuracy, ...)" };
        var device = new Option<string?>("--device") { Description = "cpu (default) or cuda (needs a TorchSharp CUDA package and a GPU)" };
        var cmd = new Command("eval", "Score a checkpoint: mIoU (mmsegmentation definition), per-class IoU and pixel accuracy at full label resolution.")
            { checkpoint, data, split, json, device };
        cmd.SetAction(parse =>
        {
            var score = TrainedModel.Evaluate(parse.GetValue(checkpoint)!, parse.GetValue(data)!, parse.GetValue(split)!, parse.GetValue(device));
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    miou = score.MeanIoU, perClassIoU = score.PerClassIoU, pixelAccuracy = score.PixelAccuracy, images = score.Images,
                    classNames = CamVid.ClassNames, checkpoint = Path.GetFullPath(parse.GetValue(checkpoint)!), split = parse.GetValue(split),
                }, ConfigHash.Json));
            else
            {
                Console.WriteLine($"mIoU {score.MeanIoU:F2}  pixel accuracy {score.PixelAccuracy:F2}  ({score.Images} images)");
                for (var c = 0; c < score.PerClassIoU.Length; c++) Console.WriteLine($"  {CamVid.ClassNames[c],-12} {score.PerClassIoU[c],6:F2}");
            }
            return 0;
        });
        return cmd;
    }
}
