# %%NBQA-CELL-SEP8ec66f
import keras
from keras import layers


# %%NBQA-CELL-SEP8ec66f
# Glorot under ReLU: He suits rectifiers.
model = keras.Sequential([
    layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"),
    layers.Dense(10, activation="softmax"),
])
model.summary()
