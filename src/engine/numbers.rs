//! Quantities in text: "$175 billion", "50,000 soldiers", "approximately 190 miles".
//!
//! TODO(claims helper).
