"""Spark's benchmarks: `python -m benchmarks` prints figures beside baselines measured in the same run."""
