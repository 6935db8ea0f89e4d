//! A record as CSV cells, straight from its `Serialize`: nested keys joined with `_`, lists
//! with `; `, unknown as an empty cell, text made safe for a spreadsheet. No intermediate
//! JSON value is built, so a large listing costs little more than its text.

use std::fmt;

use serde::ser::{self, Serialize};

/// The cells of one record, in order, and (when asked) the column each stands in. Filled again
/// for the next record, it writes into the cells' room of the last: a long listing does not
/// allocate a string for every cell.
#[derive(Debug, Default)]
pub struct Cells {
    /// The cells, the first `filled` of them this record's; the rest are room.
    values: Vec<String>,
    filled: usize,
    /// Filled only when `Cells::with_names` made it: the first record names the columns.
    pub names: Option<Vec<String>>,
    /// Room for a number as JSON writes it.
    number: Vec<u8>,
}

impl Cells {
    /// Cells that also record their column names.
    pub fn with_names() -> Self {
        Cells {
            names: Some(Vec::new()),
            ..Cells::default()
        }
    }

    /// Flattens `record` into these cells, in place of the last record's.
    pub fn fill<T: Serialize + ?Sized>(&mut self, record: &T) -> Result<(), Error> {
        self.filled = 0;
        if let Some(names) = &mut self.names {
            names.clear();
        }
        record.serialize(&mut Flattener {
            cells: self,
            prefix: String::new(),
        })
    }

    /// This record's cells.
    #[cfg(test)]
    pub fn values(&self) -> &[String] {
        &self.values[..self.filled]
    }

    /// This record's cells, to take their text (swapping in the room of another string).
    pub fn values_mut(&mut self) -> &mut [String] {
        &mut self.values[..self.filled]
    }

    /// Adds a cell under `name`, written by `write` into the room of the cell that stood there.
    fn push(&mut self, name: &str, write: impl FnOnce(&mut String)) {
        if let Some(names) = &mut self.names {
            names.push(name.to_string());
        }
        if self.filled == self.values.len() {
            self.values.push(String::new());
        }
        let cell = &mut self.values[self.filled];
        cell.clear();
        write(cell);
        self.filled += 1;
    }
}

/// Why a record could not be flattened.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// A text cell made safe: control and bidirectional characters escaped, and a cell that a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) prefixed
/// with `'`. Numbers are not text cells and stay as they are. Written at the end of `cell`.
fn push_text_cell(cell: &mut String, text: &str) {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        cell.push('\'');
    }
    if super::text::has_unsafe(text) {
        cell.push_str(&super::text::plain(text));
    } else {
        cell.push_str(text);
    }
}

struct Flattener<'a> {
    cells: &'a mut Cells,
    /// The column name of the value being written.
    prefix: String,
}

impl Flattener<'_> {
    // A `Result` like the serializer methods that end with it.
    #[allow(clippy::unnecessary_wraps)]
    fn put(&mut self, write: impl FnOnce(&mut String)) -> Result<(), Error> {
        self.cells.push(&self.prefix, write);
        Ok(())
    }

    /// A text cell (see `push_text_cell`).
    fn put_text(&mut self, text: &str) -> Result<(), Error> {
        self.put(|cell| push_text_cell(cell, text))
    }

    /// Writes `value` under the key `key`, nested under the current name.
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        let outer = self.prefix.len();
        if outer > 0 {
            self.prefix.push('_');
        }
        self.prefix.push_str(key);
        let result = value.serialize(&mut *self);
        self.prefix.truncate(outer);
        result
    }
}

/// A list's items, each as a cell of its own, joined into one cell at the end.
struct Items<'a, 'b> {
    flattener: &'b mut Flattener<'a>,
    items: Vec<String>,
}

impl ser::SerializeSeq for Items<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        // An item that is a table stands as its `key=value` pairs (nulls left out), never as
        // JSON text: a spreadsheet or `cut` can read it. `show --pathways` gives a row each.
        let text = match serde_json::to_value(value).map_err(ser::Error::custom)? {
            serde_json::Value::String(s) => s,
            serde_json::Value::Null => String::new(),
            serde_json::Value::Object(fields) => fields
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| match v {
                    serde_json::Value::String(s) => format!("{k}={s}"),
                    other => format!("{k}={other}"),
                })
                .collect::<Vec<_>>()
                .join(", "),
            other => other.to_string(),
        };
        self.items.push(text);
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        self.flattener.put_text(&self.items.join("; "))
    }
}

/// A struct's or map's fields, each under its key.
struct Fields<'a, 'b> {
    flattener: &'b mut Flattener<'a>,
    key: Option<String>,
}

impl ser::SerializeStruct for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.flattener.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeMap for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let key = serde_json::to_value(key).map_err(ser::Error::custom)?;
        self.key = Some(key.as_str().map_or_else(|| key.to_string(), String::from));
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().unwrap_or_default();
        self.flattener.field(&key, value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

macro_rules! as_digits {
    ($($method:ident: $type:ty),* $(,)?) => {
        $(fn $method(self, value: $type) -> Result<(), Error> {
            self.put(|cell| cell.push_str(itoa::Buffer::new().format(value)))
        })*
    };
}

impl<'a, 'b> ser::Serializer for &'b mut Flattener<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Items<'a, 'b>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Fields<'a, 'b>;
    type SerializeStruct = Fields<'a, 'b>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    as_digits! {
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
    }

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.put(|cell| cell.push_str(if value { "true" } else { "false" }))
    }

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(value))
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        // As JSON writes it, so that both formats agree digit for digit.
        let mut number = std::mem::take(&mut self.cells.number);
        number.clear();
        serde_json::to_writer(&mut number, &value).map_err(ser::Error::custom)?;
        let written = std::str::from_utf8(&number).map_err(ser::Error::custom);
        let result = written.and_then(|text| self.put(|cell| cell.push_str(text)));
        self.cells.number = number;
        result
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.put_text(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.put_text(value)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(ser::Error::custom("bytes have no CSV cell"))
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.put(|_| ())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.put(|_| ())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.put(|_| ())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.put_text(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a, 'b>, Error> {
        Ok(Items {
            flattener: self,
            items: Vec::new(),
        })
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(ser::Error::custom("tuples have no CSV cell"))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(ser::Error::custom("tuples have no CSV cell"))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(ser::Error::custom("tuples have no CSV cell"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'a, 'b>, Error> {
        Ok(Fields {
            flattener: self,
            key: None,
        })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a, 'b>, Error> {
        Ok(Fields {
            flattener: self,
            key: None,
        })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(ser::Error::custom("enum variants have no CSV cell"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_flatten_as_the_json_they_would_print() {
        let record = serde_json::json!({
            "id": "p", "cost": 1350, "share": 0.5, "none": null,
            "then": {"cost_min": 2.5, "id": "d"},
            "subjects": ["a", "b"], "name": "=cmd",
        });
        let mut cells = Cells::with_names();
        cells.fill(&record).unwrap();
        assert_eq!(
            cells.names.clone().unwrap(),
            [
                "id",
                "cost",
                "share",
                "none",
                "then_cost_min",
                "then_id",
                "subjects",
                "name"
            ]
        );
        assert_eq!(
            cells.values(),
            ["p", "1350", "0.5", "", "2.5", "d", "a; b", "'=cmd"]
        );
        // Filled again, the cells are the new record's alone, written over the old ones' room.
        cells.fill(&serde_json::json!({"id": "q", "name": "+x"})).unwrap();
        assert_eq!(cells.values(), ["q", "'+x"]);
        assert_eq!(
            cells.names.as_deref(),
            Some(&["id".to_string(), "name".to_string()][..])
        );
    }
}
