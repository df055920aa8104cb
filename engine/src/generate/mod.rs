//! The synthetic data set of `dealscope generate`.
