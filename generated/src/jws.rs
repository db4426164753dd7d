// @generated: copied from the overlay (src/jws.rs) by `cargo xtask regen`. Edit it there.

//! Compact JWS (RFC 7515) as Stytch signs it, checked strictly: three base64url parts, a JSON
//! header naming `RS256` and a `kid`, no `crit` extension, and an RSA PKCS#1 v1.5 SHA-256
//! signature checked by aws-lc-rs with a key parsed once, when the key set is fetched.
//!
//! No JWT crate is involved, so nothing another crate of the build turns on (a process-wide
//! crypto provider, a feature) can change how a token is verified.

use std::borrow::Cow;

use aws_lc_rs::signature::{ParsedPublicKey, RsaPublicKeyComponents, RSA_PKCS1_2048_8192_SHA256};
use base64::Engine as _;

use crate::jwt::JwtError;

const BASE64URL: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The longest signature accepted: an 8192-bit RSA key's.
const MAX_SIGNATURE: usize = 8192 / 8;

/// A token split into its parts, still encoded.
#[derive(Clone, Copy)]
pub(crate) struct Compact<'t> {
    header: &'t str,
    payload: &'t str,
    /// `header.payload`: what the signature covers.
    signing_input: &'t str,
    signature: &'t str,
}

fn malformed(reason: &str) -> JwtError {
    JwtError::Malformed(reason.to_owned())
}

impl<'t> Compact<'t> {
    /// Splits `token` into exactly three parts, the first two non-empty (an empty signature is
    /// refused when checked, after the header has named its algorithm).
    pub(crate) fn split(token: &'t str) -> Result<Compact<'t>, JwtError> {
        let (signing_input, signature) = token.rsplit_once('.').ok_or_else(|| malformed("not three dot-separated parts"))?;
        let (header, payload) = signing_input.split_once('.').ok_or_else(|| malformed("not three dot-separated parts"))?;
        if payload.contains('.') {
            return Err(malformed("more than three dot-separated parts"));
        }
        if header.is_empty() || payload.is_empty() {
            return Err(malformed("an empty part"));
        }
        Ok(Compact { header, payload, signing_input, signature })
    }

    /// The header's `kid`, once the header is known to name RS256 and nothing critical.
    pub(crate) fn kid(&self) -> Result<String, JwtError> {
        #[derive(serde::Deserialize)]
        struct Header<'a> {
            #[serde(borrow, default)]
            alg: Option<Cow<'a, str>>,
            #[serde(borrow, default)]
            kid: Option<Cow<'a, str>>,
            #[serde(default)]
            crit: Option<serde::de::IgnoredAny>,
        }
        let bytes = BASE64URL.decode(self.header).map_err(|_| malformed("the header is not base64url"))?;
        let header: Header<'_> = serde_json::from_slice(&bytes).map_err(|e| JwtError::Malformed(format!("the header: {e}")))?;
        let alg = header.alg.unwrap_or_default();
        if alg != "RS256" {
            return Err(JwtError::UnsupportedAlgorithm(alg.into_owned()));
        }
        if header.crit.is_some() {
            // RFC 7515 §4.1.11: extensions the verifier does not understand must be refused.
            return Err(malformed("the header lists critical extensions (`crit`), which are not supported"));
        }
        match header.kid {
            Some(kid) => Ok(kid.into_owned()),
            None => Err(malformed("the header has no `kid`")),
        }
    }

    /// The decoded payload: the claims' JSON text.
    pub(crate) fn payload(&self) -> Result<String, JwtError> {
        let bytes = BASE64URL.decode(self.payload).map_err(|_| malformed("the payload is not base64url"))?;
        String::from_utf8(bytes).map_err(|_| malformed("the payload is not UTF-8"))
    }
}

/// An RSA public key of the project's key set, parsed once.
pub(crate) struct PublicKey(ParsedPublicKey);

impl PublicKey {
    /// The key of a JWK's base64url modulus `n` and exponent `e`; refused below 2048 bits.
    pub(crate) fn from_components(n: &str, e: &str) -> Result<PublicKey, String> {
        let n = BASE64URL.decode(n).map_err(|_| "`n` is not base64url".to_owned())?;
        let e = BASE64URL.decode(e).map_err(|_| "`e` is not base64url".to_owned())?;
        RsaPublicKeyComponents { n: &n[..], e: &e[..] }
            .to_parsed_public_key(&RSA_PKCS1_2048_8192_SHA256)
            .map(PublicKey)
            .map_err(|e| format!("not a usable RS256 key: {e}"))
    }

    /// Checks `token`'s signature, decoding it on the stack.
    pub(crate) fn verify(&self, token: &Compact<'_>) -> Result<(), JwtError> {
        if token.signature.is_empty() {
            return Err(malformed("the signature is empty"));
        }
        let mut signature = [0u8; MAX_SIGNATURE];
        let len = BASE64URL
            .decode_slice(token.signature, &mut signature)
            .map_err(|_| malformed("the signature is not base64url, or longer than an 8192-bit key's"))?;
        self.0
            .verify_sig(token.signing_input.as_bytes(), &signature[..len])
            .map_err(|_| JwtError::BadSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::Compact;
    use crate::jwt::JwtError;

    fn header(json: &str) -> String {
        use base64::Engine as _;
        format!("{}.e30.c2ln", super::BASE64URL.encode(json))
    }

    #[test]
    fn the_header_is_read_strictly() {
        let kid = |token: &str| Compact::split(token).and_then(|c| c.kid());
        assert_eq!(kid(&header(r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#)).unwrap(), "k1");
        assert!(matches!(kid(&header(r#"{"alg":"none","kid":"k1"}"#)), Err(JwtError::UnsupportedAlgorithm(a)) if a == "none"));
        assert!(matches!(kid(&header(r#"{"alg":"HS256","kid":"k1"}"#)), Err(JwtError::UnsupportedAlgorithm(_))));
        assert!(matches!(kid(&header(r#"{"kid":"k1"}"#)), Err(JwtError::UnsupportedAlgorithm(a)) if a.is_empty()));
        assert!(matches!(kid(&header(r#"{"alg":"RS256"}"#)), Err(JwtError::Malformed(_))));
        assert!(matches!(kid(&header(r#"{"alg":"RS256","kid":"k1","crit":["b64"]}"#)), Err(JwtError::Malformed(_))));
        assert!(matches!(kid(&header(r#"["RS256"]"#)), Err(JwtError::Malformed(_))));
        assert!(matches!(kid("a.b"), Err(JwtError::Malformed(_))));
        assert!(matches!(kid("a.b.c.d"), Err(JwtError::Malformed(_))));
        assert!(matches!(kid("a..c"), Err(JwtError::Malformed(_))));
        assert!(matches!(kid(".b.c"), Err(JwtError::Malformed(_))));
        assert!(matches!(kid("!!.e30.c2ln"), Err(JwtError::Malformed(_))));
    }
}
