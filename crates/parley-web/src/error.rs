//! Errors of the web application: JSON for the API, an HTML page for the pages.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A failed request: the HTTP status, a message for people, and for a bad parameter its name and
/// what it accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong, in words.
    pub message: String,
    /// The query parameter at fault, if any.
    pub parameter: Option<String>,
    /// What the parameter accepts, if known.
    pub accepted: Option<String>,
}

impl ApiError {
    /// 400: a parameter value that is not accepted.
    pub fn bad(
        parameter: &str,
        message: impl Into<String>,
        accepted: impl Into<String>,
    ) -> ApiError {
        let accepted = accepted.into();
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            parameter: Some(parameter.to_string()),
            accepted: if accepted.is_empty() {
                None
            } else {
                Some(accepted)
            },
        }
    }

    /// Any status with a message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            parameter: None,
            accepted: None,
        }
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 500: the message is logged to stderr; the client gets a generic one, since internal
    /// errors may name files on the server.
    pub fn internal(e: impl std::fmt::Display) -> ApiError {
        eprintln!("parley serve: error: {e:#}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error (logged on the server)",
        )
    }

    /// The JSON body: `{"error": {"status": 400, "message": "...", "parameter": "...", "accepted": "..."}}`.
    pub fn body(&self) -> serde_json::Value {
        let mut e = json!({"status": self.status.as_u16(), "message": self.message});
        if let Some(p) = &self.parameter {
            e["parameter"] = json!(p);
        }
        if let Some(a) = &self.accepted {
            e["accepted"] = json!(a);
        }
        json!({ "error": e })
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        ApiError::internal(e)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> ApiError {
        ApiError::internal(e)
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(e: serde_json::Error) -> ApiError {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}

/// The same error shown as an HTML page (for the pages, not the API).
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        let mut body = format!(
            "<h1>{}</h1><p class=\"error\">{}</p>",
            e.status.as_u16(),
            crate::html::esc(&e.message)
        );
        if let Some(a) = &e.accepted {
            body.push_str(&format!("<p>Accepted: {}</p>", crate::html::esc(a)));
        }
        body.push_str("<p><a href=\"/\">Home</a></p>");
        let page = crate::html::layout("Error", "", &body, false);
        (e.status, crate::html::HtmlPage(page)).into_response()
    }
}
