"""Layer lists built by append, extend, += and insert before they go into Sequential(...)."""
# pylint: disable=invalid-name
import keras
from keras import layers

stack = []
for _ in range(3):
    stack.append(layers.Dense(256, activation="relu"))  # [implicit-initializer-mismatch]
model = keras.Sequential(stack)

grown = [keras.Input((256,))]
grown += [layers.Dense(256, activation="relu")]  # [implicit-initializer-mismatch]
grown.extend([layers.Dense(256, activation="relu") for _ in range(2)])
grown.append(layers.Dense(10, activation="softmax"))
grown_model = keras.Sequential(grown)

front = [layers.Dense(128, activation="relu"), layers.Dense(128, activation="relu")]  # [implicit-initializer-mismatch]
front.insert(0, keras.Input((128,)))
front.append(layers.Dense(128, activation="relu"))
front_model = keras.Sequential(front + [layers.Dense(1)])

pairs = []
for _ in range(3):
    pairs.append(layers.Dense(64))  # [implicit-initializer-mismatch]
    pairs.append(layers.ReLU())
pairs_model = keras.Sequential([keras.Input((64,))] + pairs)

clean = []
for _ in range(3):
    clean.append(layers.Dense(256, activation="relu", kernel_initializer="he_uniform"))
clean_model = keras.Sequential(clean)


def helper(layer_list):
    """May reorder or drop layers: the checker does not know."""
    return layer_list


escaped = []
escaped.append(layers.Dense(256, activation="relu"))
helper(escaped)
escaped.append(layers.Dense(256, activation="relu"))
escaped.append(layers.Dense(256, activation="relu"))
escaped_model = keras.Sequential(escaped)

conditional = []
conditional.append(layers.Dense(256, activation="relu"))
if len(conditional) > 1:
    conditional.append(layers.Dense(256, activation="relu"))
conditional.append(layers.Dense(256, activation="relu"))
conditional_model = keras.Sequential(conditional)

unknown_count = []
for _ in range(len(conditional)):
    unknown_count.append(layers.Dense(256, activation="relu"))
unknown_model = keras.Sequential(unknown_count)

# An explicit Glorot under relu is a mismatch wherever the list puts the layer.
popped = [layers.Dense(256, activation="relu", kernel_initializer="glorot_uniform")]  # [initializer-activation-mismatch]
popped.pop()
popped_model = keras.Sequential(popped)
