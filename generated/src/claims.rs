// @generated: copied from the overlay (src/claims.rs) by `cargo xtask regen`. Edit it there.

//! A verified token's claims, read in one pass: the registered claims the verifier checks, the
//! claims a mapping (session, member session, M2M) turns into its own types, and every other
//! claim kept as the custom claims.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::jwt::JwtError;

/// The RFC 7519 claims the verifier checks or the results carry.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Registered {
    pub(crate) exp: Option<f64>,
    pub(crate) nbf: Option<f64>,
    pub(crate) iat: Option<f64>,
    pub(crate) iss: Option<String>,
    /// `aud`, a string or a list of strings.
    pub(crate) aud: Vec<String>,
    pub(crate) sub: Option<String>,
}

/// How one kind of token reads the claims that are its own.
pub(crate) trait ClaimMapping: Default {
    /// Reads the value of claim `name` from `map` and returns `true` if the claim is one of
    /// this mapping's; returns `false`, reading nothing, to leave it to the custom claims.
    fn read<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<bool, A::Error>;
}

/// No claims of its own: everything unregistered is a custom claim.
#[cfg(test)]
#[derive(Debug, Default, PartialEq)]
pub(crate) struct NoMapping;

#[cfg(test)]
impl ClaimMapping for NoMapping {
    fn read<'de, A: MapAccess<'de>>(&mut self, _: &str, _: &mut A) -> Result<bool, A::Error> {
        Ok(false)
    }
}

/// A token's claims, sorted into registered, mapped and custom.
#[derive(Debug, PartialEq)]
pub(crate) struct Claims<M> {
    pub(crate) registered: Registered,
    pub(crate) mapped: M,
    pub(crate) custom: Map<String, Value>,
}

/// Reads the claims JSON `payload` with `M`; an error names the claim at fault.
pub(crate) fn parse<M: ClaimMapping>(payload: &str) -> Result<Claims<M>, JwtError> {
    let mut deserializer = serde_json::Deserializer::from_str(payload);
    let claims = ClaimsSeed(PhantomData)
        .deserialize(&mut deserializer)
        .and_then(|claims| deserializer.end().map(|()| claims))
        .map_err(|e| JwtError::Malformed(format!("the claims: {e}")))?;
    Ok(claims)
}

/// A claim name, borrowed from the payload unless it has escapes.
struct Name<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Name<'de>, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a claim name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

/// `aud`: one string or a list of them.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

struct ClaimsSeed<M>(PhantomData<M>);

impl<'de, M: ClaimMapping> DeserializeSeed<'de> for ClaimsSeed<M> {
    type Value = Claims<M>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Claims<M>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// The next value as `T`, or an error naming claim `name`; a duplicate claim is refused.
fn once<'de, A: MapAccess<'de>, T: de::Deserialize<'de>>(slot: &mut Option<T>, name: &str, map: &mut A) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::custom(format_args!("the `{name}` claim appears twice")));
    }
    let value = map.next_value::<Option<T>>().map_err(|e| de::Error::custom(format_args!("the `{name}` claim: {e}")))?;
    *slot = value;
    Ok(())
}

impl<'de, M: ClaimMapping> Visitor<'de> for ClaimsSeed<M> {
    type Value = Claims<M>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object of claims")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Claims<M>, A::Error> {
        let mut registered = Registered::default();
        let mut aud: Option<Audience> = None;
        let mut mapped = M::default();
        let mut custom = Map::new();
        while let Some(Name(name)) = map.next_key::<Name<'de>>()? {
            match &*name {
                "exp" => once(&mut registered.exp, "exp", &mut map)?,
                "nbf" => once(&mut registered.nbf, "nbf", &mut map)?,
                "iat" => once(&mut registered.iat, "iat", &mut map)?,
                "iss" => once(&mut registered.iss, "iss", &mut map)?,
                "sub" => once(&mut registered.sub, "sub", &mut map)?,
                "aud" => once(&mut aud, "aud", &mut map)?,
                "jti" => {
                    map.next_value::<de::IgnoredAny>()?;
                }
                other => {
                    let read = mapped.read(other, &mut map).map_err(|e| de::Error::custom(format_args!("the `{other}` claim: {e}")))?;
                    if !read && custom.insert(name.into_owned(), map.next_value::<Value>()?).is_some() {
                        return Err(de::Error::custom("a claim appears twice"));
                    }
                }
            }
        }
        registered.aud = match aud {
            None => Vec::new(),
            Some(Audience::One(aud)) => vec![aud],
            Some(Audience::Many(auds)) => auds,
        };
        Ok(Claims { registered, mapped, custom })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Scope(Option<String>);

    impl ClaimMapping for Scope {
        fn read<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<bool, A::Error> {
            if name != "scope" {
                return Ok(false);
            }
            self.0 = map.next_value()?;
            Ok(true)
        }
    }

    #[test]
    fn one_pass_sorts_registered_mapped_and_custom_claims() {
        let claims: Claims<Scope> =
            parse(r#"{"aud":"p","exp":20,"nbf":10.5,"iat":10,"iss":"i","sub":"s","jti":"x","scope":"read","tier":"gold","k\u0065y":[1]}"#)
                .unwrap();
        assert_eq!(claims.registered.aud, ["p"]);
        assert_eq!((claims.registered.exp, claims.registered.nbf, claims.registered.iat), (Some(20.0), Some(10.5), Some(10.0)));
        assert_eq!((claims.registered.iss.as_deref(), claims.registered.sub.as_deref()), (Some("i"), Some("s")));
        assert_eq!(claims.mapped, Scope(Some("read".into())));
        assert_eq!(Value::Object(claims.custom), serde_json::json!({"tier": "gold", "key": [1]}));
        let many: Claims<NoMapping> = parse(r#"{"aud":["a","b"],"scope":"x"}"#).unwrap();
        assert_eq!(many.registered.aud, ["a", "b"]);
        assert_eq!(many.custom.len(), 1);
    }

    #[test]
    fn errors_name_the_claim_and_duplicates_are_refused() {
        let error = |payload: &str| match parse::<Scope>(payload) {
            Err(JwtError::Malformed(reason)) => reason,
            other => panic!("{payload}: {other:?}"),
        };
        assert!(error(r#"{"exp":"soon"}"#).contains("`exp`"));
        assert!(error(r#"{"aud":5}"#).contains("`aud`"));
        assert!(error(r#"{"scope":5}"#).contains("`scope`"));
        assert!(error(r#"{"exp":1,"exp":2}"#).contains("twice"));
        assert!(error(r#"{"a":1,"a":2}"#).contains("twice"));
        assert!(error(r#"[1]"#).contains("claims"));
        assert!(error(r#"{"exp":1} x"#).contains("claims"));
    }
}
