//! astype
