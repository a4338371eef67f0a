//! Password hashing with argon2id, always on the blocking pool: a hash takes tens of milliseconds
//! of CPU, which on the async executor would stall every other request on that thread.

use crate::error::{AppError, AppResult};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use coachkit_domain::account::Password;

fn hasher(memory_kib: u32) -> AppResult<Argon2<'static>> {
    let params = Params::new(memory_kib, 2, 1, None).map_err(|e| AppError::Internal(e.to_string().into()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub async fn hash(password: Password, memory_kib: u32) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher(memory_kib)?
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(e.to_string().into()))
    })
    .await
    .map_err(|e| AppError::Internal(Box::new(e)))?
}

/// Checks a password against a stored hash. The parameters come from the hash itself, so hashes
/// made with other settings keep working.
pub async fn verify(password: Password, stored: String) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&stored).map_err(|e| AppError::Internal(e.to_string().into()))?;
        Ok(Argon2::default().verify_password(password.expose().as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|e| AppError::Internal(Box::new(e)))?
}

/// A hash to verify against when the account does not exist, so a wrong e-mail costs as much time
/// as a wrong password and response times do not reveal which accounts exist.
pub async fn dummy_hash(memory_kib: u32) -> AppResult<String> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| async {
            hash(Password::parse_attempt("not a real password").map_err(AppError::from)?, memory_kib).await
        })
        .await
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_then_verify() {
        let h = hash(Password::parse_new("a long enough secret").unwrap(), 1024).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify(Password::parse_attempt("a long enough secret").unwrap(), h.clone()).await.unwrap());
        assert!(!verify(Password::parse_attempt("a long enough secreT").unwrap(), h).await.unwrap());
    }
}
