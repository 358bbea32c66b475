"""Whole models given as literal configs: their layers in order are one network."""
# pylint: disable=invalid-name
import keras

mlp = keras.Sequential.from_config(
    {
        "name": "mlp",
        "layers": [
            {"class_name": "InputLayer", "config": {"batch_shape": [None, 784]}},
            {"class_name": "Dense", "config": {"units": 256, "activation": "relu"}},  # [implicit-initializer-mismatch]
            {"class_name": "Dense", "config": {"units": 256, "activation": "relu"}},
            {"class_name": "Dense", "config": {"units": 256, "activation": "relu"}},
            {"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}},
        ],
    }
)

CONFIG = {
    "module": "keras",
    "class_name": "Sequential",
    "config": {
        "name": "activations_apart",
        "layers": [
            {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 64]}},
            {"module": "keras.layers", "class_name": "Dense", "config": {"units": 64}},  # [implicit-initializer-mismatch]
            {"module": "keras.layers", "class_name": "Activation", "config": {"activation": "relu"}},
            {"module": "keras.layers", "class_name": "Dense", "config": {"units": 64}},
            {"module": "keras.layers", "class_name": "ReLU", "config": {}},
            {"module": "keras.layers", "class_name": "Dense", "config": {"units": 64, "activation": "relu"}},
        ],
    },
}
apart = keras.saving.deserialize_keras_object(CONFIG)  # tf.keras: keras.models.model_from_config

explicit = keras.Sequential.from_config(
    {
        "name": "explicit",
        "layers": [
            {"class_name": "Dense", "config": {"units": 64, "activation": "relu", "kernel_initializer": "glorot_uniform"}},  # [initializer-activation-mismatch]
        ]
    }
)

normalized = keras.Sequential.from_config(
    {
        "name": "normalized",
        "layers": [
            {"class_name": "Dense", "config": {"units": 64, "activation": "relu"}},
            {"class_name": "Dense", "config": {"units": 64}},
            {"class_name": "BatchNormalization", "config": {}},
            {"class_name": "ReLU", "config": {}},
            {"class_name": "Dense", "config": {"units": 64, "activation": "relu"}},
        ]
    }
)

# A functional config whose layers each read the one before: a chain.
functional = keras.Model.from_config(
    {
        "name": "functional",
        "layers": [
            {"class_name": "InputLayer", "name": "in", "config": {"batch_shape": [None, 32]}, "inbound_nodes": []},
            {"class_name": "Dense", "name": "d1", "config": {"units": 32, "activation": "relu"}, "inbound_nodes": [[["in", 0, 0, {}]]]},  # [implicit-initializer-mismatch]
            {"class_name": "Dense", "name": "d2", "config": {"units": 32, "activation": "relu"}, "inbound_nodes": [[["d1", 0, 0, {}]]]},
            {"class_name": "Dense", "name": "d3", "config": {"units": 32, "activation": "relu"}, "inbound_nodes": [[["d2", 0, 0, {}]]]},
        ],
        "input_layers": [["in", 0, 0]],
        "output_layers": [["d3", 0, 0]],
    }
)

# Branches: each Dense reads the input, none reads another: no chain.
branches = keras.Model.from_config(
    {
        "name": "branches",
        "layers": [
            {"class_name": "InputLayer", "name": "in", "config": {"batch_shape": [None, 32]}, "inbound_nodes": []},
            {"class_name": "Dense", "name": "a", "config": {"units": 32, "activation": "relu"}, "inbound_nodes": [[["in", 0, 0, {}]]]},
            {"class_name": "Dense", "name": "b", "config": {"units": 32, "activation": "relu"}, "inbound_nodes": [[["in", 0, 0, {}]]]},
            {"class_name": "Dense", "name": "c", "config": {"units": 32, "activation": "relu"}, "inbound_nodes": [[["in", 0, 0, {}]]]},
        ],
        "input_layers": [["in", 0, 0]],
        "output_layers": [["a", 0, 0], ["b", 0, 0], ["c", 0, 0]],
    }
)
