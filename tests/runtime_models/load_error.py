"""Running this module raises: verify reports it as an error (exit 2)."""

import keras  # noqa: F401

raise RuntimeError("cannot find the training data")
