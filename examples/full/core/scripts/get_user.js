// Custom database lookup by email (password reset, sign-up checks).
async function getUser(email, callback) {
  const response = await fetch(`${configuration.MEMBERS_URL}/members?email=${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${configuration.MEMBERS_TOKEN}` },
  });
  if (response.status === 404) return callback(null);
  if (!response.ok) return callback(new Error(`member store answered ${response.status}`));
  const member = await response.json();
  return callback(null, { user_id: member.id, email: member.email, name: member.name });
}
