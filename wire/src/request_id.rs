//! Request ids as a writer takes them: text from anywhere, escaped, or a server's own id,
//! clean by construction and copied as it is.

use core::fmt;

/// A request id a server makes itself: 128 bits written as a UUID is, `8-4-4-4-12`
/// lower-case hex digits (`3b237773-bc2c-4bea-95fc-319a1a5baa68`). Its text is hex digits
/// and hyphens and nothing else, so a writer copies it without looking for anything to
/// escape.
///
/// ```
/// use errcat_wire::RequestId;
///
/// let id = RequestId::from_u128(0x3b237773_bc2c_4bea_95fc_319a1a5baa68);
/// assert_eq!(id.as_str(), "3b237773-bc2c-4bea-95fc-319a1a5baa68");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId([u8; 36]);

impl RequestId {
    /// The id of `bits`, as `uuid::Uuid::from_u128(bits)` writes it.
    #[must_use]
    pub const fn from_u128(bits: u128) -> Self {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = [b'-'; 36];
        let (mut digit, mut at) = (0, 0);
        while digit < 32 {
            if matches!(at, 8 | 13 | 18 | 23) {
                at += 1;
            }
            text[at] = HEX[((bits >> (124 - 4 * digit)) & 0xf) as usize];
            digit += 1;
            at += 1;
        }
        Self(text)
    }

    /// The id's text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only `from_u128` makes one, from ASCII: this never falls back.
        core::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The id's text as bytes: ASCII, none of which needs escaping in JSON or XML.
    #[must_use]
    pub const fn as_bytes(&self) -> &[u8; 36] {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RequestId({})", self.as_str())
    }
}

/// A request id as a writer takes it: `&str` or `&RequestId` converts into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestIdRef<'a> {
    /// Text from anywhere (a client's id the server honours, a test's), escaped for the
    /// format it goes into.
    Text(&'a str),
    /// The server's own id, copied as it is.
    Own(&'a RequestId),
}

impl RequestIdRef<'_> {
    /// The id's text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Text(text) => text,
            Self::Own(id) => id.as_str(),
        }
    }
}

impl<'a> From<&'a str> for RequestIdRef<'a> {
    #[inline]
    fn from(text: &'a str) -> Self {
        Self::Text(text)
    }
}

impl<'a> From<&'a RequestId> for RequestIdRef<'a> {
    #[inline]
    fn from(id: &'a RequestId) -> Self {
        Self::Own(id)
    }
}

impl<'a> From<&'a alloc::string::String> for RequestIdRef<'a> {
    #[inline]
    fn from(text: &'a alloc::string::String) -> Self {
        Self::Text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_hex_digits_and_hyphens_in_uuid_groups() {
        assert_eq!(
            RequestId::from_u128(0).as_str(),
            "00000000-0000-0000-0000-000000000000"
        );
        assert_eq!(
            RequestId::from_u128(u128::MAX).as_str(),
            "ffffffff-ffff-ffff-ffff-ffffffffffff"
        );
        let id = RequestId::from_u128(0x0123_4567_89ab_cdef_fedc_ba98_7654_3210);
        assert_eq!(id.as_str(), "01234567-89ab-cdef-fedc-ba9876543210");
        assert!(crate::escape::is_clean_json(id.as_str()));
        assert!(crate::escape::is_clean_xml(id.as_str()));
    }
}
