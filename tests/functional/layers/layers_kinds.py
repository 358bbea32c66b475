"""Each weighted layer kind, its judged keyword, and the layers never judged."""
# pylint: disable=invalid-name
from keras import layers

dense = layers.EinsumDense("ab,bc->ac", output_shape=64, activation="relu", kernel_initializer="glorot_uniform")  # [initializer-activation-mismatch]
c1 = layers.Conv1D(16, 3, activation="relu", kernel_initializer="glorot_uniform")  # [initializer-activation-mismatch]
c3 = layers.Conv3D(16, 3, activation="relu", kernel_initializer="glorot_normal")  # [initializer-activation-mismatch]
t2 = layers.Conv2DTranspose(16, 3, activation="relu", kernel_initializer="glorot_uniform")  # [initializer-activation-mismatch]
s2 = layers.SeparableConv2D(16, 3, activation="relu", pointwise_initializer="glorot_uniform", depthwise_initializer="glorot_uniform")  # [initializer-activation-mismatch]
s1 = layers.SeparableConv1D(16, 3, activation="relu", depthwise_initializer="glorot_uniform", pointwise_initializer="he_uniform")
dw = layers.DepthwiseConv2D(3, activation="relu", depthwise_initializer="glorot_uniform")
rnn = layers.SimpleRNN(32, kernel_initializer="he_uniform")  # [initializer-activation-mismatch]
gru = layers.GRU(32, kernel_initializer="glorot_uniform")
lstm = layers.LSTM(32, kernel_initializer="he_normal", recurrent_initializer="orthogonal")  # [initializer-activation-mismatch]
lstm_relu = layers.LSTM(32, activation="relu", kernel_initializer="glorot_uniform")  # [initializer-activation-mismatch]
emb = layers.Embedding(1000, 64, embeddings_initializer="glorot_uniform")
mha = layers.MultiHeadAttention(4, 16, kernel_initializer="glorot_uniform")
