//! A content hash of any `Serialize` value, fed straight from serde into FNV-1a: no JSON text is
//! formatted on the way (which cost a tenth of a 200-step render). Strings and byte runs are
//! length-prefixed and every variant and field name is hashed, so different values cannot run
//! together into the same stream. The result is part of the output (the SVG's prefix), so this
//! format must stay as it is or the golden files change.
//!
//! The walk leaves out the layout's cards (`Layout::items`, found by that name): `svg.rs` writes
//! them first and hashes their bytes, which costs less than walking them field by field. Names
//! are otherwise only hashed, never read: a renamed field changes every prefix, which the golden
//! files show at once. (The characters the font subsets need come from `Layout::texts`.)
//! Uses nothing else in the crate.

use serde::Serialize;
use serde::ser;

/// FNV-1a, 64-bit, fed a word at a time where it can be.
pub(super) struct Digest {
    hash: u64,
    /// The structs being serialized, innermost last: a `Layout`'s `items` are left out.
    structs: Vec<&'static str>,
}

impl Digest {
    pub(super) fn new() -> Digest {
        Digest {
            hash: 0xcbf2_9ce4_8422_2325,
            structs: Vec::new(),
        }
    }

    pub(super) fn bytes(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.word(u64::from_le_bytes(b));
        }
        for &x in words.remainder() {
            self.word(u64::from(x));
        }
    }

    fn word(&mut self, w: u64) {
        self.hash = (self.hash ^ w).wrapping_mul(0x100_0000_01b3);
    }

    /// A string: its length, then its bytes.
    fn str(&mut self, s: &str) {
        self.tag(6, s.len());
        self.bytes(s.as_bytes());
    }

    /// A tag byte, then a length: what starts every variable-length thing.
    fn tag(&mut self, tag: u8, len: usize) {
        self.word(u64::from(tag) << 56 ^ len as u64);
    }

    pub(super) fn value<T: Serialize + ?Sized>(&mut self, v: &T) {
        // Hashing never fails: every method below returns Ok.
        let _ = v.serialize(&mut *self);
    }

    pub(super) fn finish(&self) -> u64 {
        self.hash
    }

    /// The hash of `bytes` alone, as [`Digest::bytes`] feeds them.
    pub(super) fn of_bytes(bytes: &[u8]) -> u64 {
        let mut d = Digest::new();
        d.tag(7, bytes.len());
        d.bytes(bytes);
        d.finish()
    }
}

/// The only error a serializer must be able to make; never made here.
#[derive(Debug)]
pub(super) struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unreachable")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Never {
        Never
    }
}

type R = Result<(), Never>;

impl ser::Serializer for &mut Digest {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> R {
        self.tag(1, usize::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> R {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> R {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> R {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> R {
        self.tag(2, 0);
        self.word(v as u64);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> R {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> R {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> R {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> R {
        self.tag(3, 0);
        self.word(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> R {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> R {
        self.tag(4, 0);
        // -0.0 and 0.0 draw alike.
        self.word(if v == 0.0 { 0 } else { v.to_bits() });
        Ok(())
    }
    fn serialize_char(self, v: char) -> R {
        self.tag(5, v as usize);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        self.tag(7, v.len());
        self.bytes(v);
        Ok(())
    }
    fn serialize_none(self) -> R {
        self.tag(8, 0);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
        self.tag(9, 0);
        v.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.tag(10, 0);
        Ok(())
    }
    fn serialize_unit_struct(self, name: &'static str) -> R {
        self.serialize_str(name)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> R {
        self.serialize_str(variant)?;
        v.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Never> {
        self.tag(11, len.unwrap_or(usize::MAX));
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Never> {
        self.tag(12, len);
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Never> {
        self.tag(12, len);
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Never> {
        self.serialize_str(variant)?;
        self.tag(12, len);
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, Never> {
        self.tag(13, len.unwrap_or(usize::MAX));
        Ok(self)
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self, Never> {
        self.structs.push(name);
        self.tag(14, len);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Never> {
        self.serialize_str(variant)?;
        self.structs.push(variant);
        self.tag(14, len);
        Ok(self)
    }
}

/// Every compound ends with a marker, so a sequence of unknown length cannot absorb what follows.
macro_rules! compound {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Digest {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
                v.serialize(&mut **self)
            }
            fn end(self) -> R {
                self.tag(15, 0);
                Ok(())
            }
        }
    )*};
}

compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Digest {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> R {
        k.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
        v.serialize(&mut **self)
    }
    fn end(self) -> R {
        self.tag(15, 0);
        Ok(())
    }
}

/// Struct fields hash their name, then their value.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for &mut Digest {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> R {
                if key == "items" && self.structs.last() == Some(&"Layout") {
                    return Ok(());
                }
                self.str(key);
                v.serialize(&mut **self)
            }
            fn end(self) -> R {
                self.structs.pop();
                self.tag(15, 0);
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;

    fn hash<T: Serialize + ?Sized>(v: &T) -> u64 {
        let mut d = Digest::new();
        d.value(v);
        d.finish()
    }

    #[test]
    fn different_values_hash_apart() {
        assert_ne!(hash(&("ab", "c")), hash(&("a", "bc")));
        assert_ne!(hash(&vec![1.0, 2.0]), hash(&vec![2.0, 1.0]));
        assert_ne!(hash(&Some(0u8)), hash(&None::<u8>));
        assert_ne!(hash(&(vec![1u8], 2u8)), hash(&(vec![1u8, 2u8],)));
        assert_eq!(hash(&0.0f64), hash(&-0.0f64));
        assert_eq!(hash("same"), hash("same"));
    }
}
