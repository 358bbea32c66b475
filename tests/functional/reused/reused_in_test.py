"""A test module: building a model twice from one seed is how a test gets identical builds."""
# pylint: disable=missing-function-docstring
import keras
from keras import layers


def _build():
    return layers.LSTM(5, kernel_initializer=keras.initializers.GlorotUniform(seed=1))


def test_two_builds_agree():
    assert _build() is not _build()
