namespace ResearchKit.Tests.Charts;

/// <summary>A hand-made 2x1 RGB PNG (red, blue), produced once with Python's zlib and struct.</summary>
internal static class TinyPng
{
    public static byte[] RedBlue2x1 =>
    [
        137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0, 123, 64, 232,
        221, 0, 0, 0, 13, 73, 68, 65, 84, 120, 156, 99, 248, 207, 0, 4, 255, 1, 7, 0, 1, 255, 226, 35, 158, 89, 0, 0, 0,
        0, 73, 69, 78, 68, 174, 66, 96, 130,
    ];
}
