//! The OpenAPI 3.1 document of the JSON API, served at `/api/openapi.json`.

use axum::Json;
use serde_json::{json, Value};

fn q(name: &str, desc: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": desc, "schema": {"type": "string"}})
}

fn filters() -> Vec<Value> {
    vec![
        q(
            "actor",
            "A participant (case-insensitive; part of a name matches)",
        ),
        q("with", "Another participant, besides `actor`"),
        q(
            "country",
            "A participant's country: ISO 3166-1 alpha-3 code or English name",
        ),
        json!({"name": "type", "in": "query", "schema": {"type": "string", "enum": ["call", "meeting", "visit", "negotiation", "mediation", "correspondence"]}}),
        json!({"name": "status", "in": "query", "schema": {"type": "string", "enum": ["occurred", "planned", "cancelled", "denied"]}}),
        q("since", "First day: YYYY-MM-DD, YYYY-MM or YYYY"),
        q("until", "Last day: YYYY-MM-DD, YYYY-MM or YYYY"),
        q("topic", "A topic id from parley's topic list"),
        q(
            "source",
            "Outlet (case-insensitive; part of the name matches)",
        ),
        q(
            "text",
            "Full-text query over evidence sentences: words, \"phrases\", OR, NOT, prefix*",
        ),
    ]
}

fn paged() -> Vec<Value> {
    let mut v = filters();
    v.push(json!({"name": "limit", "in": "query", "description": "Page size (default 50)", "schema": {"type": "integer", "minimum": 1, "maximum": crate::params::MAX_LIMIT}}));
    v.push(q("cursor", "The `next` value of the previous page"));
    v
}

fn ok(desc: &str, schema: Value) -> Value {
    json!({
        "200": {"description": desc, "content": {"application/json": {"schema": schema}}},
        "400": {"$ref": "#/components/responses/BadRequest"}
    })
}

/// The document.
pub fn document() -> Value {
    let events_page = json!({"type": "object", "required": ["events", "next"], "properties": {
        "events": {"type": "array", "items": {"$ref": "#/components/schemas/MergedEvent"}},
        "next": {"type": ["string", "null"], "description": "Cursor of the next page; null on the last page"},
        "limit": {"type": "integer"}
    }});
    let mut search = paged();
    if let Some(t) = search.iter_mut().find(|p| p["name"] == "text") {
        t["required"] = json!(true);
    }
    let mut pairs_params = filters();
    pairs_params.push(json!({"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 5000}}));
    let mut timeline_params = filters();
    timeline_params.push(json!({"name": "granularity", "in": "query", "schema": {"type": "string", "enum": ["auto", "year", "month", "day"]}}));
    json!({
        "openapi": "3.1.0",
        "info": {"title": "parley API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Merged diplomatic events from the parley store. Every response is JSON; errors are {\"error\": {\"status\", \"message\", \"parameter\"?, \"accepted\"?}}. Unknown parameters are rejected."},
        "paths": {
            "/api/events": {"get": {"summary": "Merged events, filtered, by date then id, paged by cursor", "parameters": paged(), "responses": ok("A page of events", events_page.clone())}},
            "/api/search": {"get": {"summary": "Full-text search over evidence (text required) plus the event filters", "parameters": search, "responses": ok("A page of events", events_page)}},
            "/api/events/{event_id}": {"get": {"summary": "One merged event with every report and the conflicts between reports",
                "parameters": [{"name": "event_id", "in": "path", "required": true, "description": "Id, or a unique prefix of 6+ characters", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "The event", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MergedEvent"}}}},
                              "404": {"$ref": "#/components/responses/Error"}, "400": {"$ref": "#/components/responses/BadRequest"}}}},
            "/api/actors": {"get": {"summary": "Actors by number of events",
                "parameters": [q("q", "Part of a name"), {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 5000}}],
                "responses": ok("Actors", json!({"type": "object", "properties": {"actors": {"type": "array", "items": {"type": "object", "properties": {
                    "name": {"type": "string"}, "country": {"type": ["string", "null"]}, "events": {"type": "integer"}}}}}}))}},
            "/api/pairs": {"get": {"summary": "Who talks to whom: pairs by number of shared events, and mediators",
                "parameters": pairs_params,
                "responses": ok("Pairs", json!({"type": "object", "properties": {
                    "pairs": {"type": "array", "items": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "events": {"type": "integer"}}}},
                    "mediators": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "events": {"type": "integer"}}}}}}))}},
            "/api/stats": {"get": {"summary": "Counts over the filtered events", "parameters": filters(),
                "responses": ok("Counts", json!({"type": "object", "properties": {
                    "events": {"type": "integer"}, "documents": {"type": "integer"}, "mentions": {"type": "integer"}, "actors": {"type": "integer"},
                    "first_date": {"type": ["string", "null"]}, "last_date": {"type": ["string", "null"]},
                    "by_type": {"type": "object", "additionalProperties": {"type": "integer"}}, "by_status": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "with_conflicts": {"type": "integer"}}}))}},
            "/api/timeline": {"get": {"summary": "Events per period, type and status",
                "parameters": timeline_params,
                "responses": ok("Buckets", json!({"type": "object", "properties": {
                    "granularity": {"type": "string"},
                    "buckets": {"type": "array", "items": {"type": "object", "properties": {"period": {"type": "string"}, "type": {"type": "string"}, "status": {"type": "string"}, "events": {"type": "integer"}}}}}}))}},
            "/api/import": {"post": {"summary": "Extract events from uploaded articles (only with --allow-import; token required)",
                "security": [{"bearer": []}, {"token": []}],
                "parameters": [
                    {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["auto", "text", "html", "jsonl"]}},
                    {"name": "published", "in": "query", "schema": {"type": "string", "format": "date"}},
                    q("id", "Document id (plain text or HTML uploads)"),
                    {"name": "ingest", "in": "query", "schema": {"type": "boolean"}, "description": "Also add the documents to the store"}],
                "requestBody": {"required": true, "content": {"text/plain": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}}}},
                "responses": {"200": {"description": "Documents and the events found in each", "content": {"application/json": {"schema": {"type": "object", "properties": {
                        "documents": {"type": "array", "items": {"type": "object"}}, "events": {"type": "integer"}, "stored": {"type": ["object", "null"]}}}}}},
                    "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Error"},
                    "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}}}},
            "/api/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1"}}}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}, "token": {"type": "apiKey", "in": "header", "name": "X-Parley-Token"}},
            "responses": {
                "BadRequest": {"description": "A parameter is not accepted; the error says which and what is", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "Error": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["status", "message"], "properties": {
                    "status": {"type": "integer"}, "message": {"type": "string"}, "parameter": {"type": "string"}, "accepted": {"type": "string"}}}}},
                "MergedEvent": {"type": "object", "description": "A merged event as `parley events --format jsonl` prints it (docs/export-formats.md)",
                    "required": ["event_id", "type", "status", "participants", "date", "num_articles", "num_sources", "mentions", "conflicts"],
                    "properties": {
                        "event_id": {"type": "string"}, "type": {"type": "string"}, "cameo": {"type": "string"}, "plover": {"type": "object"},
                        "status": {"type": "string"}, "participants": {"type": "array", "items": {"type": "object"}}, "initiator": {"type": ["string", "null"]},
                        "date": {"type": "object", "properties": {"value": {"type": ["string", "null"]}, "precision": {"type": "string"}, "basis": {"type": "string"}}},
                        "location": {"type": ["object", "null"]}, "topics": {"type": "array", "items": {"type": "string"}},
                        "attributed_to": {"type": "array", "items": {"type": "string"}}, "evidence": {"type": "array", "items": {"type": "object"}},
                        "num_articles": {"type": "integer"}, "num_sources": {"type": "integer"},
                        "mentions": {"type": "array", "items": {"$ref": "#/components/schemas/Mention"}}, "conflicts": {"type": "array", "items": {"type": "object"}}}},
                "Mention": {"type": "object", "description": "One report of the event: what one document says",
                    "required": ["doc", "mention_id", "type", "status", "date", "evidence"],
                    "properties": {
                        "doc": {"type": "string"}, "outlet": {"type": ["string", "null"]}, "url": {"type": ["string", "null"]},
                        "published": {"type": ["string", "null"]}, "mention_id": {"type": "string"},
                        "type": {"type": "string"}, "status": {"type": "string"}, "date": {"type": "object"},
                        "location": {"type": ["object", "null"]}, "initiator": {"type": ["string", "null"]},
                        "attributed_to": {"type": "array", "items": {"type": "string"}}, "topics": {"type": "array", "items": {"type": "string"}},
                        "evidence": {"type": "array", "items": {"type": "object", "properties": {"text": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}}}},
                        "context_before": {"type": ["string", "null"], "description": "The sentence before the first evidence sentence in the document (at most 400 bytes, `…` where cut); null at the start of the document or when the store has no context for this report (stored before schema v4, or imported from Parquet)"},
                        "context_after": {"type": ["string", "null"], "description": "The sentence after the last evidence sentence, likewise; null at the end of the document"}}}
            }
        }
    })
}

/// `GET /api/openapi.json`.
pub async fn handler() -> Json<Value> {
    Json(document())
}
