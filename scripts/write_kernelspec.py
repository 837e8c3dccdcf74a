"""Writes the Jupyter kernelspec of dotnet-interactive's C# kernel (".net-csharp") with an absolute argv.

Usage: write_kernelspec.py KERNEL_DIR DOTNET INTERACTIVE_APP_DLL
Writes KERNEL_DIR/kernel.json only when its content would change, and then prints one line saying so (scripts/setup.sh
logs it); prints nothing when the file is already right. The argv is the one `dotnet interactive jupyter install`
writes, with `dotnet interactive` replaced by the dotnet executable and the tool's dll, so Jupyter needs no PATH.
"""
import json
import os
import sys


def main(kernel_dir, dotnet, dll):
    spec = {
        "argv": [os.path.abspath(dotnet), os.path.abspath(dll), "jupyter", "--default-kernel", "csharp",
                 "{connection_file}", "--http-local-only", "--http-port-range", "2048-3000"],
        "display_name": ".NET (C#)",
        "language": "C#",
        "metadata": {"vscode": {"extension_id": "ms-dotnettools.dotnet-interactive-vscode", "kernel_id": "dotnet-interactive"}},
    }
    text = json.dumps(spec, indent=2) + "\n"
    path = os.path.join(kernel_dir, "kernel.json")
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    os.makedirs(kernel_dir, exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
    print(f"wrote the .net-csharp kernelspec {path}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
