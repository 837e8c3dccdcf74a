"""nbconvert preprocessors for notebooks executed on dotnet-interactive (Jupyter path).

JsonMimePreprocessor: dotnet-interactive 1.0.712001 sends every mime type as a string except exactly
application/json, so application/vnd.plotly.v1+json arrives as a JSON *string*; nbformat accepts that
(any value is valid under ^application/(.*\\+)?json$) but plotly renderers want the object. Parse it back.
Optionally drops the HTTP-API bootstrapper <script> display that the kernel adds to the first cell.
"""
import json
import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

JSON_MIME = re.compile(r"^application/(.+\+)?json$")


class JsonMimePreprocessor(Preprocessor):
    drop_bootstrapper = Bool(True, help="Drop dotnet-interactive's HTTP bootstrapper display.").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if self.drop_bootstrapper and out.get("output_type") == "display_data" and list(data) == ["text/html"] \
                    and "dotnet-interactive-this-cell" in html:
                continue
            for mime, value in list(data.items()):
                # A .NET Interactive formatter that declines (returns false) still yields its mime type with "":
                # seen for image/png when the kit cannot render PNGs. Drop it rather than keep an empty image.
                if value in ("", []) and mime != "text/plain":
                    del data[mime]
                elif JSON_MIME.match(mime) and isinstance(value, str):
                    data[mime] = json.loads(value)
            outputs.append(out)
        if "outputs" in cell:
            cell["outputs"] = outputs
        return cell, resources
