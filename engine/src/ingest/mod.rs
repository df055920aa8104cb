//! Import: files in, columnar tables and an import report out.
