"""A module of the project that keeps initializers (project_module_values.py reads them): nothing to report here."""
import keras
from tensorflow.keras import initializers

INIT = keras.initializers.GlorotUniform()
NAMED = "glorot_normal"
GOT = initializers.get("glorot_uniform")
HE = keras.initializers.HeUniform(seed=3)
