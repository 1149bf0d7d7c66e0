use std::time::{SystemTime, UNIX_EPOCH};

use rand::distributions::Alphanumeric;
use rand::rngs::{OsRng, SmallRng, StdRng};
use rand::{Rng, RngCore, SeedableRng};

pub struct Session {
    pub user_id: u64,
    pub token: String,
}

pub struct ResetRequest {
    pub email: String,
    pub reset_code: u32,
}

pub fn new_session(user_id: u64) -> Session {
    // ruleid: rust-insecure-random-for-secret
    let token: String = rand::thread_rng().sample_iter(&Alphanumeric).take(32).map(char::from).collect();
    Session { user_id, token }
}

pub fn reset(email: String) -> ResetRequest {
    ResetRequest {
        email,
        // ruleid: rust-insecure-random-for-secret
        reset_code: SmallRng::from_entropy().gen_range(100_000..1_000_000),
    }
}

// ruleid: rust-insecure-random-for-secret
pub fn generate_api_key() -> String {
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let mut rng = StdRng::seed_from_u64(seed);
    (0..32).map(|_| format!("{:02x}", rng.gen::<u8>())).collect()
}

pub fn rotate(session: &mut Session) {
    // ruleid: rust-insecure-random-for-secret
    session.token = fastrand::u128(..).to_string();
}

pub fn new_session_secure(user_id: u64) -> Session {
    // ok: rust-insecure-random-for-secret
    let token: String = OsRng.sample_iter(&Alphanumeric).take(32).map(char::from).collect();
    Session { user_id, token }
}

// ok: rust-insecure-random-for-secret
pub fn generate_secret_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    OsRng.fill_bytes(&mut key);
    key
}

pub fn jitter_ms() -> u64 {
    // ok: rust-insecure-random-for-secret
    let delay = rand::thread_rng().gen_range(50..250);
    delay
}

pub fn sample_batch(items: &[u32]) -> Vec<u32> {
    let mut rng = rand::thread_rng();
    // ok: rust-insecure-random-for-secret
    let token_count = rng.gen_range(1..=items.len());
    items.iter().take(token_count).copied().collect()
}
