//! Inspection: the standard's `__array_namespace_info__`.
