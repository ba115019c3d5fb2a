//! `#[cfg(...)]` as far as archsplit can know it: `test` is false unless tests are included,
//! `any()`/`all()`/`not()` combine, every other predicate is unknown and keeps the item
//! (code for all platforms and features is part of the architecture). `doc_only` tells the
//! items that only documentation builds compile (`cfg(doc)`, `cfg(docsrs)`).

use syn::punctuated::Punctuated;
use syn::{Attribute, Meta, Token};

/// False only when the item's `cfg` attributes are certainly false with the given `test`.
pub fn is_enabled(attrs: &[Attribute], test: bool) -> bool {
    for attr in attrs {
        if attr.path().is_ident("test") && !test {
            // `#[test] fn` is compiled only under cfg(test).
            return false;
        }
        if !attr.path().is_ident("cfg") {
            continue;
        }
        let Meta::List(list) = &attr.meta else {
            continue;
        };
        let Ok(preds) = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
        else {
            continue;
        };
        if preds.len() == 1 && eval(&preds[0], test, 0) == Some(false) {
            return false;
        }
    }
    true
}

/// True when the item's `cfg` attributes hold only in documentation builds: certainly
/// false once `doc` (set by rustdoc) and `docsrs` (set by docs.rs) are off, whatever the
/// platform, features or `test`. Such code (serde's `#[cfg(docsrs)] #[path = ..] mod`) is
/// in no program anyone builds.
pub fn doc_only(attrs: &[Attribute]) -> bool {
    let normal_build = |p: &syn::Path| (p.is_ident("doc") || p.is_ident("docsrs")).then_some(false);
    attrs.iter().any(|attr| {
        let Meta::List(list) = &attr.meta else {
            return false;
        };
        if !attr.path().is_ident("cfg") {
            return false;
        }
        let Ok(preds) = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
        else {
            return false;
        };
        preds.len() == 1 && eval_with(&preds[0], &normal_build, 0) == Some(false)
    })
}

/// A cfg predicate: `Some` when certainly true or false, `None` when unknown.
pub fn eval(m: &Meta, test: bool, depth: usize) -> Option<bool> {
    eval_with(m, &|p| p.is_ident("test").then_some(test), depth)
}

/// A cfg predicate, with `known` giving the value of the plain names it knows.
fn eval_with(m: &Meta, known: &dyn Fn(&syn::Path) -> Option<bool>, depth: usize) -> Option<bool> {
    if depth > 32 {
        return None;
    }
    match m {
        Meta::Path(p) => known(p),
        Meta::List(l) => {
            let inner = l
                .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .ok()?;
            let vals: Vec<Option<bool>> = inner
                .iter()
                .map(|m| eval_with(m, known, depth + 1))
                .collect();
            if l.path.is_ident("all") {
                if vals.contains(&Some(false)) {
                    Some(false)
                } else if vals.iter().all(|v| *v == Some(true)) {
                    Some(true)
                } else {
                    None
                }
            } else if l.path.is_ident("any") {
                if vals.contains(&Some(true)) {
                    Some(true)
                } else if vals.iter().all(|v| *v == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            } else if l.path.is_ident("not") && vals.len() == 1 {
                vals[0].map(|v| !v)
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enabled(src: &str, test: bool) -> bool {
        let item: syn::ItemFn = syn::parse_str(&format!("{src} fn f() {{}}")).unwrap();
        is_enabled(&item.attrs, test)
    }

    #[test]
    fn test_predicates() {
        assert!(!enabled("#[cfg(test)]", false));
        assert!(enabled("#[cfg(test)]", true));
        assert!(!enabled("#[test]", false));
        assert!(enabled("#[cfg(not(test))]", false));
        assert!(!enabled("#[cfg(all(test, feature = \"x\"))]", false));
        assert!(enabled("#[cfg(any(test, feature = \"x\"))]", false));
        assert!(enabled("#[cfg(unix)]", false));
        assert!(!enabled("#[cfg(any())]", false));
    }

    fn doc(src: &str) -> bool {
        let item: syn::ItemFn = syn::parse_str(&format!("{src} fn f() {{}}")).unwrap();
        doc_only(&item.attrs)
    }

    #[test]
    fn documentation_builds_only() {
        assert!(doc("#[cfg(docsrs)]"));
        assert!(doc("#[cfg(doc)]"));
        assert!(doc("#[cfg(all(docsrs, feature = \"std\"))]"));
        assert!(doc("#[cfg(any(doc, docsrs))]"));
        assert!(!doc("#[cfg(any(docsrs, feature = \"std\"))]"));
        assert!(!doc("#[cfg(not(docsrs))]"));
        assert!(!doc("#[cfg_attr(docsrs, doc(cfg(feature = \"x\")))]"));
        assert!(!doc("#[cfg(unix)]"));
    }
}
