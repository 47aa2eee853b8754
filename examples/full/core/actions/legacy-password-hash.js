// Verifies passwords imported from the legacy member store (salted SHA-256).
const crypto = require('node:crypto');

exports.onExecuteCustomPasswordHash = async (event, api) => {
  const [salt, hash] = event.user.password_hash.split('$');
  const candidate = crypto.createHash('sha256').update(`${salt}${event.password}`).digest('hex');
  return candidate === hash ? api.authentication.success() : api.authentication.failure();
};
