//! A small JSON Schema (draft-04) validator: the subset of keywords the SARIF 2.1.0 schema
//! uses, written for these tests so that no schema crate (and its dependency tree) is needed.
//!
//! Supported: `$ref` (local `#/...` pointers), `type`, `enum`, `properties`, `required`,
//! `additionalProperties`, `items` (one schema), `minItems`, `maxItems`, `uniqueItems`,
//! `minimum`, `maximum` (with draft-04 `exclusiveMinimum`/`exclusiveMaximum`), `minLength`,
//! `pattern`, `format` (`uri`, `uri-reference`, `date-time`), `anyOf`, `oneOf`, `allOf`,
//! `not`. Annotations (`description`, `default`, `title`, `id`, `$schema`, `definitions`) are
//! ignored. Any other keyword makes validation panic, so a schema that needs more is noticed
//! rather than half-checked.

use regex::Regex;
use serde_json::Value;

const ANNOTATIONS: &[&str] = &[
    "description",
    "default",
    "title",
    "id",
    "$schema",
    "definitions",
];
const SUPPORTED: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "pattern",
    "format",
    "anyOf",
    "oneOf",
    "allOf",
    "not",
];

/// Every way `instance` breaks `schema`, as "path: problem" lines; empty when valid.
pub fn validate(schema: &Value, instance: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, instance, "$", &mut errors);
    errors
}

fn resolve<'a>(root: &'a Value, reference: &str) -> &'a Value {
    let pointer = reference
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("only local $ref is supported, not {reference}"));
    root.pointer(pointer)
        .unwrap_or_else(|| panic!("$ref {reference} points nowhere"))
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        other => panic!("unknown type {other}"),
    }
}

fn format_ok(format: &str, s: &str) -> bool {
    // Characters never allowed unescaped in a URI (RFC 3986).
    let clean = |s: &str| {
        !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c) || !c.is_ascii()
        }) && percent_ok(s)
    };
    match format {
        "uri" => {
            let scheme = Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*:").unwrap();
            scheme.is_match(s) && clean(s)
        }
        "uri-reference" => clean(s),
        "date-time" => {
            Regex::new(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
                .unwrap()
                .is_match(s)
        }
        other => panic!("unknown format {other}"),
    }
}

fn percent_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

fn check(root: &Value, schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(obj) = schema.as_object() else {
        panic!("schema at {path} is not an object");
    };
    for key in obj.keys() {
        assert!(
            ANNOTATIONS.contains(&key.as_str()) || SUPPORTED.contains(&key.as_str()),
            "the validator does not support the keyword `{key}` (at {path})"
        );
    }
    // In draft-04 a `$ref` replaces every keyword beside it.
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        check(root, resolve(root, r), v, path, errors);
        return;
    }
    let mut fail = |msg: String| errors.push(format!("{path}: {msg}"));

    if let Some(t) = obj.get("type") {
        let names: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type at {path}"),
        };
        if !names.iter().any(|n| type_matches(n, v)) {
            fail(format!("expected {}, found {v}", names.join(" or ")));
            return;
        }
    }
    if let Some(options) = obj.get("enum").and_then(Value::as_array)
        && !options.contains(v)
    {
        fail(format!(
            "{v} is not one of {}",
            Value::Array(options.clone())
        ));
    }
    if let Some(n) = v.as_f64() {
        if let Some(min) = obj.get("minimum").and_then(Value::as_f64) {
            let exclusive = obj.get("exclusiveMinimum") == Some(&Value::Bool(true));
            if n < min || (exclusive && n == min) {
                fail(format!("{n} is below the minimum {min}"));
            }
        }
        if let Some(max) = obj.get("maximum").and_then(Value::as_f64) {
            let exclusive = obj.get("exclusiveMaximum") == Some(&Value::Bool(true));
            if n > max || (exclusive && n == max) {
                fail(format!("{n} is above the maximum {max}"));
            }
        }
    }
    if let Some(s) = v.as_str() {
        if let Some(min) = obj.get("minLength").and_then(Value::as_u64)
            && (s.chars().count() as u64) < min
        {
            fail(format!("{s:?} is shorter than {min}"));
        }
        if let Some(p) = obj.get("pattern").and_then(Value::as_str)
            && !Regex::new(p).unwrap().is_match(s)
        {
            fail(format!("{s:?} does not match /{p}/"));
        }
        if let Some(f) = obj.get("format").and_then(Value::as_str)
            && !format_ok(f, s)
        {
            fail(format!("{s:?} is not a valid {f}"));
        }
    }
    if let Some(items) = v.as_array() {
        if let Some(min) = obj.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < min
        {
            fail(format!("{} items, fewer than {min}", items.len()));
        }
        if let Some(max) = obj.get("maxItems").and_then(Value::as_u64)
            && (items.len() as u64) > max
        {
            fail(format!("{} items, more than {max}", items.len()));
        }
        if obj.get("uniqueItems") == Some(&Value::Bool(true)) {
            for (i, a) in items.iter().enumerate() {
                if items[..i].contains(a) {
                    fail(format!("item {i} repeats an earlier item"));
                }
            }
        }
        if let Some(item_schema) = obj.get("items") {
            assert!(item_schema.is_object(), "tuple `items` is not supported");
            for (i, item) in items.iter().enumerate() {
                check(root, item_schema, item, &format!("{path}[{i}]"), errors);
            }
        }
    }
    if let Some(map) = v.as_object() {
        let props = obj.get("properties").and_then(Value::as_object);
        if let Some(required) = obj.get("required").and_then(Value::as_array) {
            for r in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(r) {
                    errors.push(format!("{path}: missing required property `{r}`"));
                }
            }
        }
        for (k, child) in map {
            let child_path = format!("{path}.{k}");
            match props.and_then(|p| p.get(k)) {
                Some(s) => check(root, s, child, &child_path, errors),
                None => match obj.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        errors.push(format!("{path}: property `{k}` is not allowed"));
                    }
                    Some(s @ Value::Object(_)) => check(root, s, child, &child_path, errors),
                    _ => {}
                },
            }
        }
    }
    let passes = |s: &Value| {
        let mut e = Vec::new();
        check(root, s, v, path, &mut e);
        e.is_empty()
    };
    if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
        for s in all {
            check(root, s, v, path, errors);
        }
    }
    if let Some(any) = obj.get("anyOf").and_then(Value::as_array)
        && !any.iter().any(passes)
    {
        errors.push(format!("{path}: matches none of the anyOf schemas"));
    }
    if let Some(one) = obj.get("oneOf").and_then(Value::as_array) {
        let n = one.iter().filter(|s| passes(s)).count();
        if n != 1 {
            errors.push(format!(
                "{path}: matches {n} of the oneOf schemas, not exactly one"
            ));
        }
    }
    if let Some(not) = obj.get("not")
        && passes(not)
    {
        errors.push(format!("{path}: matches a `not` schema"));
    }
}
