"""Layers built inside library code: keras.applications, no weights, the smallest input each allows."""

import keras


def vgg16():
    return keras.applications.VGG16(weights=None, include_top=False, input_shape=(32, 32, 3))


def mobilenet():
    return keras.applications.MobileNet(weights=None, input_shape=(32, 32, 3), classes=10)
