//! Text encodings: a BOM decides; without one, strict UTF-8, then GB18030 (GBK, as Excel on
//! a Chinese Windows saves CSV), then Windows-1252. UTF-8 input is validated in place, not
//! copied; only other encodings are transcoded.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::sniff::{bom, utf16_without_bom, Bom};

/// A file's text as UTF-8 bytes (without BOM) and the name of the encoding it was read in.
pub struct Decoded<'a> {
    pub text: Cow<'a, [u8]>,
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    match bom(bytes) {
        Bom::Utf8 => {
            let body = &bytes[3..];
            match std::str::from_utf8(body) {
                Ok(_) => Decoded {
                    text: Cow::Borrowed(body),
                    encoding: "UTF-8 (BOM)",
                },
                Err(_) => Decoded {
                    text: Cow::Owned(String::from_utf8_lossy(body).into_owned().into_bytes()),
                    encoding: "UTF-8 (BOM, invalid bytes replaced)",
                },
            }
        }
        Bom::Utf16Le => transcode(&bytes[2..], UTF_16LE, "UTF-16LE"),
        Bom::Utf16Be => transcode(&bytes[2..], UTF_16BE, "UTF-16BE"),
        Bom::None => {
            let sample = &bytes[..bytes.len().min(64 * 1024)];
            match utf16_without_bom(sample) {
                Some(Bom::Utf16Le) => return transcode(bytes, UTF_16LE, "UTF-16LE"),
                Some(Bom::Utf16Be) => return transcode(bytes, UTF_16BE, "UTF-16BE"),
                _ => {}
            }
            if std::str::from_utf8(bytes).is_ok() {
                return Decoded {
                    text: Cow::Borrowed(bytes),
                    encoding: "UTF-8",
                };
            }
            let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
            if !had_errors {
                return Decoded {
                    text: Cow::Owned(text.into_owned().into_bytes()),
                    encoding: "GB18030",
                };
            }
            transcode(bytes, WINDOWS_1252, "Windows-1252")
        }
    }
}

fn transcode<'a>(body: &[u8], encoding: &'static Encoding, name: &'static str) -> Decoded<'a> {
    let (text, _) = encoding.decode_without_bom_handling(body);
    Decoded {
        text: Cow::Owned(text.into_owned().into_bytes()),
        encoding: name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: &Decoded) -> String {
        String::from_utf8(d.text.to_vec()).unwrap()
    }

    #[test]
    fn utf8_is_borrowed() {
        let bytes = "名称,金额\n".as_bytes();
        let d = decode(bytes);
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.encoding, "UTF-8");
        let d = decode(b"\xEF\xBB\xBFa,b");
        assert_eq!((text(&d).as_str(), d.encoding), ("a,b", "UTF-8 (BOM)"));
    }

    #[test]
    fn gbk_utf16_and_latin1() {
        let (gbk, _, _) = GB18030.encode("客户名称,金额\n华为,1.2万\n");
        let d = decode(&gbk);
        assert_eq!(
            (text(&d).as_str(), d.encoding),
            ("客户名称,金额\n华为,1.2万\n", "GB18030")
        );
        let mut le = vec![0xFF, 0xFE];
        le.extend("a\tb\n中".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le);
        assert_eq!((text(&d).as_str(), d.encoding), ("a\tb\n中", "UTF-16LE"));
        let be: Vec<u8> = "ab,cd\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let d = decode(&be);
        assert_eq!((text(&d).as_str(), d.encoding), ("ab,cd\n", "UTF-16BE"));
        let d = decode(b"Caf\xE9,1\n");
        assert_eq!(
            (text(&d).as_str(), d.encoding),
            ("Café,1\n", "Windows-1252")
        );
    }
}
