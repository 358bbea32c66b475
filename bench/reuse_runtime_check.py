"""The runtime proof of W7710 on real code: keras-hub 0.32.0's MobileNetV5 MultiQueryAttention2d.

    python bench/reuse_runtime_check.py [KERAS_HUB_ROOT]
    python bench/reuse_runtime_check.py --verify [KERAS_HUB_ROOT]

--verify runs `pylint-glorot verify` instead, on a copy of mobilenetv5_attention.py (in a
temporary folder) with the package stubs prepended and a `build()` factory appended: the
static W7710 judged on the kernels its uses build, as shipped and with every W7710 edit applied.

KERAS_HUB_ROOT is an extracted keras-hub 0.32.0 wheel (default: bench/.cache/keras-hub-0.32.0,
as bench/real_code.py downloads it), as is or after `pylint-glorot fix --select=reused-initializer`
on its mobilenetv5_attention.py. Builds the layer on a (1, 8, 8, 64) input and prints how its
projection kernels relate (pylint_glorot/runtime/reuse_check.py): identical / one-stream as
shipped, independent after the fix. Needs TensorFlow and Keras 3; keras-hub's own dependencies
are not needed (its packages are stubbed, only the layer's modules are imported).
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")


_STUBS = """import sys as _sys
import types as _types
for _name in ("keras_hub", "keras_hub.src", "keras_hub.src.models", "keras_hub.src.models.mobilenetv5"):
    _package = _types.ModuleType(_name)
    _package.__path__ = [{root!r} + "/" + _name.replace(".", "/")]
    _sys.modules[_name] = _package
"""
_FACTORY = """

def build():
    inputs = keras.Input((8, 8, 64))
    layer = MultiQueryAttention2d(filters=64, num_heads=4, key_dim=16, value_dim=16, channel_axis=-1,
                                  data_format="channels_last")
    return keras.Model(inputs, layer(inputs))
"""


def verify(root: Path) -> int:
    import subprocess
    import tempfile

    source = (root / "keras_hub/src/models/mobilenetv5/mobilenetv5_attention.py").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mobilenetv5_attention.py"
        path.write_text(_STUBS.format(root=str(root)) + source + _FACTORY, encoding="utf-8")
        return subprocess.run([sys.executable, "-m", "pylint_glorot.runtime.cli", f"{path}:build", "--device", "cpu",
                               "--draws", "1"], check=False).returncode


def main() -> None:
    arguments = sys.argv[1:]
    if arguments[:1] == ["--verify"]:
        root = Path(arguments[1] if len(arguments) > 1 else Path(__file__).resolve().parent / ".cache" / "keras-hub-0.32.0")
        sys.exit(0 if verify(root.resolve()) in (0, 1) else 2)
    root = Path(arguments[0] if arguments else Path(__file__).resolve().parent / ".cache" / "keras-hub-0.32.0")
    import numpy as np

    from pylint_glorot.runtime import reuse_check

    sys.path.insert(0, str(root))
    for name in ("keras_hub", "keras_hub.src", "keras_hub.src.models", "keras_hub.src.models.mobilenetv5"):
        package = types.ModuleType(name)
        package.__path__ = [str(root.joinpath(*name.split(".")))]
        sys.modules[name] = package
    from keras_hub.src.models.mobilenetv5.mobilenetv5_attention import MultiQueryAttention2d

    layer = MultiQueryAttention2d(filters=64, num_heads=4, key_dim=16, value_dim=16, channel_axis=-1,
                                  data_format="channels_last")
    layer(np.zeros((1, 8, 8, 64), "float32"))
    kernels = {w.path.split("/")[-2]: w for w in layer.weights if w.path.endswith("/kernel")}
    for a, b in (("key_proj", "value_proj"), ("query_proj", "output_proj"), ("query_proj", "key_proj")):
        found, correlation = reuse_check.relation(kernels[a], kernels[b])
        print(f"{a} {tuple(kernels[a].shape)} vs {b} {tuple(kernels[b].shape)}: {found} (correlation {correlation:.4f})")


if __name__ == "__main__":
    main()
