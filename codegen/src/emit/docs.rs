//! Doc comments: one `#[doc]` attribute per line, so they print as clean `///` lines.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Docs;

/// `#[doc = " line"]` for each line, made safe for rustdoc: code fences without a Rust
/// language become `text` (so spec examples are not compiled as doctests), deep indentation that
/// would turn prose into a code block is reduced, tabs become spaces, and lines continuing a list
/// item are indented under it.
pub fn doc_attrs(docs: &Docs) -> TokenStream {
    let lines = rustdoc_lines(&docs.0);
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

pub fn rustdoc_lines(lines: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut in_fence = false;
    let mut in_list_item = false;
    for raw in lines {
        let line = raw.replace('\t', "    ");
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            let rust = matches!(lang.trim(), "rust" | "rs" | "no_run" | "rust,no_run");
            out.push(if in_fence || rust || lang.trim() == "text" { trimmed.to_owned() } else { "```text".to_owned() });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line);
            continue;
        }
        if trimmed.is_empty() {
            in_list_item = false;
            out.push(String::new());
            continue;
        }
        let is_item = trimmed.starts_with("* ") || trimmed.starts_with("- ") || starts_numbered(trimmed);
        let indent = line.len() - trimmed.len();
        if is_item {
            in_list_item = true;
            out.push(format!("{}{trimmed}", " ".repeat(indent.min(2))));
        } else if in_list_item {
            out.push(format!("  {trimmed}"));
        } else {
            out.push(format!("{}{trimmed}", " ".repeat(indent.min(3))));
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out
}

fn starts_numbered(s: &str) -> bool {
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && s[digits..].starts_with(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn fences_without_rust_become_text_and_unclosed_fences_close() {
        assert_eq!(rustdoc_lines(&l(&["```", "curl x", "```"])), l(&["```text", "curl x", "```"]));
        assert_eq!(rustdoc_lines(&l(&["```json", "{}"])), l(&["```text", "{}", "```"]));
        assert_eq!(rustdoc_lines(&l(&["```rust", "x"])), l(&["```rust", "x", "```"]));
    }

    #[test]
    fn list_continuations_are_indented_and_deep_indents_reduced() {
        assert_eq!(rustdoc_lines(&l(&["* a", "b", "", "c"])), l(&["* a", "  b", "", "c"]));
        assert_eq!(rustdoc_lines(&l(&["        deep"])), l(&["   deep"]));
    }
}
