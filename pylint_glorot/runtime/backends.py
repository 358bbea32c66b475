"""One small gradient adapter per Keras backend; everything else in the child is keras.ops.

Each adapter runs the model once in training mode, lets the caller read the forward tensors
while they are alive (without recording them for differentiation), and returns the gradient
of the loss with respect to the given variables, through the backend's own autodiff:
tensorflow: tf.GradientTape; torch: torch.autograd.grad; jax: jax.grad over the model's
stateless_call (the forward numbers then come from one eager call before it).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import Any

SUPPORTED = ("tensorflow", "jax", "torch")
DEFAULT = "tensorflow"
DISPLAY = {"tensorflow": "TensorFlow", "jax": "JAX", "torch": "PyTorch"}
PACKAGE = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}
INSTALL = {
    "tensorflow": 'pip install "pylint-glorot[runtime]"',
    "jax": 'pip install "pylint-glorot[runtime,jax]"',
    "torch": 'pip install "pylint-glorot[runtime]" torch',
}


def requested(option: str | None, environment: dict[str, str] | None = None) -> str:
    """The backend to measure on: --backend, else KERAS_BACKEND, else tensorflow (never replaced)."""
    environment = os.environ if environment is None else environment
    return (option or environment.get("KERAS_BACKEND") or DEFAULT).strip().lower()


def refusal(name: str) -> str | None:
    """Why a backend cannot be measured on, in one line naming what works; None when it can."""
    if name in SUPPORTED:
        return None
    return (f"Keras backend {name!r} cannot be measured: verify needs gradients through the backend's autodiff, "
            f"available on {', '.join(SUPPORTED)}; set KERAS_BACKEND or --backend to one of them")


Forward = Callable[[Any], None]
Loss = Callable[[Any], Any]


def tensorflow_pass(call: Callable[[], Any], losses: list[Loss], on_forward: Forward,
                    variables: list[Any], _target: Any, _inputs: Any) -> list[list[Any]]:
    import tensorflow as tf

    with tf.GradientTape(persistent=len(losses) > 1) as tape:
        outputs = call()
        values = [loss(outputs) for loss in losses]
        with tape.stop_recording():  # pylint: disable=not-context-manager
            on_forward(outputs)
            del outputs
    found = [tape.gradient(value, variables) if variables else [] for value in values]
    del tape
    return found


def torch_pass(call: Callable[[], Any], losses: list[Loss], on_forward: Forward,
               variables: list[Any], _target: Any, _inputs: Any) -> list[list[Any]]:
    import torch

    outputs = call()
    values = [loss(outputs) for loss in losses]
    with torch.no_grad():
        on_forward(outputs)
    del outputs
    parameters = [variable.value for variable in variables]
    wanted = [p for p in parameters if getattr(p, "requires_grad", False)]
    found = []
    for number, value in enumerate(values):
        if not wanted:
            found.append([None] * len(variables))
            continue
        gradients = iter(torch.autograd.grad(value, wanted, allow_unused=True, retain_graph=number < len(values) - 1))
        found.append([next(gradients) if getattr(p, "requires_grad", False) else None for p in parameters])
    return found


def jax_pass(call: Callable[[], Any], losses: list[Loss], on_forward: Forward,
             variables: list[Any], target: Any, inputs: Any) -> list[list[Any]]:
    import jax

    outputs = call()
    on_forward(outputs)
    del outputs
    trainable = list(target.trainable_variables)
    frozen = [v.value for v in target.non_trainable_variables]
    position = {id(v): i for i, v in enumerate(trainable)}
    # stateless_call calls call() directly: `training` only where call() takes it (Layer.__call__ filters it)
    extra = {"training": True} if getattr(target, "_call_has_training_arg", True) else {}
    found = []
    for loss in losses:
        def total(values: list[Any], loss: Loss = loss) -> Any:
            outputs, _state = target.stateless_call(values, frozen, inputs, **extra)
            return loss(outputs)

        gradients = jax.grad(total)([v.value for v in trainable]) if trainable else []
        found.append([gradients[position[id(v)]] if id(v) in position else None for v in variables])
    return found


PASSES = {"tensorflow": tensorflow_pass, "torch": torch_pass, "jax": jax_pass}


def forward_backward(backend: str, call: Callable[[], Any], losses: list[Loss], on_forward: Forward,
                     variables: list[Any], target: Any, inputs: Any) -> list[list[Any]]:
    """Per loss, the gradients of `variables` (None where a variable does not reach the loss)."""
    return PASSES[backend](call, losses, on_forward, variables, target, inputs)


@contextlib.contextmanager
def no_gradients(backend: str) -> Iterator[None]:
    if backend == "torch":
        import torch

        with torch.no_grad():
            yield
    else:
        yield


def import_backend(name: str) -> tuple[Any, str]:
    """(the backend's module, its version); ImportError when it is not installed."""
    module = __import__(PACKAGE[name])
    return module, str(getattr(module, "__version__", "?"))


def device(name: str, module: Any, wanted: str) -> tuple[str, bool]:
    """(the device in words, whether a GPU is in use) for the backend as it starts up."""
    if wanted == "cpu":
        return "CPU", False
    label = None
    if name == "tensorflow":
        gpus = module.config.list_physical_devices("GPU")
        if gpus:
            try:
                details = module.config.experimental.get_device_details(gpus[0])
            except (ValueError, RuntimeError):
                details = {}
            label = f"GPU:0 ({details['device_name']})" if details.get("device_name") else "GPU:0"
    elif name == "jax":
        devices = [d for d in module.devices() if d.platform == "gpu"]
        if devices:
            label = f"GPU:0 ({getattr(devices[0], 'device_kind', 'gpu')})"
    elif name == "torch" and module.cuda.is_available():
        label = f"GPU:0 ({module.cuda.get_device_name(0)})"
    return (label, True) if label else ("CPU", False)
