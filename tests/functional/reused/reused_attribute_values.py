"""Initializers another module of the project reads as attributes (reused_attribute.py): nothing to report here."""
import keras

INIT = keras.initializers.GlorotUniform(seed=1)
FRESH = keras.initializers.GlorotUniform()
ONCE = keras.initializers.HeNormal(seed=2)
