pub mod barcode;
pub mod codes;
pub mod sign;
pub mod verify;
