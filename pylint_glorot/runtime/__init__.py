"""`pylint-glorot verify`: build the user's model and prove or refute each static finding.

The parent process (cli, static, runner, verdicts, report, plot) never imports TensorFlow.
The model is loaded, built and measured in a child process (child, measure), which is the
only place TensorFlow and Keras are imported. See docs/runtime.md.
"""
