#pragma once
// Small cryptographic helpers on libsodium, the only place it is called: random tokens,
// BLAKE2b and SHA-256 digests in hex, keyed hashes for tokens stored at rest, argon2id password
// hashes, and constant-time comparison. Every function is thread-safe.
#include <string>
#include <string_view>

namespace ketnoi::crypto {

// Initialises libsodium once (called by every function below; cheap after the first call).
void Init();

// A URL-safe random token of `bytes` random bytes (base64url, no padding).
std::string RandomToken(size_t bytes = 32);

// Lower-case hex digests.
std::string Blake2bHex(std::string_view data, size_t bytes = 32);
std::string KeyedBlake2bHex(std::string_view key, std::string_view data, size_t bytes = 32);
std::string Sha256Hex(std::string_view data);

// Incremental SHA-256 for large files.
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  std::string FinishHex();

 private:
  alignas(64) unsigned char state_[128];
};

// argon2id (libsodium's interactive limits by default). The string holds its own parameters.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);

bool ConstantTimeEqual(std::string_view a, std::string_view b);

}  // namespace ketnoi::crypto
