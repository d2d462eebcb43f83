//! The C# classes of every type that crosses the boundary, generated from omg-core's boundary
//! description (placeholder until it lands).
