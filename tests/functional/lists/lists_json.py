"""model_from_json with a literal JSON string: its layers are a chain; fixes edit the JSON text.

Each JSON literal is one line here: a message on a layer inside it is on that line."""
# pylint: disable=invalid-name
import keras

ARCHITECTURE = '{"module": "keras", "class_name": "Sequential", "config": {"name": "mlp", "trainable": true, "layers": [ {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 784], "sparse": false}}, {"module": "keras.layers", "class_name": "Dense", "config": {"units": 256, "activation": "relu"}}, {"module": "keras.layers", "class_name": "Dense", "config": {"units": 256, "activation": "relu"}}, {"module": "keras.layers", "class_name": "Dense", "config": {"units": 256, "activation": "relu"}}, {"module": "keras.layers", "class_name": "Dense", "config": {"units": 10, "activation": "softmax"}} ]}}'  # [implicit-initializer-mismatch]
mlp = keras.models.model_from_json(ARCHITECTURE)

seeded = keras.models.model_from_json('{"module": "keras", "class_name": "Sequential", "config": {"name": "seeded", "layers": [{"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 64]}}, {"module": "keras.layers", "class_name": "Dense", "config": {"units": 64, "activation": "relu", "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": 7}}}}]}}')  # [initializer-activation-mismatch]

# Escapes inside the literal: its value is the JSON; the fix writes the escaped text there.
escaped = keras.models.model_from_json("{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"escaped\", \"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 64]}}, {\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"units\": 64, \"activation\": \"relu\", \"kernel_initializer\": \"glorot_uniform\"}}]}}")  # [initializer-activation-mismatch]

# A JSON string escape inside a Python escape (`\\\"` is `\"` in the JSON) and a single-quoted literal over lines.
quoted = keras.models.model_from_json("{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"a\\\"b\", \"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 64]}}, {\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"units\": 64, \"activation\": \"relu\"}}, {\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"units\": 64, \"activation\": \"relu\"}}, {\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"units\": 64, \"activation\": \"relu\"}}]}}")  # [implicit-initializer-mismatch]
lines_apart = keras.models.model_from_json('{"module": "keras", "class_name": "Sequential", "config": {"name": "apart", "layers": [\
{"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 8]}}, \
{"module": "keras.layers", "class_name": "Dense", "config": {"units": 8, "activation": "relu", "kernel_initializer": "glorot_normal"}}]}}')  # [initializer-activation-mismatch]
