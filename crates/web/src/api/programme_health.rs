//! The programme health view over JSON: counts and who is quiet in every learning-log programme
//! and co-coaching engagement you facilitate or whose organisation you admin.

use crate::auth::ApiActor;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use coachkit_app::programme_health::HealthPage;

/// Every programme and engagement you facilitate or whose organisation you admin: counts
/// (people joined and invited, logs started and finished, sessions held in the window; cards
/// submitted, teams, actions done, value records) and who has gone quiet with what is
/// outstanding, never a word anyone wrote. 403 if you facilitate nothing and admin no
/// organisation that runs a programme.
#[utoipa::path(get, path = "/api/v1/health", tag = "programme_health", operation_id = "programme_health",
    responses((status = 200, body = HealthPage), (status = 403, body = ErrorBody)),
    security(("token" = []), ("session" = [])))]
pub async fn health(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<axum::Json<HealthPage>, ApiError> {
    Ok(axum::Json(state.app.programme_health(&actor).await?))
}
