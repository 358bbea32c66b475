"""W7709: fixed-scale kernel initializers over a chain without normalization."""
# pylint: disable=invalid-name
import keras
from keras import initializers, layers

# A generated model: eight Dense(5) on the default RandomUniform(-0.05, 0.05) under relu.
generated = keras.Sequential(
    [
        keras.Input(shape=(5,)),
        layers.Dense(5, activation="relu", kernel_initializer=initializers.RandomUniform()),  # [fixed-scale-initializer]
        layers.Dense(5, activation="relu", kernel_initializer=initializers.RandomUniform()),
        layers.Dense(5, activation="relu", kernel_initializer=initializers.RandomUniform()),
        layers.Dense(5, activation="relu", kernel_initializer=initializers.RandomUniform()),
        layers.Dense(5, activation="relu", kernel_initializer=initializers.RandomUniform()),
        layers.Dense(5, activation="relu", kernel_initializer=initializers.RandomUniform()),
        layers.Dense(5, activation="relu", kernel_initializer=initializers.RandomUniform()),
        layers.Dense(5, activation="relu", kernel_initializer=initializers.RandomUniform()),
        layers.Dense(1, activation="sigmoid"),
    ]
)

# Strings and seeds: the seed is kept, and so is the kind of draw (untruncated normal here).
seeded = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        layers.Dense(64, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=0.01, seed=3)),  # [fixed-scale-initializer]
        layers.Dense(64, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=0.01, seed=4)),
        layers.Dense(64, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=0.01, seed=5)),
    ]
)

# Built by a comprehension: four layers from one call.
repeated = keras.Sequential(
    [keras.Input(shape=(32,))]
    + [layers.Dense(32, activation="relu", kernel_initializer="random_normal") for _ in range(4)]  # [fixed-scale-initializer]
)

# Orthogonal keeps its draw, with the gain the activation needs: gain 0.5 under relu collapses.
orthogonal = keras.Sequential(
    [
        keras.Input(shape=(128,)),
        layers.Dense(128, activation="relu", kernel_initializer=initializers.Orthogonal(gain=0.5, seed=1)),  # [fixed-scale-initializer]
        layers.Dense(128, activation="relu", kernel_initializer=initializers.Orthogonal(gain=0.5, seed=2)),
        layers.Dense(128, activation="relu", kernel_initializer=initializers.Orthogonal(gain=0.5, seed=3)),
    ]
)

# Silent: Orthogonal with its default gain 1 under tanh keeps the signal (0.39x per layer at q=1,
# converging to a fixed point: inside the band over three layers).
orthogonal_tanh = keras.Sequential(
    [
        keras.Input(shape=(128,)),
        layers.Dense(128, activation="tanh", kernel_initializer="orthogonal"),
        layers.Dense(128, activation="tanh", kernel_initializer="orthogonal"),
        layers.Dense(128, activation="tanh", kernel_initializer="orthogonal"),
    ]
)

# Silent: a one-layer head scaled down on purpose.
head = keras.Sequential(
    [
        keras.Input(shape=(512,)),
        layers.Dense(10, kernel_initializer=initializers.RandomNormal(stddev=0.01)),
    ]
)

# Silent: normalization after every layer resets the scale.
normalized = keras.Sequential(
    [
        keras.Input(shape=(5,)),
        layers.Dense(5, kernel_initializer=initializers.RandomUniform()),
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.Dense(5, kernel_initializer=initializers.RandomUniform()),
        layers.BatchNormalization(),
        layers.Activation("relu"),
    ]
)

# Silent: a scale that suits the width (stddev sqrt(2/256) under relu keeps the gain at 1).
suited = keras.Sequential(
    [
        keras.Input(shape=(256,)),
        layers.Dense(256, activation="relu", kernel_initializer=initializers.RandomNormal(stddev=0.088)),
        layers.Dense(256, activation="relu", kernel_initializer=initializers.RandomNormal(stddev=0.088)),
        layers.Dense(256, activation="relu", kernel_initializer=initializers.RandomNormal(stddev=0.088)),
    ]
)


# Silent: the transformer convention, TruncatedNormal(0.02) with residual adds and LayerNorm.
def transformer_block(tokens, width=768, hidden=3072):
    """BERT's feed-forward block."""
    init = initializers.TruncatedNormal(stddev=0.02)
    y = layers.LayerNormalization(epsilon=1e-12)(tokens)
    y = layers.Dense(hidden, activation="gelu", kernel_initializer=init)(y)
    y = layers.Dense(width, kernel_initializer=init)(y)
    y = layers.Dropout(0.1)(y)
    return layers.Add()([tokens, y])


encoder_inputs = keras.Input(shape=(128, 768))
h = transformer_block(encoder_inputs)
h = transformer_block(h)

# The same block written inline, where every width is known: q 1 -> 0.065 over the two layers, inside the band.
tokens = keras.Input(shape=(128, 768))
bert_init = initializers.TruncatedNormal(stddev=0.02)
y = layers.LayerNormalization(epsilon=1e-12)(tokens)
y = layers.Dense(3072, activation="gelu", kernel_initializer=bert_init)(y)
y = layers.Dense(768, kernel_initializer=bert_init)(y)
y = layers.Dropout(0.1)(y)
y = layers.Add()([tokens, y])
y = layers.LayerNormalization(epsilon=1e-12)(y)

# Silent: the input width is unknown, so the first layer's gain is; one known layer is no chain.
unknown = keras.Sequential(
    [
        layers.Dense(64, activation="relu", kernel_initializer="random_uniform"),
        layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
    ]
)

# Saturating: U(0, 1) has mean 0.5, so every unit of a sample shares a shift of about 128; tanh keeps
# the signal's second moment at 1 while its derivative is 0: the gradient vanishes.
saturated = keras.Sequential(
    [keras.Input(shape=(256,))]
    + [layers.Dense(256, activation="tanh", kernel_initializer=initializers.RandomUniform(0.0, 1.0)) for _ in range(6)]  # [fixed-scale-initializer]
)

# Saturating: N(0, 1) under tanh at width 256 keeps the signal (0.95x) and grows the gradient 8.7x per layer.
chaotic = keras.Sequential(
    [
        keras.Input(shape=(256,)),
        layers.Dense(256, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=1.0, seed=7)),  # [fixed-scale-initializer]
        layers.Dense(256, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=1.0, seed=8)),
        layers.Dense(256, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=1.0, seed=9)),
        layers.Dense(256, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=1.0, seed=10)),
    ]
)

# Silent: 200 tanh layers on Glorot's own scale (stddev 1/sqrt(64)): the signal falls below the band,
# as it does with GlorotNormal; the fix would change nothing measurable.
critical = keras.Sequential(
    [keras.Input(shape=(64,))]
    + [layers.Dense(64, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=0.125)) for _ in range(200)]
)
