"""Initializers other modules of the project import (reused_imported.py): nothing to report here."""
import keras
from keras import initializers

SEED = 42
SHARED = keras.initializers.HeNormal(seed=SEED)
FRESH = initializers.GlorotUniform()
NOISE = keras.initializers.RandomNormal(stddev=SEED / 2100)
ONCE = keras.initializers.LecunNormal()
