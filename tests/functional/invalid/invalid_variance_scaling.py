"""E7705: VarianceScaling arguments that raise at construction."""
# pylint: disable=invalid-name
import tensorflow as tf
from keras import initializers, layers

upper_mode = initializers.VarianceScaling(2.0, "FAN_IN")  # [invalid-variance-scaling]
typo_mode = initializers.VarianceScaling(scale=2.0, mode="fan_average")  # [invalid-variance-scaling]
bad_distribution = initializers.VarianceScaling(2.0, "fan_in", "gaussian")  # [invalid-variance-scaling]
zero_scale = initializers.VarianceScaling(scale=0.0)  # [invalid-variance-scaling]
negative_scale = initializers.VarianceScaling(scale=-1)  # [invalid-variance-scaling]
upper_distribution = initializers.VarianceScaling(2.0, "fan_in", "Uniform")  # [redundant-variance-scaling]
normal_alias = initializers.VarianceScaling(2.0, "fan_in", "normal")  # [redundant-variance-scaling]
contrib_lower = tf.contrib.layers.variance_scaling_initializer(mode="fan_avg")  # [invalid-variance-scaling]
contrib_upper = tf.contrib.layers.variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=True)  # [redundant-variance-scaling]
in_layer = layers.Dense(64, activation="relu", kernel_initializer=initializers.VarianceScaling(1.0, "FAN_AVG"))  # [invalid-variance-scaling]
two_bad = initializers.VarianceScaling(-2.0, "FAN_OUT")  # [invalid-variance-scaling, invalid-variance-scaling]


def test_invalid_mode_raises():
    """Code a test expects to raise is never reported."""
    import pytest  # pylint: disable=import-outside-toplevel

    with pytest.raises(ValueError):
        initializers.VarianceScaling(2.0, "FAN_IN")


class InitializerTest:
    def test_negative_scale(self):
        with self.assertRaisesRegex(ValueError, "scale"):
            initializers.VarianceScaling(scale=-1.0)
